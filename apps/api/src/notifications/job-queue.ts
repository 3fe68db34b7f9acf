import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { Logger as WorkerLogger, run, type Runner, type TaskList } from 'graphile-worker';
import pg from 'pg';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import type { Tx } from '../prisma/transaction';

/** The queue's schema, migrated by the owner (tools/job-queue-schema.mjs), never by the API. */
export const JOB_QUEUE_SCHEMA = 'graphile_worker';

/** How often this instance looks for jobs left locked by an instance that died. */
const SWEEP_INTERVAL_MS = 5_000;
/** How often the queue is polled besides LISTEN/NOTIFY (jobs that become due with time). */
const POLL_INTERVAL_MS = 1_000;
/** How long a stopping instance waits for its running job. */
const STOP_GRACE_MS = 5_000;
/** Advisory-lock namespace of the queue's liveness locks (first key of the two-key form). */
const LIVENESS_NAMESPACE = 0x4a_4f_42; // "JOB"

export interface JobOptions {
  /** When it becomes due (default: now). */
  readonly runAt?: Date;
  /** One job per key: adding again moves it (replace) or keeps its time (preserve_run_at). */
  readonly jobKey?: string;
  readonly jobKeyMode?: 'replace' | 'preserve_run_at';
  /** Attempts before the queue gives up; each failure waits exponentially longer. */
  readonly maxAttempts?: number;
}

export type JobHandler = (payload: unknown) => Promise<void>;

/**
 * The PostgreSQL job queue (graphile-worker 0.16): reminders, digests and the work after a
 * change. Jobs are added in the change's own transaction (`add`), so a rolled-back change
 * leaves no job; a job key lets a reminder be moved or removed when its reason changes.
 *
 * Every instance with JOB_WORKER=on works the queue with one worker. The queue locks a job
 * while a worker runs it, so two instances never run the same job at once; a handler that
 * throws is retried. A worker that dies holding a job would leave it locked for the queue's
 * four hours; here every worker holds a session advisory lock named after it for as long as
 * its process lives, and any instance that finds a job locked by a worker whose advisory
 * lock is free (its connection is gone: the process died) unlocks it at once
 * (force_unlock_workers), so the job runs again within seconds. Handlers are idempotent
 * (each notification has its own key), so a job run twice makes nothing twice.
 *
 * The queue runs on Node's clock (useNodeTime): reminder times are computed from it, and the
 * queue's tests move it instead of waiting.
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(JobQueue.name);
  private readonly handlers: TaskList = {};
  private readonly workerId = `atergang-${randomUUID()}`;
  private pool: pg.Pool | undefined;
  private liveness: pg.Client | undefined;
  private runner: Runner | undefined;
  private sweeper: NodeJS.Timeout | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Registers the handler of a kind of job (before the application starts). */
  register(identifier: string, handler: JobHandler): void {
    this.handlers[identifier] = (payload) => handler(payload);
  }

  /** Adds a job inside `tx`: it exists exactly when the transaction commits. */
  async add(tx: Tx, identifier: string, payload: object, options: JobOptions = {}): Promise<void> {
    await tx.$executeRaw`
      SELECT graphile_worker.add_job(
        identifier => ${identifier},
        payload => ${JSON.stringify(payload)}::json,
        run_at => ${options.runAt ?? null}::timestamptz,
        max_attempts => ${options.maxAttempts ?? 12}::int,
        job_key => ${options.jobKey ?? null}::text,
        job_key_mode => ${options.jobKeyMode ?? 'replace'}::text
      )`;
  }

  /** Removes the job with this key, if it has not started (a reminder whose reason went). */
  async remove(tx: Tx, jobKey: string): Promise<void> {
    await tx.$executeRaw`SELECT graphile_worker.remove_job(${jobKey}::text)`;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.jobs.worker) return;
    this.pool = new pg.Pool({ connectionString: this.config.databaseUrl, max: 4 });
    this.pool.on('error', (error) => {
      this.logger.warn(`job queue connection: ${error.message}`);
    });
    // Taken before the worker can lock any job, and held for the life of this process.
    await this.holdLiveness();
    this.runner = await run({
      pgPool: this.pool,
      schema: JOB_QUEUE_SCHEMA,
      taskList: this.handlers,
      concurrency: 1,
      // Read by the pool from the raw options (0.16 types leave it off RunnerOptions):
      // the liveness lock above is named after it.
      ...({ workerId: this.workerId } as object),
      noHandleSignals: true,
      pollInterval: POLL_INTERVAL_MS,
      useNodeTime: true,
      logger: this.workerLogger(),
    });
    await this.sweep();
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.sweeper);
    // Lets the running job finish and releases the worker's jobs for the other instances.
    // With the database gone each step would wait for it, so together they get
    // STOP_GRACE_MS (a job left locked is released by another instance's sweep once this
    // process has exited).
    const runner = this.runner;
    const liveness = this.liveness;
    const pool = this.pool;
    this.runner = undefined;
    this.liveness = undefined;
    this.pool = undefined;
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([
      (async () => {
        await runner?.stop().catch((error: unknown) => {
          this.logger.warn(`job queue stop: ${describe(error)}`);
        });
        await liveness?.end().catch(() => undefined);
        await pool?.end().catch(() => undefined);
      })(),
      new Promise((resolve) => (grace = setTimeout(resolve, STOP_GRACE_MS))),
    ]);
    clearTimeout(grace);
  }

  /**
   * Connects the liveness session and takes this worker's advisory lock. A session lost (the
   * database restarted) is taken again by the next sweep; meanwhile another instance may
   * release this worker's jobs, which only means a job may run twice (handlers are
   * idempotent).
   */
  private async holdLiveness(): Promise<void> {
    const client = new pg.Client({ connectionString: this.config.databaseUrl });
    client.on('error', (error) => {
      this.logger.warn(`job queue liveness: ${error.message}`);
      if (this.liveness === client) this.liveness = undefined;
      void client.end().catch(() => undefined);
    });
    await client.connect();
    await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [
      LIVENESS_NAMESPACE,
      this.workerId,
    ]);
    this.liveness = client;
  }

  /** Unlocks the jobs of workers whose process has died (their liveness lock is free). */
  private async sweep(): Promise<void> {
    if (!this.liveness) {
      try {
        await this.holdLiveness();
      } catch (error) {
        this.logger.warn(`job queue liveness: ${describe(error)}`);
        return;
      }
    }
    const client = this.liveness;
    if (!client) return;
    try {
      const { rows } = await client.query<{ lockedBy: string }>(
        `SELECT DISTINCT locked_by AS "lockedBy" FROM ${JOB_QUEUE_SCHEMA}._private_jobs
          WHERE locked_by IS NOT NULL AND locked_by <> $1 AND locked_by LIKE 'atergang-%'`,
        [this.workerId],
      );
      for (const { lockedBy } of rows) {
        const { rows: probe } = await client.query<{ free: boolean }>(
          'SELECT pg_try_advisory_lock($1, hashtext($2)) AS free',
          [LIVENESS_NAMESPACE, lockedBy],
        );
        if (!probe[0]?.free) continue;
        await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [
          LIVENESS_NAMESPACE,
          lockedBy,
        ]);
        await client.query(`SELECT ${JOB_QUEUE_SCHEMA}.force_unlock_workers($1::text[])`, [
          [lockedBy],
        ]);
        this.logger.warn(`released the jobs of ${lockedBy}, whose process is gone`);
      }
    } catch (error) {
      this.logger.warn(`job queue sweep: ${describe(error)}`);
    }
  }

  /** graphile-worker's log lines through ours: its warnings and errors only. */
  private workerLogger(): WorkerLogger {
    return new WorkerLogger(() => (level, message) => {
      // LogLevel is a const enum of these strings, not importable as a value here.
      const name: string = level;
      if (name === 'error') this.logger.error(message);
      else if (name === 'warning') this.logger.warn(message);
    });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
