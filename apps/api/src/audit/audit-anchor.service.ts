import { appendFile } from 'node:fs/promises';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { anchorLine, type AuditAnchor } from './audit-anchor';
import { AuditRepository } from './audit.repository';

/**
 * Appends the audit chain's signed head to AUDIT_ANCHOR_FILE every
 * AUDIT_ANCHOR_INTERVAL_SECONDS (and once more at shutdown) when it has moved, and logs the
 * same line, so copies also reach wherever the logs are shipped. `npm run audit:verify`
 * checks the log against these anchors. Every instance anchors on its own; their lines
 * agree, because all of them read the one chain.
 */
@Injectable()
export class AuditAnchorService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditAnchorService.name);
  private timer: NodeJS.Timeout | undefined;
  private last: AuditAnchor | undefined;
  private running: Promise<void> | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditRepository,
  ) {}

  onApplicationBootstrap(): void {
    const anchor = this.config.auditAnchor;
    if (!anchor) {
      if (this.config.env === 'production') {
        this.logger.warn(
          'AUDIT_ANCHOR_FILE and AUDIT_ANCHOR_KEY are not set: the audit log is not anchored ' +
            'outside the database, so removing its last rows cannot be detected',
        );
      }
      return;
    }
    // At once, so the file exists as soon as the log has rows, then at every interval.
    void this.anchorNow();
    this.timer = setInterval(() => void this.anchorNow(), anchor.intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    if (this.config.auditAnchor) await this.anchorNow();
  }

  /** Anchors the current head unless it is the one anchored last. Never throws. */
  anchorNow(): Promise<void> {
    // One at a time: a slow disk must not let two runs count from the same start.
    this.running ??= this.writeAnchor().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async writeAnchor(): Promise<void> {
    const settings = this.config.auditAnchor;
    if (!settings) return;
    try {
      const head = await this.audit.head(this.last);
      if (!head || head.lastId === this.last?.lastId) return;
      if (this.last && head.lastId < this.last.lastId) {
        this.logger.error(
          `the audit log's last row went back from ${this.last.lastId.toString()} to ` +
            `${head.lastId.toString()}: rows were removed (run npm run audit:verify)`,
        );
        return;
      }
      const anchor: AuditAnchor = { at: new Date().toISOString(), ...head };
      const line = anchorLine(anchor, settings.key);
      await appendFile(settings.file, line, { mode: 0o600 });
      this.last = anchor;
      this.logger.log({ auditAnchor: JSON.parse(line) as unknown }, 'audit log anchored');
    } catch (error) {
      this.logger.error(
        `could not anchor the audit log: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
