import type { Sql } from '../db/database.ts';

/**
 * Lock-out with back-off: after a few free failures a key (an email address, an IP address, an
 * account's second factor) is locked for 1, 2, 4 ... minutes, at most an hour. A success clears it.
 */
export const THROTTLE = { freeFailures: 5, maxLockMinutes: 60 } as const;

export async function lockedUntil(sql: Sql, key: string): Promise<Date | null> {
  const { rows } = await sql.query<{ until: Date }>(
    'select locked_until as until from sign_in_throttle where key = $1 and locked_until > now()',
    [key],
  );
  return rows[0]?.until ?? null;
}

export async function recordFailure(sql: Sql, key: string): Promise<void> {
  await sql.query(
    `insert into sign_in_throttle as t (key, failures, updated_at) values ($1, 1, now())
     on conflict (key) do update set
       failures = t.failures + 1,
       updated_at = now(),
       locked_until = case when t.failures + 1 >= $2
         then now() + make_interval(mins => least($3, power(2, t.failures + 1 - $2)::int)) end`,
    [key, THROTTLE.freeFailures, THROTTLE.maxLockMinutes],
  );
}

export async function clearFailures(sql: Sql, key: string): Promise<void> {
  await sql.query('delete from sign_in_throttle where key = $1', [key]);
}
