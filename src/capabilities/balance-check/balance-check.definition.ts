import { z } from 'zod';

/**
 * Burden instruments as versioned data (R2). A definition holds everything needed to show,
 * score and explain one validated questionnaire: the items in the language it was validated in,
 * the answer options with their points, the scoring rule, the bands with plain explanations, the
 * instrument's own threshold for overload (only when the instrument has one), and the source that
 * is shown to the person. Texts of the instrument are never translated or changed here: changing
 * the wording invalidates the result. Naaste's own words (title, explanations) come in nl and en.
 */

export const BURDEN_LEVELS = ['low', 'moderate', 'high'] as const;
export type BurdenLevel = (typeof BURDEN_LEVELS)[number];

const KEY = /^[a-z][a-z0-9-]{1,40}$/;
const CODE = /^[a-z][a-zA-Z]{0,39}$/;
const ITEM_KEY = /^[a-z][a-zA-Z0-9]{0,39}$/;
const OPTION_VALUE = /^[a-z][a-zA-Z0-9]{0,39}$/;

const localised = z.object({ nl: z.string().trim().min(1).max(2000), en: z.string().trim().min(1).max(2000) }).strict();
export type Localised = z.infer<typeof localised>;

const optionSchema = z
  .object({
    value: z.string().regex(OPTION_VALUE, 'an option value is a code such as "ja" or "minOfMeer"'),
    label: z.string().trim().min(1).max(200),
    points: z.number().int().min(0).max(100),
  })
  .strict();

const itemSchema = z
  .object({
    key: z.string().regex(ITEM_KEY, 'an item key is a code such as "q1"'),
    text: z.string().trim().min(1).max(1000),
    /** Only when this item has other answers than the instrument's common ones. */
    options: z.array(optionSchema).min(2).max(10).optional(),
  })
  .strict();

const bandSchema = z
  .object({
    code: z.string().regex(CODE, 'a band code is a camelCase word such as "light"'),
    min: z.number().int().min(0),
    max: z.number().int().min(0),
    label: localised,
    explanation: localised,
    /**
     * Naaste's mapping of this band to the burden level of a support case (the consultant's
     * caseload filter). Not part of the instrument; leave it out when the instrument has no cut-offs.
     */
    burdenLevel: z.enum(BURDEN_LEVELS).optional(),
  })
  .strict();

const baseSchema = z
  .object({
    format: z.literal('naaste.instrument'),
    formatVersion: z.literal(1),
    key: z.string().regex(KEY, 'the key is lower case letters, digits and hyphens, 2 to 41 characters, such as "ediz-plus"'),
    version: z.string().trim().min(1).max(20),
    /** The language the items were validated in; the items are always shown in it. */
    language: z.enum(['nl', 'en']),
    title: localised,
    /** What the instrument asks about, in plain words (Naaste's words). */
    description: localised,
    /** The instrument's own instruction above the items, in its language, unchanged. */
    instruction: z.string().trim().min(1).max(1000).optional(),
    options: z.array(optionSchema).min(2).max(10),
    items: z.array(itemSchema).min(1).max(100),
    scoring: z.object({ method: z.literal('sum'), description: localised }).strict(),
    bands: z.array(bandSchema).min(1).max(20),
    /** The instrument's own cut-off: from this score on it speaks of overload. Leave out when it has none. */
    threshold: z
      .object({ score: z.number().int().min(1), label: localised })
      .strict()
      .optional(),
    source: z
      .object({
        citation: z.string().trim().min(1).max(1000),
        url: z.url().max(500).optional(),
        note: localised.optional(),
      })
      .strict(),
  })
  .strict();

type Scored = Pick<z.infer<typeof baseSchema>, 'options' | 'items' | 'bands' | 'threshold'>;

/** The checks across fields: unique keys, bands from the lowest to the highest possible score without gaps, a threshold inside. */
function consistency(d: Scored, ctx: { addIssue: (issue: { code: 'custom'; path: (string | number)[]; message: string }) => void }): void {
  const unique = (values: string[], path: (string | number)[], what: string) => {
    const seen = new Set<string>();
    values.forEach((v, i) => {
      if (seen.has(v)) ctx.addIssue({ code: 'custom', path: [...path, i], message: `${what} "${v}" appears more than once` });
      seen.add(v);
    });
  };
  unique(
    d.options.map((o) => o.value),
    ['options'],
    'answer option',
  );
  unique(
    d.items.map((i) => i.key),
    ['items'],
    'item key',
  );
  d.items.forEach((item, i) => {
    if (item.options)
      unique(
        item.options.map((o) => o.value),
        ['items', i, 'options'],
        'answer option',
      );
  });
  unique(
    d.bands.map((b) => b.code),
    ['bands'],
    'band code',
  );
  const { min, max } = scoreRange(d);
  const bands = d.bands;
  bands.forEach((band, i) => {
    if (band.min > band.max) ctx.addIssue({ code: 'custom', path: ['bands', i], message: `band "${band.code}" starts after it ends` });
    const expectedStart = i === 0 ? min : (bands[i - 1]?.max ?? 0) + 1;
    if (band.min !== expectedStart) {
      ctx.addIssue({
        code: 'custom',
        path: ['bands', i, 'min'],
        message: `band "${band.code}" must start at ${expectedStart}: bands go from the lowest possible score (${min}) up, without gaps or overlap`,
      });
    }
  });
  const last = bands[bands.length - 1];
  if (last && last.max !== max) {
    ctx.addIssue({
      code: 'custom',
      path: ['bands', bands.length - 1, 'max'],
      message: `the last band must end at the highest possible score, ${max}`,
    });
  }
  if (d.threshold && (d.threshold.score <= min || d.threshold.score > max)) {
    ctx.addIssue({
      code: 'custom',
      path: ['threshold', 'score'],
      message: `the threshold must lie above the lowest possible score (${min}) and at most the highest (${max})`,
    });
  }
}

export const instrumentDefinitionSchema = baseSchema.superRefine((d, ctx) => consistency(d, ctx));

const scoredPartsSchema = z.object({
  options: baseSchema.shape.options,
  items: baseSchema.shape.items,
  bands: baseSchema.shape.bands,
  threshold: baseSchema.shape.threshold,
});

export type InstrumentDefinition = z.infer<typeof instrumentDefinitionSchema>;
export type Band = InstrumentDefinition['bands'][number];
export type AnswerOption = InstrumentDefinition['options'][number];
export type Item = InstrumentDefinition['items'][number];

export function optionsOf(definition: Pick<InstrumentDefinition, 'options'>, item: Item): AnswerOption[] {
  return item.options ?? definition.options;
}

/** The lowest and highest score the items allow (the sum of each item's lowest and highest points). */
export function scoreRange(definition: Pick<InstrumentDefinition, 'options' | 'items'>): { min: number; max: number } {
  let min = 0;
  let max = 0;
  for (const item of definition.items) {
    const points = optionsOf(definition, item).map((o) => o.points);
    min += Math.min(...points);
    max += Math.max(...points);
  }
  return { min, max };
}

export type DefinitionCheck = { ok: true; definition: InstrumentDefinition } | { ok: false; problems: string[] };

/** Checks a definition as loaded from a file or the database; every problem in one readable line. */
export function checkDefinition(input: unknown): DefinitionCheck {
  const parsed = instrumentDefinitionSchema.safeParse(input);
  if (parsed.success) return { ok: true, definition: parsed.data };
  const issues: { code: string; path: PropertyKey[]; message: string }[] = [...parsed.error.issues];
  // A structural problem elsewhere stops zod before the checks across fields; run them anyway, so
  // the person loading a file hears every problem at once.
  if (!issues.some((i) => i.code === 'custom')) {
    const parts = scoredPartsSchema.safeParse(input);
    if (parts.success) consistency(parts.data, { addIssue: (issue) => issues.push(issue) });
  }
  return {
    ok: false,
    problems: issues.map((issue) => `${issue.path.length > 0 ? issue.path.map(String).join('.') : '(definition)'}: ${issue.message}`),
  };
}

export type Answers = Record<string, string>;

export type Score = {
  score: number;
  minScore: number;
  maxScore: number;
  band: Band;
  bandIndex: number;
  aboveThreshold: boolean;
};

export type ScoreOutcome = { ok: true; result: Score } | { ok: false; unanswered: string[]; invalid: string[] };

/**
 * Scores answers exactly by the definition's rule: the sum of the points of the chosen option of
 * every item. Every item must be answered with one of its options; anything else is reported
 * per item and nothing is scored.
 */
export function scoreAnswers(definition: InstrumentDefinition, answers: Answers): ScoreOutcome {
  const unanswered: string[] = [];
  const invalid: string[] = [];
  let score = 0;
  for (const item of definition.items) {
    const given = Object.hasOwn(answers, item.key) ? answers[item.key] : undefined;
    if (given === undefined || given === '') {
      unanswered.push(item.key);
      continue;
    }
    const option = optionsOf(definition, item).find((o) => o.value === given);
    if (!option) {
      invalid.push(item.key);
      continue;
    }
    score += option.points;
  }
  if (unanswered.length > 0 || invalid.length > 0) return { ok: false, unanswered, invalid };
  const { min, max } = scoreRange(definition);
  const bandIndex = definition.bands.findIndex((b) => score >= b.min && score <= b.max);
  const band = definition.bands[bandIndex];
  // A checked definition has bands that cover every possible score.
  if (!band) throw new Error(`The bands of ${definition.key} ${definition.version} do not cover the score ${score}.`);
  return {
    ok: true,
    result: {
      score,
      minScore: min,
      maxScore: max,
      band,
      bandIndex,
      aboveThreshold: definition.threshold !== undefined && score >= definition.threshold.score,
    },
  };
}

/** Only the answers to the definition's items, in item order (what a result keeps). */
export function keptAnswers(definition: InstrumentDefinition, answers: Answers): Answers {
  const kept: Answers = {};
  for (const item of definition.items) {
    const value = answers[item.key];
    if (value !== undefined) kept[item.key] = value;
  }
  return kept;
}
