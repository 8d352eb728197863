import { logAccess } from '../../platform/audit/access-log.ts';
import { actorFields } from '../../platform/audit/actor.ts';
import { findActiveConsent } from '../../platform/consent/consent.queries.ts';
import type { ServiceContext } from '../../platform/db/context.ts';
import { HttpProblem } from '../../platform/http/problem.ts';
import {
  type Answers,
  type BurdenLevel,
  checkDefinition,
  type InstrumentDefinition,
  keptAnswers,
  type Localised,
  type Score,
  scoreAnswers,
  scoreRange,
} from './balance-check.definition.ts';
import * as q from './balance-check.queries.ts';
import { compareVersions, SHIPPED_INSTRUMENTS, shippedInstrument } from './balance-check.shipped.ts';

/**
 * Balance check (R2): the instruments on offer, anonymous scoring, results kept for a caregiver
 * (always with the instrument's key and version), and the early warning for the consultant.
 * Other capabilities (the caregiver's area, the consultant's workspace, the demo seed) use the
 * exported functions; they never write balance_check_results themselves.
 */

/** One instrument on offer: the definition, and the organisation that loaded it (null: for everyone). */
export type InstrumentEntry = { definition: InstrumentDefinition; organisationId: string | null; shipped: boolean };

/**
 * Naaste's rule for a "clear rise" (not part of any instrument): compared with the previous result
 * of the same instrument version for the same care relationship, the result moved into a higher
 * band, or the score rose by at least a fifth of the instrument's score range (rounded up, at
 * least 1 point): 3 points on the CSI (0–13), 2 on the EDIZ (0–9), 3 on the EDIZ-plus (0–15).
 * See docs/decisions/0014-burden-instruments-as-data.md.
 */
export const CLEAR_RISE_SHARE = 0.2;

export function clearRisePoints(definition: InstrumentDefinition): number {
  const { min, max } = scoreRange(definition);
  return Math.max(1, Math.ceil((max - min) * CLEAR_RISE_SHARE));
}

export function isClearRise(
  definition: InstrumentDefinition,
  previous: { score: number; band: string },
  current: { score: number; band: string },
): boolean {
  const before = definition.bands.findIndex((b) => b.code === previous.band);
  const now = definition.bands.findIndex((b) => b.code === current.band);
  if (before >= 0 && now > before) return true;
  return current.score - previous.score >= clearRisePoints(definition);
}

/**
 * Naaste's mapping of a result to the burden level of a support case: the band's own level when
 * the definition gives one (CSI: below 7 low, 7 or more high; EDIZ-plus: none and light low,
 * moderate moderate, heavy high); otherwise high at or above the instrument's threshold; otherwise
 * none, and the case keeps its level (EDIZ has no cut-offs, so its score sets no level).
 */
export function burdenLevelOf(score: Score): BurdenLevel | null {
  return score.band.burdenLevel ?? (score.aboveThreshold ? 'high' : null);
}

function entryFromRow(row: q.DefinitionRow): InstrumentEntry | null {
  const checked = checkDefinition(row.definition);
  if (!checked.ok) return null;
  return { definition: checked.definition, organisationId: row.organisationId, shipped: false };
}

function shippedEntry(definition: InstrumentDefinition): InstrumentEntry {
  return { definition, organisationId: null, shipped: true };
}

/** The shipped definitions are stored on first use (a result refers to its definition row). */
export async function ensureShippedInstruments(ctx: ServiceContext): Promise<void> {
  await q.ensureDefinitions(ctx.sql, SHIPPED_INSTRUMENTS);
}

/** One instrument by key: the given version, or else the highest version there is. Null when unknown. */
export async function getInstrument(ctx: ServiceContext, key: string, version?: string): Promise<InstrumentEntry | null> {
  const candidates: InstrumentEntry[] = [];
  const shipped = shippedInstrument(key, version);
  if (shipped) candidates.push(shippedEntry(shipped));
  for (const row of await q.findDefinitions(ctx.sql, key, version)) {
    if (candidates.some((c) => c.definition.version === row.version)) continue;
    const entry = entryFromRow(row);
    if (entry) candidates.push(entry);
  }
  candidates.sort((a, b) => compareVersions(b.definition.version, a.definition.version));
  return candidates[0] ?? null;
}

/**
 * The instruments on offer: the shipped ones, those loaded for everyone, and those loaded by the
 * given organisations (the organisations in the resident's network). One entry per key, the
 * highest version; shipped instruments first, then by title.
 */
export async function listInstruments(ctx: ServiceContext, options: { organisationIds?: string[] } = {}): Promise<InstrumentEntry[]> {
  const byKey = new Map<string, InstrumentEntry>();
  const offer = (entry: InstrumentEntry) => {
    const known = byKey.get(entry.definition.key);
    if (!known || compareVersions(entry.definition.version, known.definition.version) > 0) byKey.set(entry.definition.key, entry);
  };
  for (const d of SHIPPED_INSTRUMENTS) offer(shippedEntry(d));
  for (const row of await q.offeredDefinitions(ctx.sql, options.organisationIds ?? [])) {
    if (shippedInstrument(row.key, row.version)) continue;
    const entry = entryFromRow(row);
    if (entry) offer(entry);
  }
  const shippedOrder = SHIPPED_INSTRUMENTS.map((d) => d.key);
  return [...byKey.values()].sort((a, b) => {
    const ai = shippedOrder.indexOf(a.definition.key);
    const bi = shippedOrder.indexOf(b.definition.key);
    if (ai >= 0 || bi >= 0) return (ai < 0 ? 99 : ai) - (bi < 0 ? 99 : bi);
    return a.definition.title.nl.localeCompare(b.definition.title.nl, 'nl');
  });
}

/** The organisations whose loaded instruments are offered in the context's municipality. */
export async function networkOrganisationIds(ctx: ServiceContext): Promise<string[]> {
  return ctx.tenantId ? q.networkOrganisationIds(ctx.sql, ctx.tenantId) : [];
}

/** Whether this instrument is on offer here (shipped, for everyone, or of an organisation in the network). */
export async function offeredInstrument(
  ctx: ServiceContext,
  key: string,
  version: string | undefined,
  organisationIds: string[],
): Promise<InstrumentEntry | null> {
  const entry = version
    ? await getInstrument(ctx, key, version)
    : (await listInstruments(ctx, { organisationIds })).find((e) => e.definition.key === key);
  if (!entry) return null;
  if (entry.organisationId !== null && !organisationIds.includes(entry.organisationId)) return null;
  return entry;
}

/** A result as every page, API and chart shows it: the stored row with its instrument's words. */
export type BalanceResult = {
  id: string;
  personId: string;
  careRelationshipId: string | null;
  instrumentKey: string;
  instrumentVersion: string;
  instrumentTitle: Localised;
  score: number;
  minScore: number;
  maxScore: number;
  band: string;
  bandLabel: Localised;
  aboveThreshold: boolean;
  threshold: number | null;
  recordedBy: string | null;
  takenAt: string;
};

function toResult(row: q.ResultRow, definition: InstrumentDefinition | undefined): BalanceResult {
  const range = definition ? scoreRange(definition) : { min: 0, max: Math.max(row.score, 1) };
  const band = definition?.bands.find((b) => b.code === row.band);
  return {
    id: row.id,
    personId: row.personId,
    careRelationshipId: row.careRelationshipId,
    instrumentKey: row.instrumentKey,
    instrumentVersion: row.instrumentVersion,
    instrumentTitle: definition?.title ?? { nl: row.instrumentKey, en: row.instrumentKey },
    score: row.score,
    minScore: range.min,
    maxScore: range.max,
    band: row.band,
    bandLabel: band?.label ?? { nl: row.band, en: row.band },
    aboveThreshold: row.aboveThreshold,
    threshold: definition?.threshold?.score ?? null,
    recordedBy: row.recordedBy,
    takenAt: row.takenAt,
  };
}

export type ScoreCheck =
  | { ok: true; entry: InstrumentEntry; score: Score; answers: Answers }
  | { ok: false; unanswered: string[]; invalid: string[] };

/** Scores answers against a definition; nothing is stored (anonymous use, and the step before saving). */
export function scoreWith(entry: InstrumentEntry, answers: Answers): ScoreCheck {
  const outcome = scoreAnswers(entry.definition, answers);
  if (!outcome.ok) return outcome;
  return { ok: true, entry, score: outcome.result, answers: keptAnswers(entry.definition, answers) };
}

export type RecordBalanceCheck = {
  /** The caregiver whose balance this is. */
  personId: string;
  /** The care relationship it is about (one of the person's own), or null. */
  careRelationshipId: string | null;
  instrumentKey: string;
  /** Defaults to the highest version of the instrument. */
  instrumentVersion?: string;
  answers: Answers;
  /** Who filled it in: the person online, or a professional with the person present. */
  recordedBy: string | null;
  /** When it was taken; now unless given (the demo seed spreads results over time). */
  takenAt?: string;
};

export type EarlyWarning = {
  caseId: string;
  organisationId: string;
  kind: 'aboveThreshold' | 'clearRise' | null;
  burdenLevel: BurdenLevel | null;
};
export type Recorded = { result: BalanceResult; warnings: EarlyWarning[] };

/**
 * Stores a result in the context's municipality (access-log line 'create' for the person) and
 * raises the early warning: for each open support case of the care relationship whose
 * organisation holds an active consent of the person (careRelationship, support), the case gets
 * the result's burden level and a signal when the result is at or above the instrument's
 * threshold ('aboveThreshold'), or else clearly rose since the previous result ('clearRise').
 * Cases without such a consent are left alone. Throws 404 when the relationship is not the
 * person's or the instrument is unknown, 400 when the answers are incomplete.
 */
export async function recordBalanceCheck(ctx: ServiceContext, input: RecordBalanceCheck): Promise<Recorded> {
  const tenantId = ctx.tenantId;
  if (!tenantId) throw new HttpProblem(409, 'A balance-check result belongs to a municipality; the context has none.');
  const entry = await getInstrument(ctx, input.instrumentKey, input.instrumentVersion);
  if (!entry) throw new HttpProblem(404, `There is no instrument ${input.instrumentKey} ${input.instrumentVersion ?? ''}`.trim());
  const definition = entry.definition;
  if (input.careRelationshipId && !(await q.relationshipOf(ctx.sql, tenantId, input.careRelationshipId, input.personId))) {
    throw new HttpProblem(404, 'There is no such care relationship of this person.');
  }
  const checked = scoreWith(entry, input.answers);
  if (!checked.ok) {
    throw new HttpProblem(400, 'Every item needs one of its answers.', {
      invalidParams: [
        ...checked.unanswered.map((key) => ({ name: `answers.${key}`, code: 'required', reason: 'Not answered.' })),
        ...checked.invalid.map((key) => ({
          name: `answers.${key}`,
          code: 'invalid_value',
          reason: 'Not one of the answers of this item.',
        })),
      ],
    });
  }
  if (entry.shipped) await ensureShippedInstruments(ctx);
  const previous = input.careRelationshipId
    ? await q.previousResult(ctx.sql, tenantId, input.careRelationshipId, definition.key, definition.version)
    : null;
  const row = await q.insertResult(ctx.sql, {
    tenantId,
    personId: input.personId,
    careRelationshipId: input.careRelationshipId,
    instrumentKey: definition.key,
    instrumentVersion: definition.version,
    answers: checked.answers,
    score: checked.score.score,
    band: checked.score.band.code,
    aboveThreshold: checked.score.aboveThreshold,
    recordedBy: input.recordedBy,
    takenAt: input.takenAt ?? null,
  });
  await logAccess(ctx.sql, tenantId, {
    eventCode: 'balanceCheck.create',
    action: 'create',
    outcome: 'success',
    personId: input.personId,
    ...actorFields(ctx),
    purpose: ctx.purpose ?? 'support',
    recordPart: `balanceCheck.${definition.key}`,
  });

  const warnings: EarlyWarning[] = [];
  if (input.careRelationshipId) {
    const kind = checked.score.aboveThreshold
      ? 'aboveThreshold'
      : previous && isClearRise(definition, previous, { score: row.score, band: row.band })
        ? 'clearRise'
        : null;
    const level = burdenLevelOf(checked.score);
    for (const c of await q.openCases(ctx.sql, tenantId, input.careRelationshipId)) {
      const consent = await findActiveConsent(ctx.sql, tenantId, {
        personId: input.personId,
        dataCategory: 'careRelationship',
        purpose: 'support',
        organisationId: c.organisationId,
      });
      if (!consent) continue;
      if (level) await q.setBurdenLevel(ctx.sql, tenantId, c.id, level);
      if (kind) await q.insertSignal(ctx.sql, tenantId, c.id, kind, row.id);
      warnings.push({ caseId: c.id, organisationId: c.organisationId, kind, burdenLevel: level });
    }
  }
  return { result: toResult(row, definition), warnings };
}

/**
 * The results of one person in the context's municipality (optionally of one care relationship),
 * oldest first, with each result's instrument words. The caller writes the access-log line for
 * the page or answer that shows them (one line per view, not per call).
 */
export async function listResults(ctx: ServiceContext, input: { personId: string; careRelationshipId?: string }): Promise<BalanceResult[]> {
  if (!ctx.tenantId) return [];
  const rows = await q.listResults(ctx.sql, ctx.tenantId, input.personId, input.careRelationshipId);
  const definitions = new Map<string, InstrumentDefinition | undefined>();
  for (const row of rows) {
    const id = `${row.instrumentKey}@${row.instrumentVersion}`;
    if (!definitions.has(id)) definitions.set(id, (await getInstrument(ctx, row.instrumentKey, row.instrumentVersion))?.definition);
  }
  return rows.map((row) => toResult(row, definitions.get(`${row.instrumentKey}@${row.instrumentVersion}`)));
}

/** The person's care relationships in the context's municipality, to save a result to. */
export async function ownRelationships(ctx: ServiceContext, personId: string): Promise<q.Relationship[]> {
  return ctx.tenantId ? q.relationshipsOf(ctx.sql, ctx.tenantId, personId) : [];
}

/** One care relationship of the person, or null when it is not theirs (or not in this municipality). */
export async function ownRelationship(ctx: ServiceContext, personId: string, relationshipId: string): Promise<q.Relationship | null> {
  return ctx.tenantId ? q.relationshipOf(ctx.sql, ctx.tenantId, relationshipId, personId) : null;
}

/** The person reads their own results: one access-log line per view, in the municipality read. */
export async function logOwnRead(ctx: ServiceContext, personId: string): Promise<void> {
  if (!ctx.tenantId) return;
  await logAccess(ctx.sql, ctx.tenantId, {
    eventCode: 'balanceCheck.read',
    action: 'read',
    outcome: 'success',
    personId,
    ...actorFields(ctx),
    purpose: ctx.purpose ?? 'support',
    recordPart: 'balanceCheck',
  });
}

export type AddDefinition = { ok: true; entry: InstrumentEntry; organisationName: string | null } | { ok: false; problems: string[] };

/**
 * Loads another instrument definition (an operator at the command line, for an organisation or
 * for everyone): checked in full; refused when the key and version exist already.
 */
export async function addInstrument(ctx: ServiceContext, input: unknown, organisationId: string | null): Promise<AddDefinition> {
  const checked = checkDefinition(input);
  if (!checked.ok) return checked;
  const d = checked.definition;
  let name: string | null = null;
  if (organisationId) {
    name = await q.organisationName(ctx.sql, organisationId);
    if (!name) return { ok: false, problems: [`There is no organisation with id ${organisationId}.`] };
  }
  if (shippedInstrument(d.key, d.version) || !(await q.insertDefinition(ctx.sql, d, organisationId))) {
    return {
      ok: false,
      problems: [`${d.key} version ${d.version} exists already; give the changed definition a new version (results keep the old one).`],
    };
  }
  return { ok: true, entry: { definition: d, organisationId, shipped: false }, organisationName: name };
}
