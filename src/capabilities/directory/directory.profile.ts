import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The Naaste HSDS profile (docs/hsds-profile.md): the two taxonomies every Dutch social map in
 * Naaste shares. The terms themselves (names in Dutch and English, descriptions, keywords) live
 * in db/seed/data/naaste-hsds-profile.json and are loaded by loadReferenceData.
 */
export const PROFILE = {
  supportForms: {
    taxonomyUri: 'urn:naaste:hsds:taxonomie:steunvormen',
    informationAdvice: 'informatie-en-advies',
    emotionalSupport: 'emotionele-steun-en-scholing',
    respite: 'respijt',
    practicalHelp: 'praktische-en-materiele-hulp',
    generalServices: 'algemene-voorzieningen',
  },
  targetGroups: {
    taxonomyUri: 'urn:naaste:hsds:taxonomie:doelgroepen',
    youngCarers: 'jonge-mantelzorgers',
    workingCarers: 'werkende-mantelzorgers',
    dementia: 'dementie',
    childrenWithDisability: 'kinderen-met-een-beperking',
    elderly: 'ouderen',
    chronicIllness: 'chronische-ziekte',
    mentalHealth: 'psychische-problemen',
    endOfLife: 'levenseinde',
    migrantsLanguage: 'migranten-en-taal',
    disability: 'beperking',
    brainInjury: 'hersenletsel',
  },
} as const;

type Codes<T> = { [K in keyof T]: K extends 'taxonomyUri' ? never : T[K] }[keyof T];
export type SupportFormCode = Codes<typeof PROFILE.supportForms>;
export type TargetGroupCode = Codes<typeof PROFILE.targetGroups>;

const codesOf = <T extends Record<string, string>>(group: T) =>
  Object.entries(group)
    .filter(([k]) => k !== 'taxonomyUri')
    .map(([, v]) => v);

/** In the order residents see them. */
export const SUPPORT_FORM_CODES = codesOf(PROFILE.supportForms) as SupportFormCode[];
export const TARGET_GROUP_CODES = codesOf(PROFILE.targetGroups) as TargetGroupCode[];

/** The HSDS term_uri of a profile term. */
export function termUri(taxonomyUri: string, code: string): string {
  return `${taxonomyUri}:${code}`;
}

export const PROFILE_FILE = fileURLToPath(new URL('../../../db/seed/data/naaste-hsds-profile.json', import.meta.url));

const termSchema = z.object({
  code: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1).max(200),
  name_en: z.string().min(1).max(200),
  description: z.string().max(2000),
  keywords: z.string().max(4000),
});
export const profileFileSchema = z.object({
  about: z.string(),
  taxonomies: z.array(
    z.object({
      uri: z.string().startsWith('urn:naaste:'),
      name: z.string().min(1).max(200),
      description: z.string().max(2000),
      version: z.string().max(50),
      terms: z.array(termSchema).min(1),
    }),
  ),
  glossary_about: z.string(),
  glossary: z.record(z.string().regex(/^[a-z0-9]+$/), z.string().regex(/^[a-z0-9]+$/)),
});
export type ProfileFile = z.infer<typeof profileFileSchema>;

export async function readProfile(file = PROFILE_FILE): Promise<ProfileFile> {
  return profileFileSchema.parse(JSON.parse(await fs.readFile(file, 'utf8')));
}

let glossary: ReadonlyMap<string, string> | undefined;

/** English question words and the Dutch word searched with each (from the profile file). */
export function englishGlossary(): ReadonlyMap<string, string> {
  glossary ??= new Map(Object.entries(profileFileSchema.parse(JSON.parse(readFileSync(PROFILE_FILE, 'utf8'))).glossary));
  return glossary;
}
