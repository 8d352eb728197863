import type { Logger } from 'pino';
import type { Database, Sql } from '../db/database.ts';

/**
 * A job queue in PostgreSQL (ADR 0008). A job is enqueued in the caller's transaction, so it exists
 * only if that work commits. Workers on any number of app nodes claim ready jobs with
 * FOR UPDATE SKIP LOCKED, so no job runs twice at once; a failed job is retried with exponential
 * back-off and marked failed after its last attempt; a job whose worker died is taken over when
 * its lock expires.
 */
export type JobHandler = (payload: unknown, job: { id: string; attempts: number }) => Promise<void>;

export const RETRY = { baseSeconds: 30, maxSeconds: 3600 } as const;
export const LOCK_SECONDS = 300;

export async function enqueue(
  sql: Sql,
  kind: string,
  payload: unknown,
  options: { runAt?: Date; maxAttempts?: number } = {},
): Promise<string> {
  const { rows } = await sql.query<{ id: string }>(
    `insert into jobs (kind, payload, run_at, max_attempts) values ($1, $2, coalesce($3, now()), $4) returning id`,
    [kind, JSON.stringify(payload), options.runAt ?? null, options.maxAttempts ?? 5],
  );
  return rows[0]?.id as string;
}

/** The back-off after a failed attempt: 30 s, 60 s, 120 s ... at most an hour. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(RETRY.maxSeconds, RETRY.baseSeconds * 2 ** Math.max(0, attempts - 1));
}

type Claimed = { id: string; kind: string; payload: unknown; attempts: number; maxAttempts: number };

async function claim(db: Database, limit: number): Promise<Claimed[]> {
  return db.platform(async (sql) => {
    // A job whose worker died after its last attempt is not run again: it may be what stopped the worker.
    await sql.query(
      `update jobs set failed_at = now(), locked_until = null,
              last_error = coalesce(last_error || ' / ', '') || 'The worker stopped before this attempt finished.'
       where id in (select id from jobs
                    where completed_at is null and failed_at is null
                      and locked_until < now() and attempts >= max_attempts
                    for update skip locked)`,
    );
    const { rows } = await sql.query<Claimed>(
      `update jobs j set locked_until = now() + make_interval(secs => $2), attempts = j.attempts + 1
       from (select id from jobs
             where completed_at is null and failed_at is null and run_at <= now()
               and (locked_until is null or locked_until < now())
               and attempts < max_attempts
             order by run_at, id
             limit $1
             for update skip locked) ready
       where j.id = ready.id
       returning j.id::text as id, j.kind, j.payload, j.attempts, j.max_attempts as "maxAttempts"`,
      [limit, LOCK_SECONDS],
    );
    return rows;
  });
}

async function finish(db: Database, job: Claimed, error: unknown): Promise<void> {
  // Only while this claim still holds: after its lock expired another worker may have taken the job over.
  const mine = 'id = $1 and attempts = $2 and completed_at is null and failed_at is null';
  await db.platform(async (sql) => {
    if (!error) {
      await sql.query(`update jobs set completed_at = now(), locked_until = null, last_error = null where ${mine}`, [job.id, job.attempts]);
      return;
    }
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
    if (job.attempts >= job.maxAttempts) {
      await sql.query(`update jobs set failed_at = now(), locked_until = null, last_error = $3 where ${mine}`, [
        job.id,
        job.attempts,
        message,
      ]);
    } else {
      await sql.query(`update jobs set run_at = now() + make_interval(secs => $4), locked_until = null, last_error = $3 where ${mine}`, [
        job.id,
        job.attempts,
        message,
        retryDelaySeconds(job.attempts),
      ]);
    }
  });
}

/**
 * Makes sure one job of a recurring kind is waiting: when none is pending, the next one is planned
 * `everySeconds` after the last one finished (at once if none ever ran, or if that moment has
 * passed). An advisory lock keeps two app nodes from planning the same run twice.
 */
export async function ensureRecurring(db: Database, kind: string, everySeconds: number): Promise<boolean> {
  return db.platform(async (sql) => {
    await sql.query(`select pg_advisory_xact_lock(hashtext('naaste.recurring:' || $1))`, [kind]);
    const { rowCount } = await sql.query(
      `insert into jobs (kind, payload, run_at, max_attempts)
       select $1, '{"recurring":true}'::jsonb,
              greatest(now(), coalesce((select max(completed_at) from jobs where kind = $1) + make_interval(secs => $2), now())), 3
       where not exists (select 1 from jobs where kind = $1 and completed_at is null and failed_at is null)`,
      [kind, everySeconds],
    );
    return (rowCount ?? 0) > 0;
  });
}

export type Worker = {
  /** Claims and runs the ready jobs once; returns how many ran. */
  runOnce: () => Promise<number>;
  /** Stops polling and waits for the jobs that are running. */
  stop: () => Promise<void>;
};

export function startWorker(options: {
  db: Database;
  handlers: Record<string, JobHandler>;
  pollMs?: number;
  batch?: number;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** false: no polling, only runOnce (tests). */
  poll?: boolean;
  /** Kinds that run again and again, with the seconds between runs (e.g. a daily reminder sweep). */
  recurring?: Record<string, number>;
}): Worker {
  const { db, handlers } = options;
  let stopped = false;
  let running: Promise<number> = Promise.resolve(0);
  let timer: NodeJS.Timeout | undefined;

  let plannedAt = 0;
  const planRecurring = async () => {
    // Checked at most once a minute; the jobs themselves run at their own pace.
    if (Date.now() - plannedAt < 60_000) return;
    plannedAt = Date.now();
    for (const [kind, every] of Object.entries(options.recurring ?? {})) await ensureRecurring(db, kind, every);
  };

  const runOnce = async (): Promise<number> => {
    await planRecurring();
    const jobs = await claim(db, options.batch ?? 10);
    for (const job of jobs) {
      const handler = handlers[job.kind];
      try {
        if (!handler) throw new Error(`No handler for jobs of kind "${job.kind}".`);
        await handler(job.payload, { id: job.id, attempts: job.attempts });
        await finish(db, job, null);
      } catch (error) {
        options.logger?.warn({ job: job.id, kind: job.kind, attempt: job.attempts, err: error }, 'job failed');
        await finish(db, job, error);
      }
    }
    return jobs.length;
  };

  const tick = () => {
    if (stopped) return;
    running = runOnce()
      .catch((error: unknown) => {
        options.logger?.error({ err: error }, 'job queue could not be read');
        return 0;
      })
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.pollMs ?? 1000);
      });
  };
  if (options.poll !== false) tick();

  return {
    runOnce,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
