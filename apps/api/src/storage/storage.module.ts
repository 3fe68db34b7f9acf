import { Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { DiskDocumentStore } from './disk-document-store';
import { DOCUMENT_STORE, type DocumentStore } from './document-store';
import { S3DocumentStore } from './s3-document-store';

/** The store the configuration names: S3 when S3_BUCKET and its keys are set, else disk. */
export function createDocumentStore(storage: AppConfig['storage']): DocumentStore {
  switch (storage.kind) {
    case 'disk':
      return new DiskDocumentStore(storage.dir);
    case 's3':
      return new S3DocumentStore(storage);
  }
}

/**
 * Provides DOCUMENT_STORE. Nest runs the chosen store's lifecycle hooks (the disk store
 * sweeps stale temp files on start; the S3 store closes its client on shutdown).
 */
@Module({
  providers: [
    {
      provide: DOCUMENT_STORE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): DocumentStore => createDocumentStore(config.storage),
    },
  ],
  exports: [DOCUMENT_STORE],
})
export class StorageModule {}
