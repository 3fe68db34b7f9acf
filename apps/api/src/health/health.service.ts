import { readdir } from 'node:fs/promises';
import { Inject, Injectable } from '@nestjs/common';
import type { ReadinessReport } from '@atergang/contracts';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { HealthRepository } from './health.repository';

export type { ReadinessReport };

@Injectable()
export class HealthService {
  constructor(
    private readonly repository: HealthRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Ready means: the database answers and every migration shipped with the app is applied. */
  async readiness(): Promise<ReadinessReport> {
    const expected = await this.shippedMigrations();
    try {
      await this.repository.ping();
      const applied = await this.repository.appliedMigrations();
      const done = new Set(applied.filter((m) => m.finished).map((m) => m.name));
      const pending = expected.filter((name) => !done.has(name));
      return {
        ready: pending.length === 0,
        database: 'up',
        migrations: { expected: expected.length, applied: done.size, pending },
      };
    } catch {
      return {
        ready: false,
        database: 'down',
        migrations: { expected: expected.length, applied: 0, pending: expected },
      };
    }
  }

  private async shippedMigrations(): Promise<string[]> {
    const entries = await readdir(this.config.migrationsDir, { withFileTypes: true });
    return entries
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  }
}
