import fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { ServiceContext } from '../../platform/db/context.ts';
import type { Sql } from '../../platform/db/database.ts';
import { PROFILE, readProfile } from './directory.profile.ts';
import * as q from './directory.queries.ts';
import type { Schedule, ServiceDetail } from './directory.queries.ts';

export { PROFILE, SUPPORT_FORM_CODES, TARGET_GROUP_CODES, termUri } from './directory.profile.ts';
export type { SupportFormCode, TargetGroupCode } from './directory.profile.ts';
export type { Schedule, ServiceDetail } from './directory.queries.ts';

export const PC4_CSV = fileURLToPath(new URL('../../../db/seed/data/pc4.csv', import.meta.url));

/**
 * Recomputes directory_services.search_vector and search_text of these services (and the
 * municipality's search vocabulary). Whoever writes a service, its organisation's name or its
 * terms calls this in the same transaction.
 */
export async function refreshSearchFields(sql: Sql, tenantId: string, serviceIds: string[]): Promise<number> {
  let n = 0;
  // Batches keep one statement's arrays reasonable for large imports.
  for (let i = 0; i < serviceIds.length; i += 5000) n += await q.updateSearchFields(sql, tenantId, serviceIds.slice(i, i + 5000));
  return n;
}

/**
 * One service with its organisation, locations and addresses, phones, contacts, schedules,
 * languages, cost options, service areas and terms. Without includeUnpublished only a published,
 * active service is returned (what the public may see); null otherwise.
 */
export async function getServiceDetail(
  ctx: ServiceContext,
  serviceId: string,
  options: { includeUnpublished: boolean } = { includeUnpublished: false },
): Promise<ServiceDetail | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(serviceId)) return null;
  return q.selectServiceDetail(ctx.sql, serviceId, options.includeUnpublished);
}

/** Parses db/seed/data/pc4.csv (`pc4,lat,lon,gemeente_code`). */
export function parsePc4Csv(text: string): q.PostcodeArea[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines[0]?.trim() !== 'pc4,lat,lon,gemeente_code') throw new Error('pc4.csv: unexpected header');
  return lines.slice(1).map((line, i) => {
    const [pc4 = '', lat = '', lon = '', code = ''] = line.split(',');
    const latitude = Number(lat);
    const longitude = Number(lon);
    if (!/^[1-9][0-9]{3}$/.test(pc4) || !Number.isFinite(latitude) || !Number.isFinite(longitude) || (code && !/^GM\d{4}$/.test(code))) {
      throw new Error(`pc4.csv line ${i + 2} is not valid`);
    }
    return { pc4, latitude, longitude, municipalityCode: code || null };
  });
}

/**
 * Loads the reference data the social map needs: the postcode areas (pc4.csv) and the Naaste
 * profile taxonomies. Idempotent: running it again changes nothing (returns zeros). Runs on
 * platform tables, so any transaction will do.
 */
export async function loadReferenceData(sql: Sql, files: { pc4?: string; profile?: string } = {}) {
  const areas = parsePc4Csv(await fs.readFile(files.pc4 ?? PC4_CSV, 'utf8'));
  const postcodeAreas = await q.upsertPostcodeAreas(sql, areas);
  const profile = await readProfile(files.profile);
  let taxonomyRows = 0;
  for (const taxonomy of profile.taxonomies) taxonomyRows += await q.upsertTaxonomy(sql, taxonomy);
  return { postcodeAreas, taxonomyRows };
}

/** The profile's terms by code (the codes of PROFILE.supportForms and PROFILE.targetGroups). */
export async function profileTerms(sql: Sql): Promise<Map<string, q.ProfileTerm>> {
  const terms = await q.selectProfileTerms(sql, [PROFILE.supportForms.taxonomyUri, PROFILE.targetGroups.taxonomyUri]);
  return new Map(terms.map((t) => [t.code, t]));
}

// ---- places --------------------------------------------------------------------------------

export type Place = { kind: 'postcode' | 'place'; label: string; latitude: number; longitude: number };

/** "1234", "1234 AB", "1234ab": the 4 digits; anything else null. */
export function pc4Of(input: string): string | null {
  const m = /^\s*([1-9][0-9]{3})\s?([a-zA-Z]{2})?\s*$/.exec(input);
  return m?.[1] ?? null;
}

/** A point for a postcode (4 digits or a full postcode) or a place name; null when unknown. */
export async function placeOf(sql: Sql, input: string): Promise<Place | null> {
  const text = input.trim().slice(0, 100);
  if (!text) return null;
  const pc4 = pc4Of(text);
  if (pc4) {
    const area = await q.findPostcodeArea(sql, pc4);
    return area ? { kind: 'postcode', label: text.toUpperCase(), latitude: area.latitude, longitude: area.longitude } : null;
  }
  if (/\d/.test(text)) return null;
  const place = await q.findPlaceByName(sql, text);
  return place ? { kind: 'place', label: place.name, latitude: place.latitude, longitude: place.longitude } : null;
}

/** Distance in kilometres between two points (haversine; plenty for the Netherlands). */
export function distanceKm(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

// ---- opening hours -------------------------------------------------------------------------

export const DIRECTORY_TIME_ZONE = 'Europe/Amsterdam';
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The date, weekday and time of an instant in Amsterdam. */
export function amsterdamTime(now: Date): { date: string; weekday: Weekday; time: string; dayOfMonth: number; daysInMonth: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: DIRECTORY_TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  const weekday = (parts.weekday ?? 'Mon').slice(0, 2).toUpperCase() as Weekday;
  const year = Number(parts.year);
  const month = Number(parts.month);
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday,
    time: `${parts.hour}:${parts.minute}`,
    dayOfMonth: Number(parts.day),
    daysInMonth: new Date(Date.UTC(year, month, 0)).getUTCDate(),
  };
}

function dayMatches(s: Schedule, t: ReturnType<typeof amsterdamTime>): boolean {
  const days = (s.byday ?? '')
    .split(',')
    .map((d) => d.trim().toUpperCase())
    .filter(Boolean);
  if (s.freq === 'MONTHLY') {
    const monthDays = (s.bymonthday ?? '')
      .split(',')
      .map((d) => Number(d.trim()))
      .filter((d) => Number.isInteger(d) && d !== 0);
    if (monthDays.some((d) => (d > 0 ? d === t.dayOfMonth : t.daysInMonth + d + 1 === t.dayOfMonth))) return true;
    // "1MO" is the first Monday of the month, "-1FR" the last Friday.
    return days.some((d) => {
      const m = /^(-?[1-5])?(MO|TU|WE|TH|FR|SA|SU)$/.exec(d);
      if (!m || m[2] !== t.weekday) return false;
      if (!m[1]) return true;
      const n = Number(m[1]);
      return n > 0 ? Math.ceil(t.dayOfMonth / 7) === n : Math.ceil((t.daysInMonth - t.dayOfMonth + 1) / 7) === -n;
    });
  }
  // Weekly (or no frequency given): the listed days, or every day when none are listed.
  return days.length === 0 || days.includes(t.weekday);
}

/**
 * Whether a service is open at `now` (Amsterdam time) by its schedules: true or false, or null
 * when it has no opening hours to go by.
 */
export function isOpenNow(schedules: readonly Schedule[], now: Date = new Date()): boolean | null {
  const usable = schedules.filter((s) => s.opensAt && s.closesAt);
  if (usable.length === 0) return null;
  const t = amsterdamTime(now);
  return usable.some((s) => {
    if (s.validFrom && t.date < s.validFrom) return false;
    if (s.validTo && t.date > s.validTo) return false;
    if (!dayMatches(s, t)) return false;
    const opens = s.opensAt as string;
    const closes = s.closesAt as string;
    return closes > opens ? t.time >= opens && t.time < closes : t.time >= opens || t.time < closes;
  });
}

// ---- freshness -----------------------------------------------------------------------------

/** Entries not checked for this many months are flagged to their owner. */
export const STALE_AFTER_MONTHS = 6;
/** Entries not checked for this many months are shown with a warning. */
export const WARN_AFTER_MONTHS = 12;

/** True when the entry was never checked, or last checked more than `months` months before `now`. */
export function olderThanMonths(assuredDate: string | null, months: number, now: Date = new Date()): boolean {
  if (!assuredDate) return true;
  const limit = new Date(now);
  limit.setUTCMonth(limit.getUTCMonth() - months);
  return assuredDate < limit.toISOString().slice(0, 10);
}

export { saveServiceEntry, serviceEntrySchema, type ServiceEntryInput } from './directory.entries.ts';

/**
 * The municipality (tenant id) of a published, active service, for public pages whose address
 * holds only the service id; null when there is none. Works from a transaction without a tenant.
 */
export async function findPublicServiceTenant(sql: Sql, serviceId: string): Promise<string | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(serviceId)) return null;
  const { rows } = await sql.query<{ tenant: string | null }>('select directory_public_service_tenant($1) as tenant', [serviceId]);
  return rows[0]?.tenant ?? null;
}
