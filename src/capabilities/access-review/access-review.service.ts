import { logAccess } from '../../platform/audit/access-log.ts';
import { staffActorFields } from '../../platform/audit/actor.ts';
import type { Principal } from '../../platform/auth/roles.ts';
import type { ServiceContext } from '../../platform/db/context.ts';
import { HttpProblem } from '../../platform/http/problem.ts';
import { isInNetwork, organisationName } from '../staff/staff.queries.ts';
import { canReviewAccess } from './access-review.policy.ts';
import * as q from './access-review.queries.ts';

export type { Totals, UserCount } from './access-review.queries.ts';

/**
 * The administrators' monthly access review (NEN 7513): an organisation's access-log lines of one
 * calendar month, with three findings that deserve a closer look. Reading them is logged too.
 */

/** A user is noticed for touching more distinct persons than this in one month… */
export const MANY_PERSONS_THRESHOLD = 50;
/** …and, when at least MEDIAN_MIN_USERS users touched persons, more than this many times the median user. */
export const MEDIAN_FACTOR = 3;
export const MEDIAN_MIN_USERS = 3;
/** Office hours on working days, Amsterdam time: from 07:00 up to (not including) 19:00. */
export const OFFICE_HOURS = { from: 7, until: 19 } as const;
export const TIME_ZONE = 'Europe/Amsterdam';

/** A month as 'YYYY-MM'. */
export type Month = string;
export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

const localParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  weekday: 'short',
  hourCycle: 'h23',
});

/** The calendar fields of a moment in Amsterdam. */
export function amsterdam(date: Date): { year: number; month: number; day: number; hour: number; minute: number; weekday: string } {
  const parts = Object.fromEntries(localParts.formatToParts(date).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: parts.weekday ?? '',
  };
}

export function isOutsideOfficeHours(date: Date): boolean {
  const t = amsterdam(date);
  return t.weekday === 'Sat' || t.weekday === 'Sun' || t.hour < OFFICE_HOURS.from || t.hour >= OFFICE_HOURS.until;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The month a moment falls in, Amsterdam time. */
export function monthOf(date: Date): Month {
  const t = amsterdam(date);
  return `${t.year}-${pad(t.month)}`;
}

/** The month before the given one. */
export function monthBefore(month: Month): Month {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${year - 1}-12` : `${year}-${pad(m - 1)}`;
}

/** What the review shows when no month is asked for: the previous calendar month, Amsterdam time. */
export function previousMonth(now: Date): Month {
  return monthBefore(monthOf(now));
}

/** The latest `count` months up to and including the month of `now`, newest first (for the month picker). */
export function recentMonths(now: Date, count: number): Month[] {
  const months: Month[] = [monthOf(now)];
  while (months.length < count) months.push(monthBefore(months.at(-1) as Month));
  return months;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * Finding (a): users who touched more distinct persons than the threshold and, when at least
 * three users touched persons, also more than three times the median user.
 */
export function flagManyPersons(
  users: q.UserCount[],
  threshold = MANY_PERSONS_THRESHOLD,
): { users: q.UserCount[]; median: number | null; medianApplies: boolean } {
  const mid = median(users.map((u) => u.persons));
  const medianApplies = users.length >= MEDIAN_MIN_USERS;
  const flagged = users.filter((u) => u.persons > threshold && (!medianApplies || u.persons > MEDIAN_FACTOR * (mid ?? 0)));
  return { users: flagged, median: mid, medianApplies };
}

export type Review = {
  organisationId: string;
  organisationName: string;
  month: Month;
  totals: q.Totals;
  manyPersons: { users: q.UserCount[]; median: number | null; medianApplies: boolean };
  outsideOfficeHours: q.UserCount[];
  withoutRelationship: q.UserCount[];
};

function principalOf(ctx: ServiceContext): Principal {
  if (ctx.actor.kind !== 'person') throw new HttpProblem(401, 'Sign in first.');
  return ctx.actor.principal;
}

/** Refuses with 404 (not 403) so that ids of other organisations reveal nothing. */
async function authorise(ctx: ServiceContext, organisationId: string): Promise<{ principal: Principal; tenantId: string }> {
  const principal = principalOf(ctx);
  const tenantId = ctx.tenantId;
  if (!canReviewAccess(principal, organisationId) || !tenantId || !(await isInNetwork(ctx.sql, tenantId, organisationId))) {
    throw new HttpProblem(404, 'There is no organisation with this id whose access you review.');
  }
  return { principal, tenantId };
}

/**
 * The review of one organisation for one month. The reading itself is written to the access log
 * in the same transaction: action 'read' for the page, 'export' for the CSV download.
 */
export async function review(ctx: ServiceContext, organisationId: string, month: Month, action: 'read' | 'export'): Promise<Review> {
  if (!MONTH_PATTERN.test(month)) throw new HttpProblem(400, 'A month looks like 2025-03.');
  const { tenantId } = await authorise(ctx, organisationId);
  const firstDay = `${month}-01`;
  const result: Review = {
    organisationId,
    organisationName: (await organisationName(ctx.sql, organisationId)) ?? '',
    month,
    totals: await q.totals(ctx.sql, tenantId, organisationId, firstDay),
    manyPersons: flagManyPersons(await q.personsPerUser(ctx.sql, tenantId, organisationId, firstDay)),
    outsideOfficeHours: await q.outsideOfficeHours(ctx.sql, tenantId, organisationId, firstDay),
    withoutRelationship: await q.withoutRelationship(ctx.sql, tenantId, organisationId, firstDay),
  };
  await logAccess(ctx.sql, tenantId, {
    eventCode: 'accessLog.review',
    action,
    outcome: 'success',
    ...staffActorFields(ctx),
    purpose: 'accessReview',
    organisationId,
    recordPart: `accessLog.${month}`,
  });
  return result;
}

// ---- CSV -------------------------------------------------------------------------------------

export type FindingKind = 'manyPersons' | 'outsideOfficeHours' | 'withoutRelationship';

/**
 * One CSV cell: quoted, with inner quotes doubled. A value a spreadsheet would read as a formula
 * (starting with = + - @, a tab or a carriage return) gets a leading apostrophe, so it stays text.
 */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** A moment as Amsterdam local time with its offset, e.g. 2025-03-04T21:15:02+01:00. */
export function localIso(iso: string): string {
  const date = new Date(iso);
  const t = amsterdam(date);
  const seconds = pad(date.getUTCSeconds());
  const asUtc = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, date.getUTCSeconds());
  const offset = Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${t.year}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}:${seconds}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * The findings as CSV: a header row, then one row per finding and user. UTF-8 with a byte-order
 * mark, so spreadsheet programs read accented names correctly; lines end in CRLF (RFC 4180).
 */
export function reviewCsv(
  r: Review,
  words: { header: [string, string, string, string, string, string]; kinds: Record<FindingKind, string>; unknownUser: string },
): string {
  const rows: (string | number)[][] = [words.header];
  const add = (kind: FindingKind, users: q.UserCount[], count: (u: q.UserCount) => number) => {
    for (const u of users) {
      rows.push([words.kinds[kind], u.displayName ?? words.unknownUser, u.email ?? '', count(u), localIso(u.first), localIso(u.last)]);
    }
  };
  add('manyPersons', r.manyPersons.users, (u) => u.persons);
  add('outsideOfficeHours', r.outsideOfficeHours, (u) => u.count);
  add('withoutRelationship', r.withoutRelationship, (u) => u.count);
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
