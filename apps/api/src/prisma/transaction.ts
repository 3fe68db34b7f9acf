import { Injectable, Logger } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import { PrismaService } from './prisma.service';

/** A database handle inside an interactive transaction; repositories take it explicitly. */
export type Tx = Prisma.TransactionClient;

/**
 * Work to run once the transaction has committed (never for a rolled-back one). Lower
 * `order` runs first: access changes (order 0) must reach live sockets before the
 * transaction's own events (order 10) are fanned out with the new abilities.
 */
interface AfterCommitHook {
  readonly order: number;
  readonly run: () => Promise<void>;
}

const hooksOfTransaction = new WeakMap<Tx, AfterCommitHook[]>();

/**
 * Registers `run` to be awaited after `tx` commits, before TransactionRunner.run returns,
 * so the caller's HTTP response follows the hook. A hook's failure is logged, never
 * thrown: the change is already committed and the client must learn that it succeeded.
 * Returns false when `tx` was not opened by TransactionRunner (nothing is registered).
 */
export function afterCommit(tx: Tx, run: () => Promise<void>, order = 10): boolean {
  const hooks = hooksOfTransaction.get(tx);
  if (!hooks) {
    return false;
  }
  hooks.push({ order, run });
  return true;
}

/**
 * Runs work in one interactive transaction. Services use it to write a change, its
 * workspace event and its audit row together (architecture.md: pass `tx` explicitly).
 */
@Injectable()
export class TransactionRunner {
  private readonly logger = new Logger(TransactionRunner.name);

  constructor(private readonly prisma: PrismaService) {}

  async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const hooks: AfterCommitHook[] = [];
    const result = await this.prisma.$transaction(
      (tx) => {
        hooksOfTransaction.set(tx, hooks);
        return work(tx);
      },
      { maxWait: 5_000, timeout: 15_000 },
    );
    // Stable sort: hooks of one order run in registration order.
    for (const hook of [...hooks].sort((a, b) => a.order - b.order)) {
      try {
        await hook.run();
      } catch (error: unknown) {
        this.logger.error({ err: error }, 'after-commit hook failed');
      }
    }
    return result;
  }
}
