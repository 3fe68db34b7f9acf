import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@prisma/client';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';

/**
 * The Prisma client on the JS driver adapter (no binary engine: toolchain.md).
 * Pool errors are logged, never thrown: a dropped database connection must not kill
 * the process; the next query gets a fresh connection once PostgreSQL is back.
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const logger = new Logger('Database');
    super({
      adapter: new PrismaPg(
        { connectionString: config.databaseUrl, max: config.databasePoolSize },
        {
          onPoolError: (err) => {
            logger.warn({ err }, 'Idle database connection failed');
          },
          onConnectionError: (err) => {
            logger.warn({ err }, 'Database connection failed');
          },
        },
      ),
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
