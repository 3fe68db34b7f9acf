import type { PrismaClient } from '@prisma/client';

/**
 * Waits until no job is due or running (by Node's clock, which the queue runs on, so a
 * test that moves the clock sees the jobs it made due); a job that failed is reported with
 * its error instead of being waited for.
 */
export async function queueDrained(prisma: PrismaClient, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [state] = await prisma.$queryRaw<{ due: number; failing: string | null }[]>`
      SELECT count(*) FILTER (WHERE (run_at <= ${new Date()}::timestamptz AND attempts = 0)
                                 OR locked_at IS NOT NULL)::int AS due,
             max(last_error) AS failing
        FROM graphile_worker._private_jobs`;
    if (state?.failing) throw new Error(`a job failed: ${state.failing}`);
    if (state?.due === 0) return;
    if (Date.now() > until) throw new Error(`the queue did not drain (${state?.due} due)`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
