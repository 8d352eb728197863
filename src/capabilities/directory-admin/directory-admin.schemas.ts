import { SUPPORT_FORM_CODES, TARGET_GROUP_CODES, WEEKDAYS, type Weekday } from '../directory/directory.service.ts';

export { WEEKDAYS, type Weekday } from '../directory/directory.service.ts';

export type DayHours = { opens: string; closes: string };

/**
 * An entry as its owner edits it: the form's values, as strings. A change to a published entry
 * waits in directory_services.pending_change in this shape until the coordinator approves it,
 * so it can be shown again in the form and compared with what is public.
 */
export type EntryDraft = {
  name: string;
  description: string;
  supportForms: string[];
  targetGroups: string[];
  /** 'ja' free, 'nee' costs money. */
  isFree: string;
  feesDescription: string;
  eligibilityDescription: string;
  applicationProcess: string;
  languages: string[];
  phone: string;
  email: string;
  url: string;
  address1: string;
  postalCode: string;
  city: string;
  /** Opening hours per weekday; both empty: closed (or not given). */
  hours: Record<Weekday, DayHours>;
};

/** What waits in pending_change. */
export type PendingChange = {
  draft: EntryDraft;
  submittedAt: string;
  submittedBy: string;
  /** Set when the coordinator sent the change back; the owner may correct it and send it again. */
  rejectedAt?: string;
};

export const REVIEW_STATUSES = ['draft', 'pending', 'published', 'rejected', 'withdrawn'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** Languages offered in the form (ISO 639); a language an entry already has is offered too. */
export const LANGUAGES: { code: string; nl: string; en: string }[] = [
  { code: 'nl', nl: 'Nederlands', en: 'Dutch' },
  { code: 'en', nl: 'Engels', en: 'English' },
  { code: 'de', nl: 'Duits', en: 'German' },
  { code: 'fr', nl: 'Frans', en: 'French' },
  { code: 'es', nl: 'Spaans', en: 'Spanish' },
  { code: 'ar', nl: 'Arabisch', en: 'Arabic' },
  { code: 'tr', nl: 'Turks', en: 'Turkish' },
  { code: 'pl', nl: 'Pools', en: 'Polish' },
  { code: 'uk', nl: 'Oekraïens', en: 'Ukrainian' },
  { code: 'ti', nl: 'Tigrinya', en: 'Tigrinya' },
  { code: 'so', nl: 'Somalisch', en: 'Somali' },
  { code: 'pap', nl: 'Papiaments', en: 'Papiamento' },
  { code: 'zgh', nl: 'Tamazight (Berbers)', en: 'Tamazight (Berber)' },
  { code: 'sgn', nl: 'Nederlandse Gebarentaal', en: 'Sign language (NGT)' },
];

export function emptyHours(): Record<Weekday, DayHours> {
  return Object.fromEntries(WEEKDAYS.map((d) => [d, { opens: '', closes: '' }])) as Record<Weekday, DayHours>;
}

export function emptyDraft(): EntryDraft {
  return {
    name: '',
    description: '',
    supportForms: [],
    targetGroups: [],
    isFree: '',
    feesDescription: '',
    eligibilityDescription: '',
    applicationProcess: '',
    languages: [],
    phone: '',
    email: '',
    url: '',
    address1: '',
    postalCode: '',
    city: '',
    hours: emptyHours(),
  };
}

const str = (body: Record<string, unknown>, name: string, max: number): string => {
  const v = body[name];
  return typeof v === 'string' ? v.slice(0, max) : '';
};
const list = (body: Record<string, unknown>, name: string): string[] => {
  const v = body[name];
  const values = Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
  return [...new Set(values.filter((x): x is string => typeof x === 'string').map((x) => x.slice(0, 40)))].slice(0, 40);
};

/** The draft as a browser posts it; read leniently so a bad form comes back with what was typed. */
export function draftFromBody(raw: unknown): EntryDraft {
  const body = (raw ?? {}) as Record<string, unknown>;
  const hours = emptyHours();
  for (const d of WEEKDAYS) hours[d] = { opens: str(body, `opens-${d}`, 10).trim(), closes: str(body, `closes-${d}`, 10).trim() };
  return {
    name: str(body, 'name', 400).trim(),
    description: str(body, 'description', 6000).trim(),
    supportForms: list(body, 'supportForms'),
    targetGroups: list(body, 'targetGroups'),
    isFree: str(body, 'isFree', 10),
    feesDescription: str(body, 'feesDescription', 1200).trim(),
    eligibilityDescription: str(body, 'eligibilityDescription', 2200).trim(),
    applicationProcess: str(body, 'applicationProcess', 2200).trim(),
    languages: list(body, 'languages'),
    phone: str(body, 'phone', 60).trim(),
    email: str(body, 'email', 300).trim(),
    url: str(body, 'url', 600).trim(),
    address1: str(body, 'address1', 400).trim(),
    postalCode: str(body, 'postalCode', 20).trim(),
    city: str(body, 'city', 200).trim(),
    hours,
  };
}

export type DraftProblem = { field: string; code: string };

const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const POSTCODE = /^[1-9][0-9]{3} ?[A-Za-z]{2}$/;
const PHONE = /^\+?[0-9 ()-]{6,20}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URL_PATTERN = /^https?:\/\/[^\s/$.?#][^\s]*$/i;

/** Every problem of a draft at once, in the order of the form. */
export function checkDraft(d: EntryDraft, knownLanguages: readonly string[]): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const add = (field: string, code: string) => problems.push({ field, code });
  if (!d.name) add('name', 'empty');
  else if (d.name.length > 300) add('name', 'tooLong');
  if (!d.description) add('description', 'empty');
  else if (d.description.length > 5000) add('description', 'tooLong');
  if (d.supportForms.length === 0) add('supportForms', 'empty');
  else if (d.supportForms.some((c) => !(SUPPORT_FORM_CODES as string[]).includes(c))) add('supportForms', 'unknown');
  if (d.targetGroups.some((c) => !(TARGET_GROUP_CODES as string[]).includes(c))) add('targetGroups', 'unknown');
  if (d.isFree !== 'ja' && d.isFree !== 'nee') add('isFree', 'empty');
  if (d.feesDescription.length > 1000) add('feesDescription', 'tooLong');
  if (d.eligibilityDescription.length > 2000) add('eligibilityDescription', 'tooLong');
  if (d.applicationProcess.length > 2000) add('applicationProcess', 'tooLong');
  if (d.languages.some((c) => !knownLanguages.includes(c))) add('languages', 'unknown');
  if (d.phone && !PHONE.test(d.phone)) add('phone', 'invalid');
  if (d.email && (!EMAIL.test(d.email) || d.email.length > 254)) add('email', 'invalid');
  if (d.url && (!URL_PATTERN.test(d.url) || d.url.length > 500)) add('url', 'invalid');
  if (!d.phone && !d.email && !d.url) add('phone', 'noContact');
  const anyAddress = d.address1 || d.postalCode || d.city;
  if (anyAddress) {
    if (!d.address1) add('address1', 'empty');
    else if (d.address1.length > 300) add('address1', 'tooLong');
    if (!POSTCODE.test(d.postalCode)) add('postalCode', 'invalid');
    if (!d.city) add('city', 'empty');
    else if (d.city.length > 100) add('city', 'tooLong');
  }
  for (const day of WEEKDAYS) {
    const h = d.hours[day];
    if (!h.opens && !h.closes) continue;
    if (!TIME.test(h.opens)) add(`opens-${day}`, 'invalid');
    else if (!TIME.test(h.closes)) add(`closes-${day}`, 'invalid');
    else if (h.closes <= h.opens) add(`closes-${day}`, 'beforeOpens');
  }
  return problems;
}

/** "1234ab" and "1234 AB" become "1234 AB". */
export function normalisePostcode(value: string): string {
  const m = /^([1-9][0-9]{3}) ?([A-Za-z]{2})$/.exec(value.trim());
  return m ? `${m[1]} ${m[2]?.toUpperCase()}` : value.trim();
}

/** The draft as it is stored: trimmed, normalised, in a stable order (so comparing two drafts is fair). */
export function normaliseDraft(d: EntryDraft): EntryDraft {
  return {
    ...d,
    supportForms: [...new Set(d.supportForms)].sort(),
    targetGroups: [...new Set(d.targetGroups)].sort(),
    languages: [...new Set(d.languages)].sort(),
    postalCode: d.postalCode ? normalisePostcode(d.postalCode) : '',
    hours: Object.fromEntries(WEEKDAYS.map((day) => [day, { opens: d.hours[day].opens, closes: d.hours[day].closes }])) as Record<
      Weekday,
      DayHours
    >,
  };
}

export const REPORT_MAX = 2000;
export const NOTE_MAX = 1000;
