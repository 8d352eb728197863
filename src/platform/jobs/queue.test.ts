import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asOwner, createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';
import { enqueue, ensureRecurring, LOCK_SECONDS, retryDelaySeconds, startWorker } from './queue.ts';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});

afterAll(async () => {
  await t?.drop();
});

const job = (id: string) =>
  asOwner(
    t.ownerUrl,
    async (c) => (await c.query('select *, extract(epoch from run_at - now()) as wait from jobs where id = $1', [id])).rows[0],
  );
const clean = () => asOwner(t.ownerUrl, (c) => c.query('delete from jobs'));

describe('the job queue', () => {
  it('keeps a job only when the enqueuing transaction commits', async () => {
    await clean();
    await expect(
      t.db.platform(async (sql) => {
        await enqueue(sql, 'test.noop', { n: 1 });
        throw new Error('the work failed');
      }),
    ).rejects.toThrow('the work failed');
    expect(await asOwner(t.ownerUrl, async (c) => (await c.query('select count(*)::int as n from jobs')).rows[0].n)).toBe(0);
  });

  it('runs a job once and marks it completed', async () => {
    await clean();
    const seen: unknown[] = [];
    const id = await t.db.platform((sql) => enqueue(sql, 'test.record', { hello: 'wereld' }));
    const worker = startWorker({ db: t.db, handlers: { 'test.record': async (payload) => void seen.push(payload) }, poll: false });
    expect(await worker.runOnce()).toBe(1);
    expect(await worker.runOnce()).toBe(0);
    expect(seen).toEqual([{ hello: 'wereld' }]);
    expect((await job(id)).completed_at).toBeInstanceOf(Date);
  });

  it('retries a failing job with growing back-off, then marks it failed with the error', async () => {
    await clean();
    expect([1, 2, 3, 4].map(retryDelaySeconds)).toEqual([30, 60, 120, 240]);
    expect(retryDelaySeconds(20)).toBe(3600);
    const id = await t.db.platform((sql) => enqueue(sql, 'test.fail', {}, { maxAttempts: 3 }));
    let calls = 0;
    const worker = startWorker({
      db: t.db,
      poll: false,
      handlers: {
        'test.fail': async () => {
          calls += 1;
          throw new Error(`mail server said no (${calls})`);
        },
      },
    });
    expect(await worker.runOnce()).toBe(1);
    let row = await job(id);
    expect(row.attempts).toBe(1);
    expect(row.last_error).toBe('mail server said no (1)');
    expect(Number(row.wait)).toBeGreaterThan(25);
    expect(row.failed_at).toBeNull();
    // Not ready yet: the back-off holds it.
    expect(await worker.runOnce()).toBe(0);
    for (let attempt = 2; attempt <= 3; attempt++) {
      await asOwner(t.ownerUrl, (c) => c.query('update jobs set run_at = now() where id = $1', [id]));
      expect(await worker.runOnce()).toBe(1);
    }
    row = await job(id);
    expect(row.attempts).toBe(3);
    expect(row.failed_at).toBeInstanceOf(Date);
    expect(row.last_error).toBe('mail server said no (3)');
    await asOwner(t.ownerUrl, (c) => c.query('update jobs set run_at = now() where id = $1', [id]));
    expect(await worker.runOnce()).toBe(0);
    expect(calls).toBe(3);
  });

  it('fails a job of an unknown kind clearly', async () => {
    await clean();
    const id = await t.db.platform((sql) => enqueue(sql, 'test.unknown', {}, { maxAttempts: 1 }));
    await startWorker({ db: t.db, handlers: {}, poll: false }).runOnce();
    const row = await job(id);
    expect(row.failed_at).toBeInstanceOf(Date);
    expect(row.last_error).toBe('No handler for jobs of kind "test.unknown".');
  });

  it('never runs one job in two workers at once (SKIP LOCKED)', async () => {
    await clean();
    await t.db.platform(async (sql) => {
      for (let i = 0; i < 40; i++) await enqueue(sql, 'test.count', { i });
    });
    const runs = new Map<number, number>();
    const handler = async (payload: unknown) => {
      const i = (payload as { i: number }).i;
      runs.set(i, (runs.get(i) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, 2));
    };
    const workers = [0, 1, 2].map(() => startWorker({ db: t.db, handlers: { 'test.count': handler }, poll: false, batch: 3 }));
    let total = 0;
    for (let round = 0; round < 20 && total < 40; round++) {
      total += (await Promise.all(workers.map((w) => w.runOnce()))).reduce((a, b) => a + b, 0);
    }
    expect(total).toBe(40);
    expect(runs.size).toBe(40);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
  });

  it('takes over a job whose worker died (its lock expired)', async () => {
    await clean();
    const id = await t.db.platform((sql) => enqueue(sql, 'test.record', {}));
    // A worker claimed it and vanished: locked, attempt counted, never finished.
    await asOwner(t.ownerUrl, (c) =>
      c.query(`update jobs set attempts = 1, locked_until = now() + interval '${LOCK_SECONDS} seconds' where id = $1`, [id]),
    );
    const worker = startWorker({ db: t.db, handlers: { 'test.record': async () => {} }, poll: false });
    expect(await worker.runOnce()).toBe(0);
    await asOwner(t.ownerUrl, (c) => c.query(`update jobs set locked_until = now() - interval '1 second' where id = $1`, [id]));
    expect(await worker.runOnce()).toBe(1);
    expect((await job(id)).completed_at).toBeInstanceOf(Date);
  });

  it('does not run again a job whose worker died on its last attempt, and marks it failed', async () => {
    await clean();
    const id = await t.db.platform((sql) => enqueue(sql, 'test.record', {}, { maxAttempts: 2 }));
    // The second and last attempt was claimed by a worker that never came back.
    await asOwner(t.ownerUrl, (c) =>
      c.query(`update jobs set attempts = 2, last_error = 'timeout', locked_until = now() - interval '1 second' where id = $1`, [id]),
    );
    let ran = 0;
    const worker = startWorker({
      db: t.db,
      handlers: {
        'test.record': async () => {
          ran += 1;
        },
      },
      poll: false,
    });
    expect(await worker.runOnce()).toBe(0);
    expect(ran).toBe(0);
    const row = await job(id);
    expect(row.failed_at).toBeInstanceOf(Date);
    expect(row.completed_at).toBeNull();
    expect(row.last_error).toBe('timeout / The worker stopped before this attempt finished.');
  });

  it('lets a late worker not overwrite the outcome of the worker that took its job over', async () => {
    await clean();
    const id = await t.db.platform((sql) => enqueue(sql, 'test.slow', {}));
    let release: () => void = () => {};
    const slowDone = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started: () => void = () => {};
    const slowStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    const slow = startWorker({
      db: t.db,
      poll: false,
      handlers: {
        'test.slow': async () => {
          started();
          await slowDone;
          throw new Error('too late');
        },
      },
    });
    const slowRun = slow.runOnce();
    await slowStarted;
    // The slow worker's lock runs out; another worker takes the job over and finishes it.
    await asOwner(t.ownerUrl, (c) => c.query(`update jobs set locked_until = now() - interval '1 second' where id = $1`, [id]));
    const quick = startWorker({ db: t.db, poll: false, handlers: { 'test.slow': async () => {} } });
    expect(await quick.runOnce()).toBe(1);
    release();
    expect(await slowRun).toBe(1);
    const row = await job(id);
    expect(row.completed_at).toBeInstanceOf(Date);
    expect(row.failed_at).toBeNull();
    expect(row.last_error).toBeNull();
    expect(row.attempts).toBe(2);
  });

  it('polls by itself and stops cleanly', async () => {
    await clean();
    let ran = 0;
    const worker = startWorker({
      db: t.db,
      handlers: {
        'test.record': async () => {
          ran += 1;
        },
      },
      pollMs: 20,
    });
    await t.db.platform((sql) => enqueue(sql, 'test.record', {}));
    await expect.poll(() => ran, { timeout: 5000 }).toBe(1);
    await worker.stop();
  });
});

describe('recurring jobs', () => {
  const pending = (kind: string) =>
    asOwner(
      t.ownerUrl,
      async (c) =>
        (
          await c.query(
            `select id, extract(epoch from run_at - now()) as wait from jobs
             where kind = $1 and completed_at is null and failed_at is null`,
            [kind],
          )
        ).rows as { id: string; wait: number }[],
    );

  it('plans one run at a time, even when asked from two nodes at once', async () => {
    await clean();
    const results = await Promise.all([1, 2, 3, 4].map(() => ensureRecurring(t.db, 'test.daily', 86_400)));
    expect(results.filter(Boolean)).toHaveLength(1);
    const waiting = await pending('test.daily');
    expect(waiting).toHaveLength(1);
    expect(Number(waiting[0]?.wait)).toBeLessThan(1);
  });

  it('after a run, plans the next one the interval later', async () => {
    await clean();
    let runs = 0;
    const worker = startWorker({
      db: t.db,
      poll: false,
      handlers: {
        'test.daily': async () => {
          runs += 1;
        },
      },
      recurring: { 'test.daily': 86_400 },
    });
    expect(await worker.runOnce()).toBe(1);
    expect(runs).toBe(1);
    // The worker plans at most once a minute; plan again as the next minute's check would.
    expect(await ensureRecurring(t.db, 'test.daily', 86_400)).toBe(true);
    const waiting = await pending('test.daily');
    expect(waiting).toHaveLength(1);
    expect(Number(waiting[0]?.wait)).toBeGreaterThan(86_000);
    expect(await worker.runOnce()).toBe(0);
    expect(runs).toBe(1);
  });
});
