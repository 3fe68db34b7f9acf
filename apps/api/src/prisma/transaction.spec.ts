import type { PrismaService } from './prisma.service';
import { afterCommit, TransactionRunner, type Tx } from './transaction';

/** A stand-in for Prisma's interactive transaction: commits unless the work throws. */
function runner(): TransactionRunner {
  const prisma = {
    $transaction: (work: (tx: Tx) => Promise<unknown>) => work({} as Tx),
  };
  return new TransactionRunner(prisma as unknown as PrismaService);
}

describe('TransactionRunner after-commit hooks', () => {
  it('runs hooks after the work, lower order first, before run() resolves', async () => {
    const seen: string[] = [];
    const result = await runner().run((tx) => {
      afterCommit(tx, () => {
        seen.push('events');
        return Promise.resolve();
      });
      afterCommit(
        tx,
        () => {
          seen.push('access');
          return Promise.resolve();
        },
        0,
      );
      seen.push('work');
      return Promise.resolve(42);
    });
    expect(result).toBe(42);
    expect(seen).toEqual(['work', 'access', 'events']);
  });

  it('never runs a hook of a transaction that rolled back', async () => {
    const seen: string[] = [];
    await expect(
      runner().run((tx) => {
        afterCommit(tx, () => {
          seen.push('hook');
          return Promise.resolve();
        });
        return Promise.reject(new Error('rolled back'));
      }),
    ).rejects.toThrow('rolled back');
    expect(seen).toEqual([]);
  });

  it('keeps the committed result when a hook fails, and still runs the others', async () => {
    const seen: string[] = [];
    const result = await runner().run((tx) => {
      afterCommit(tx, () => Promise.reject(new Error('publish failed')), 0);
      afterCommit(tx, () => {
        seen.push('next');
        return Promise.resolve();
      });
      return Promise.resolve('committed');
    });
    expect(result).toBe('committed');
    expect(seen).toEqual(['next']);
  });

  it('registers nothing for a transaction it did not open', () => {
    expect(afterCommit({} as Tx, () => Promise.resolve())).toBe(false);
  });
});
