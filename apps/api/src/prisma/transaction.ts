import { Injectable, Logger } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import { PrismaService } from './prisma.service';

/** A database handle inside an interactive transaction; repositories take it explicitly. */
export type Tx = Prisma.TransactionClient;

/**
 * One change in the making: its transaction, and what the world must hear once it has
 * committed (never for a rolled-back one): the events it appended, and the workspaces whose
 * access (consents, participants) it changed.
 */
export class UnitOfWork {
  private readonly appended = new Map<string, { first: number; last: number }>();
  private readonly accessChangedIn = new Set<string>();
  private readonly lastWrites: (() => Promise<void>)[] = [];
  private readonly afterCommitWork: (() => Promise<void>)[] = [];

  constructor(readonly tx: Tx) {}

  /**
   * Work for the unit's last statements, inside its transaction, after everything else:
   * the audit rows. Their insert takes the audit chain's lock until commit, so writing them
   * last keeps that lock as short as can be, and lets the unit's own checks audit a denial
   * from outside the transaction meanwhile without waiting for it.
   */
  writeLast(write: () => Promise<void>): void {
    this.lastWrites.push(write);
  }

  /** Runs the unit's last writes, in order; the runner calls it once the work is done. */
  async finish(): Promise<void> {
    for (const write of this.lastWrites.splice(0)) {
      await write();
    }
  }

  /**
   * Work for once the unit has committed (never for a rolled-back one), after the commit
   * listeners, in the order it was added: a side effect of this one change that is no
   * event, such as closing the live sockets of sessions the unit ended. Like the listeners,
   * it is awaited before the caller's request returns, and its failure is logged, not thrown.
   */
  afterCommit(work: () => Promise<void>): void {
    this.afterCommitWork.push(work);
  }

  /** Takes the unit's after-commit work, once; the runner calls it after the commit. */
  takeAfterCommit(): (() => Promise<void>)[] {
    return this.afterCommitWork.splice(0);
  }

  /** The event log appended `seq` to the workspace (seqs of one unit are contiguous). */
  eventAppended(workspaceId: string, seq: number): void {
    const range = this.appended.get(workspaceId);
    if (range) {
      range.first = Math.min(range.first, seq);
      range.last = Math.max(range.last, seq);
    } else {
      this.appended.set(workspaceId, { first: seq, last: seq });
    }
  }

  /** Who may see what in the workspace changed: live followers must be re-judged. */
  accessChanged(workspaceId: string): void {
    this.accessChangedIn.add(workspaceId);
  }

  get appendedEvents(): ReadonlyMap<string, { readonly first: number; readonly last: number }> {
    return this.appended;
  }

  get changedAccess(): ReadonlySet<string> {
    return this.accessChangedIn;
  }
}

/** Work done once a unit has committed, before the caller's request returns. */
export type CommitListener = (unit: UnitOfWork) => Promise<void>;

/**
 * Work done inside a unit's transaction once its own work is done, before its last writes:
 * what must commit or roll back with the change (a job for the queue about its events).
 */
export type FinishingListener = (unit: UnitOfWork) => Promise<void>;

/**
 * Runs work in one interactive transaction. Services use it to write a change, its
 * workspace event and its audit row together (architecture.md: pass `tx` explicitly).
 *
 * After the commit each listener runs in order (lower first: access changes, order 0, must
 * reach live sockets before the unit's own events, order 10, are fanned out with the new
 * abilities), awaited so the HTTP response follows it. A listener's failure is logged, never
 * thrown: the change is committed and the client must learn that it succeeded.
 */
@Injectable()
export class TransactionRunner {
  private readonly logger = new Logger(TransactionRunner.name);
  private readonly listeners: { readonly order: number; readonly listener: CommitListener }[] = [];
  private readonly finishingListeners: FinishingListener[] = [];

  constructor(private readonly prisma: PrismaService) {}

  onCommitted(order: number, listener: CommitListener): void {
    this.listeners.push({ order, listener });
    // Stable: listeners of one order run in registration order.
    this.listeners.sort((a, b) => a.order - b.order);
  }

  /** Adds work every unit does in its transaction after its own (FinishingListener). */
  onFinishing(listener: FinishingListener): void {
    this.finishingListeners.push(listener);
  }

  async run<T>(work: (unit: UnitOfWork) => Promise<T>): Promise<T> {
    let unit: UnitOfWork | undefined;
    const result = await this.prisma.$transaction(
      async (tx) => {
        const current = new UnitOfWork(tx);
        unit = current;
        const done = await work(current);
        for (const listener of this.finishingListeners) {
          await listener(current);
        }
        await current.finish();
        return done;
      },
      { maxWait: 5_000, timeout: 15_000 },
    );
    if (unit) {
      for (const { listener } of this.listeners) {
        try {
          await listener(unit);
        } catch (error: unknown) {
          this.logger.error({ err: error }, 'after-commit work failed');
        }
      }
      for (const work of unit.takeAfterCommit()) {
        try {
          await work();
        } catch (error: unknown) {
          this.logger.error({ err: error }, 'after-commit work failed');
        }
      }
    }
    return result;
  }
}
