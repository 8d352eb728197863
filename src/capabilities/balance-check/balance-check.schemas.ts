import { z } from 'zod';
import { instrumentDefinitionSchema, scoreRange } from './balance-check.definition.ts';
import type { BalanceResult, InstrumentEntry } from './balance-check.service.ts';

const localisedSchema = z.object({ nl: z.string(), en: z.string() });

export const instrumentKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,40}$/)
  .describe('The instrument key, such as "csi" or "ediz".');
export const instrumentVersionSchema = z.string().min(1).max(20).describe('A version of the instrument; the highest one when left out.');

export const instrumentSummarySchema = z
  .object({
    key: instrumentKeySchema,
    version: z.string(),
    title: localisedSchema.describe('Naaste’s title of the instrument, in Dutch and English.'),
    description: localisedSchema,
    language: z.enum(['nl', 'en']).describe('The language the items were validated in; they are only shown in it.'),
    itemCount: z.number().int(),
    minScore: z.number().int(),
    maxScore: z.number().int(),
    threshold: z.number().int().nullable().describe('The instrument’s own score for overload (CSI: 7); null when it has none (EDIZ).'),
    citation: z.string().describe('The source, as it is shown to the person.'),
    organisationId: z
      .uuid()
      .nullable()
      .describe('The organisation that loaded it; null for the shipped instruments and those for everyone.'),
  })
  .meta({ id: 'InstrumentSummary', description: 'A burden instrument on offer, without its items.' });

export const instrumentListSchema = z
  .object({ items: z.array(instrumentSummarySchema) })
  .meta({ id: 'InstrumentList', description: 'The burden instruments on offer; one entry per key, its highest version.' });

export const instrumentResourceSchema = z
  .object({
    key: instrumentKeySchema,
    version: z.string(),
    organisationId: z.uuid().nullable(),
    minScore: z.number().int(),
    maxScore: z.number().int(),
    definition: instrumentDefinitionSchema.describe(
      'The whole definition: items, answer options with points, scoring rule, bands, threshold and source.',
    ),
  })
  .meta({ id: 'Instrument', description: 'A burden instrument with its full, versioned definition.' });

export const scoreRequestSchema = z
  .object({
    instrumentKey: instrumentKeySchema,
    instrumentVersion: instrumentVersionSchema.optional(),
    answers: z
      .record(z.string().max(40), z.string().max(40))
      .describe('The chosen option value for every item key, such as {"q1": "ja", "q2": "nee"}.'),
  })
  .meta({ id: 'BalanceCheckAnswers' });

export const scoreResourceSchema = z
  .object({
    instrumentKey: z.string(),
    instrumentVersion: z.string(),
    score: z.number().int(),
    minScore: z.number().int(),
    maxScore: z.number().int(),
    band: z.object({ code: z.string(), label: localisedSchema, explanation: localisedSchema }),
    aboveThreshold: z.boolean().describe('At or above the instrument’s own threshold; always false when it has none.'),
    threshold: z.number().int().nullable(),
    citation: z.string(),
  })
  .meta({ id: 'BalanceCheckScore', description: 'The score of one filled-in questionnaire; nothing is stored.' });

export const resultResourceSchema = z
  .object({
    id: z.uuid(),
    careRelationshipId: z.uuid().nullable(),
    instrumentKey: z.string(),
    instrumentVersion: z.string().describe('The version of the definition that produced this result.'),
    score: z.number().int(),
    minScore: z.number().int(),
    maxScore: z.number().int(),
    band: z.string(),
    bandLabel: localisedSchema,
    aboveThreshold: z.boolean(),
    threshold: z.number().int().nullable(),
    takenAt: z.iso.datetime(),
  })
  .meta({ id: 'BalanceCheckResult', description: 'A kept balance-check result.' });

export const resultListSchema = z
  .object({ items: z.array(resultResourceSchema) })
  .meta({ id: 'BalanceCheckResultList', description: 'The signed-in person’s kept results, oldest first.' });

export function toSummary(e: InstrumentEntry): z.infer<typeof instrumentSummarySchema> {
  const d = e.definition;
  const { min, max } = scoreRange(d);
  return {
    key: d.key,
    version: d.version,
    title: d.title,
    description: d.description,
    language: d.language,
    itemCount: d.items.length,
    minScore: min,
    maxScore: max,
    threshold: d.threshold?.score ?? null,
    citation: d.source.citation,
    organisationId: e.organisationId,
  };
}

export function toResultResource(r: BalanceResult): z.infer<typeof resultResourceSchema> {
  return {
    id: r.id,
    careRelationshipId: r.careRelationshipId,
    instrumentKey: r.instrumentKey,
    instrumentVersion: r.instrumentVersion,
    score: r.score,
    minScore: r.minScore,
    maxScore: r.maxScore,
    band: r.band,
    bandLabel: r.bandLabel,
    aboveThreshold: r.aboveThreshold,
    threshold: r.threshold,
    takenAt: r.takenAt,
  };
}
