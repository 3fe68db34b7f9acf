import type { PrismaService } from './prisma.service';
import { TransactionRunner, type Tx } from './transaction';

/** A stand-in for Prisma's interactive transaction: commits unless the work throws. */
function runner(): TransactionRunner {
  const prisma = {
    $transaction: (work: (tx: Tx) => Promise<unknown>) => work({} as Tx),
  };
  return new TransactionRunner(prisma as unknown as PrismaService);
}

describe('TransactionRunner', () => {
  it('runs the unit’s last writes after its work, inside the transaction, in order', async () => {
    const seen: string[] = [];
    const result = await runner().run((unit) => {
      unit.writeLast(() => {
        seen.push('audit 1');
        return Promise.resolve();
      });
      unit.writeLast(() => {
        seen.push('audit 2');
        return Promise.resolve();
      });
      seen.push('work');
      return Promise.resolve(42);
    });
    expect(result).toBe(42);
    expect(seen).toEqual(['work', 'audit 1', 'audit 2']);
  });

  it('runs commit listeners after the commit, lower order first, with what the unit did', async () => {
    const seen: string[] = [];
    const transactions = runner();
    transactions.onCommitted(10, (unit) => {
      seen.push(`events ${[...unit.appendedEvents.keys()].join()}`);
      return Promise.resolve();
    });
    transactions.onCommitted(0, (unit) => {
      seen.push(`access ${[...unit.changedAccess].join()}`);
      return Promise.resolve();
    });
    await transactions.run((unit) => {
      unit.eventAppended('w1', 3);
      unit.eventAppended('w1', 4);
      unit.accessChanged('w2');
      seen.push('work');
      return Promise.resolve();
    });
    expect(seen).toEqual(['work', 'access w2', 'events w1']);
  });

  it('records the seqs a unit appended as one range per workspace', async () => {
    let range: unknown;
    const transactions = runner();
    transactions.onCommitted(10, (unit) => {
      range = unit.appendedEvents.get('w1');
      return Promise.resolve();
    });
    await transactions.run((unit) => {
      unit.eventAppended('w1', 7);
      unit.eventAppended('w1', 5);
      unit.eventAppended('w1', 6);
      return Promise.resolve();
    });
    expect(range).toEqual({ first: 5, last: 7 });
  });

  it('never runs a listener of a unit that rolled back, nor its last writes', async () => {
    const seen: string[] = [];
    const transactions = runner();
    transactions.onCommitted(0, () => {
      seen.push('listener');
      return Promise.resolve();
    });
    await expect(
      transactions.run((unit) => {
        unit.writeLast(() => {
          seen.push('last write');
          return Promise.resolve();
        });
        return Promise.reject(new Error('rolled back'));
      }),
    ).rejects.toThrow('rolled back');
    expect(seen).toEqual([]);
  });

  it('keeps the committed result when a listener fails, and still runs the others', async () => {
    const seen: string[] = [];
    const transactions = runner();
    transactions.onCommitted(0, () => Promise.reject(new Error('publish failed')));
    transactions.onCommitted(10, () => {
      seen.push('next');
      return Promise.resolve();
    });
    const result = await transactions.run(() => Promise.resolve('committed'));
    expect(result).toBe('committed');
    expect(seen).toEqual(['next']);
  });

  it('runs a unit’s after-commit work after the listeners, and never for a rollback', async () => {
    const seen: string[] = [];
    const transactions = runner();
    transactions.onCommitted(10, () => {
      seen.push('listener');
      return Promise.resolve();
    });
    await transactions.run((unit) => {
      unit.afterCommit(() => Promise.reject(new Error('sockets unreachable')));
      unit.afterCommit(() => {
        seen.push('close sockets');
        return Promise.resolve();
      });
      return Promise.resolve();
    });
    expect(seen).toEqual(['listener', 'close sockets']);
    seen.length = 0;
    await expect(
      transactions.run((unit) => {
        unit.afterCommit(() => {
          seen.push('after a rollback');
          return Promise.resolve();
        });
        return Promise.reject(new Error('rolled back'));
      }),
    ).rejects.toThrow('rolled back');
    expect(seen).toEqual([]);
  });
});
