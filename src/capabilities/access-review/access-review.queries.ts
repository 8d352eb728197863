import type { Sql } from '../../platform/db/database.ts';

/**
 * The SQL of the monthly access review. Every query reads one organisation's lines of one
 * calendar month (Amsterdam time) from the access log of the tenant of the transaction.
 * The two time conditions are fragments, so `classifyMoments` can check them on chosen moments.
 */

const local = (column: string) => `(${column} at time zone 'Europe/Amsterdam')`;

/** True when the moment falls on a Saturday or Sunday, or before 07:00 or from 19:00 on, in Amsterdam. */
export const outsideOfficeHoursSql = (column: string) =>
  `(extract(isodow from ${local(column)}) >= 6 or ${local(column)}::time < time '07:00' or ${local(column)}::time >= time '19:00')`;

/** True when the moment lies in the month that starts on `monthParam` (a 'YYYY-MM-01' date), Amsterdam time. */
export const inMonthSql = (column: string, monthParam: string) =>
  `(${column} >= (${monthParam}::date::timestamp at time zone 'Europe/Amsterdam')
    and ${column} < ((${monthParam}::date + interval '1 month')::timestamp at time zone 'Europe/Amsterdam'))`;

/** Lines of the organisation in the month: $1 tenant, $2 organisation, $3 first day of the month. */
const monthLines = `select l.* from access_log l where l.tenant_id = $1 and l.organisation_id = $2 and ${inMonthSql('l.occurred_at', '$3')}`;

const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export type Totals = { lines: number; users: number; persons: number };

export async function totals(sql: Sql, tenantId: string, organisationId: string, firstDay: string): Promise<Totals> {
  const { rows } = await sql.query<Totals>(
    `select count(*)::int as lines, count(distinct user_id)::int as users, count(distinct person_id)::int as persons
     from (${monthLines}) l`,
    [tenantId, organisationId, firstDay],
  );
  return rows[0] ?? { lines: 0, users: 0, persons: 0 };
}

/** One user's part in a finding: how often (or how many persons), and the first and last moment. */
export type UserCount = {
  userId: string;
  displayName: string | null;
  email: string | null;
  count: number;
  persons: number;
  first: string;
  last: string;
};

const perUser = (where: string) =>
  `select l.user_id as "userId", u.display_name as "displayName", u.email,
     count(*)::int as count, count(distinct l.person_id)::int as persons,
     ${iso('min(l.occurred_at)')} as first, ${iso('max(l.occurred_at)')} as last
   from (${monthLines}) l left join accounts u on u.id = l.user_id
   where l.user_id is not null and ${where}
   group by l.user_id, u.display_name, u.email`;

/** Every user who touched at least one person, with the number of distinct persons (in `persons`). */
export async function personsPerUser(sql: Sql, tenantId: string, organisationId: string, firstDay: string): Promise<UserCount[]> {
  const { rows } = await sql.query<UserCount>(`${perUser('l.person_id is not null')} order by persons desc, "displayName"`, [
    tenantId,
    organisationId,
    firstDay,
  ]);
  return rows;
}

/** Lines on weekends or outside 07:00–19:00 Amsterdam time, per user. */
export async function outsideOfficeHours(sql: Sql, tenantId: string, organisationId: string, firstDay: string): Promise<UserCount[]> {
  const { rows } = await sql.query<UserCount>(`${perUser(outsideOfficeHoursSql('l.occurred_at'))} order by count desc, "displayName"`, [
    tenantId,
    organisationId,
    firstDay,
  ]);
  return rows;
}

/**
 * Lines about a resident who had no consent for this organisation active at that moment
 * (valid_from <= moment < the earlier of valid_until and withdrawn_at), per user.
 */
export async function withoutRelationship(sql: Sql, tenantId: string, organisationId: string, firstDay: string): Promise<UserCount[]> {
  const { rows } = await sql.query<UserCount>(
    `${perUser(`exists (select 1 from accounts p where p.id = l.person_id and p.kind = 'resident')
       and not exists (select 1 from consents c
         where c.tenant_id = l.tenant_id and c.person_id = l.person_id and c.recipient_organisation_id = l.organisation_id
           and c.valid_from <= l.occurred_at and l.occurred_at < least(c.valid_until, coalesce(c.withdrawn_at, 'infinity'::timestamptz)))`)}
     order by count desc, "displayName"`,
    [tenantId, organisationId, firstDay],
  );
  return rows;
}

/**
 * The time conditions of the review applied to chosen moments (the log itself only holds the
 * moments at which lines were written): outside office hours, and inside the given month.
 */
export async function classifyMoments(
  sql: Sql,
  moments: string[],
  firstDay: string,
): Promise<{ moment: string; outsideOfficeHours: boolean; inMonth: boolean }[]> {
  const { rows } = await sql.query<{ moment: string; outsideOfficeHours: boolean; inMonth: boolean }>(
    `select ${iso('m')} as moment, ${outsideOfficeHoursSql('m')} as "outsideOfficeHours", ${inMonthSql('m', '$2')} as "inMonth"
     from unnest($1::timestamptz[]) with ordinality as t(m, n) order by n`,
    [moments, firstDay],
  );
  return rows;
}
