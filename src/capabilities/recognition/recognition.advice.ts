import { z } from 'zod';

/**
 * The recognition check (F1): a few questions about what someone does, never whether they call
 * themselves a caregiver, and a personal next step from the answers. Nothing here is stored.
 */

export const VARIANTS = ['jong', 'werk', 'kind', 'ouder'] as const;
export type Variant = (typeof VARIANTS)[number];

export const FOR_WHOM = ['partner', 'parent', 'child', 'otherFamily', 'friendNeighbour', 'other'] as const;
export const TASKS = ['household', 'personalCare', 'nursing', 'arranging', 'companionship', 'transport', 'finances', 'other'] as const;
export const HOURS = ['under4', 'from4to8', 'from9to20', 'over20'] as const;
export const SINCE = ['under3m', 'from3to12m', 'from1to5y', 'over5y'] as const;
export const COMBINES = ['work', 'school', 'children'] as const;
export const COPING = ['fine', 'sometimesHard', 'oftenHard'] as const;
export const AGES = ['under18', 'from18to24', 'from25to64', 'over65'] as const;

const optional = <T extends readonly [string, ...string[]]>(values: T) => z.union([z.literal(''), z.enum(values)]);

export const recognitionSchema = z.object({
  forWhom: z.enum(FOR_WHOM),
  tasks: z.array(z.enum(TASKS)).min(1),
  hours: z.enum(HOURS),
  since: z.enum(SINCE),
  combines: z.array(z.enum(COMBINES)),
  coping: optional(COPING),
  age: optional(AGES),
  municipality: z.union([z.literal(''), z.string().regex(/^[a-z0-9-]{1,80}$/)]),
  variant: optional(VARIANTS),
});

export type RecognitionAnswers = z.infer<typeof recognitionSchema>;
/** What the form sends, as typed; a re-render shows exactly this. */
export type RecognitionValues = {
  forWhom: string;
  tasks: string[];
  hours: string;
  since: string;
  combines: string[];
  coping: string;
  age: string;
  municipality: string;
  variant: string;
};

export const emptyValues = (variant: Variant | '' = ''): RecognitionValues => ({
  forWhom: variant === 'kind' ? 'child' : variant === 'ouder' ? 'parent' : '',
  tasks: [],
  hours: '',
  since: '',
  combines: variant === 'werk' ? ['work'] : variant === 'jong' ? ['school'] : [],
  coping: '',
  age: '',
  municipality: '',
  variant,
});

/** The fields with a problem, in the order of the form. */
export function invalidFields(values: RecognitionValues): string[] {
  const parsed = recognitionSchema.safeParse(values);
  if (parsed.success) return [];
  const fields = new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')));
  return ['forWhom', 'tasks', 'hours', 'since', 'combines', 'coping', 'age', 'municipality', 'variant'].filter((f) => fields.has(f));
}

export type StepKind =
  | 'supportCentre'
  | 'balanceCheck'
  | 'localSupport'
  | 'information'
  | 'respite'
  | 'youngCarer'
  | 'workingCarer'
  | 'parentOfChild'
  | 'childOfParent';

/** Who the advice speaks to, from the variant chosen and the answers given. */
export function audiencesOf(a: RecognitionAnswers): Set<'young' | 'working' | 'parentOfChild' | 'childOfParent'> {
  const found = new Set<'young' | 'working' | 'parentOfChild' | 'childOfParent'>();
  if (a.variant === 'jong' || a.age === 'under18' || a.age === 'from18to24' || a.combines.includes('school')) found.add('young');
  if (a.variant === 'werk' || a.combines.includes('work')) found.add('working');
  if (a.variant === 'kind' || a.forWhom === 'child') found.add('parentOfChild');
  if (a.variant === 'ouder' || a.forWhom === 'parent') found.add('childOfParent');
  return found;
}

/**
 * How heavy the situation sounds from the answers (not a measurement: the balance check is that).
 * 'heavy': it is often hard, more than 20 hours a week, or 9–20 hours beside work or school.
 * 'middle': sometimes hard, or 9–20 hours. Otherwise 'light'.
 */
export function weightOf(a: RecognitionAnswers): 'light' | 'middle' | 'heavy' {
  const busy = a.combines.includes('work') || a.combines.includes('school');
  if (a.coping === 'oftenHard' || a.hours === 'over20' || (a.hours === 'from9to20' && busy)) return 'heavy';
  if (a.coping === 'sometimesHard' || a.hours === 'from9to20') return 'middle';
  return 'light';
}

/**
 * The personal next steps, most useful first: with a heavy situation the support centre comes
 * first, then the balance check; with a middle one the balance check; otherwise information.
 * Then what fits the person's situation (young, working, parent of a sick child, child of an
 * elderly parent), and temporary replacement of the care when it has lasted long or weighs heavily.
 */
export function nextSteps(a: RecognitionAnswers): StepKind[] {
  const weight = weightOf(a);
  const steps: StepKind[] =
    weight === 'heavy'
      ? ['supportCentre', 'balanceCheck', 'localSupport']
      : weight === 'middle'
        ? ['balanceCheck', 'localSupport', 'supportCentre']
        : ['information', 'balanceCheck', 'localSupport'];
  const audiences = audiencesOf(a);
  if (audiences.has('young')) steps.push('youngCarer');
  if (audiences.has('working')) steps.push('workingCarer');
  if (audiences.has('parentOfChild')) steps.push('parentOfChild');
  if (audiences.has('childOfParent')) steps.push('childOfParent');
  if (weight === 'heavy' || a.since === 'over5y' || (a.since === 'from1to5y' && a.hours !== 'under4')) steps.push('respite');
  if (!steps.includes('information')) steps.push('information');
  if (!steps.includes('supportCentre')) steps.push('supportCentre');
  return steps;
}
