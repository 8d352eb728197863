import { z } from 'zod';
import { contrastRatio, MINIMUM_TEXT_CONTRAST } from '../../ui/contrast.ts';

export const ORGANISATION_KINDS = [
  'municipality',
  'supportCentre',
  'welfare',
  'volunteerOrganisation',
  'careProvider',
  'gpPractice',
  'districtTeam',
  'hospital',
  'school',
  'employer',
  'religious',
  'sportsClub',
  'advocacy',
  'other',
] as const;

export const organisationKindSchema = z.enum(ORGANISATION_KINDS);
export type OrganisationKind = z.infer<typeof organisationKindSchema>;

export const municipalityCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^GM\d{4}$/, 'Use a CBS municipality code such as GM0150.');

const hexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #1f5c99.');

/** Design tokens a municipality may set; only colours, so a theme can never inject CSS. */
export const themeSchema = z
  .object({
    primaryColor: hexColour.optional(),
    primaryTextColor: hexColour.optional(),
    accentColor: hexColour.optional(),
  })
  .strict()
  // The primary colour is used for links on white and as the header behind the primary text colour:
  // both must be readable (WCAG 2.1, 1.4.3), so a theme cannot make the site inaccessible.
  .superRefine((theme, ctx) => {
    const primary = theme.primaryColor ?? DEFAULT_THEME.primaryColor;
    const text = theme.primaryTextColor ?? DEFAULT_THEME.primaryTextColor;
    const onWhite = contrastRatio(primary, '#ffffff');
    if (onWhite < MINIMUM_TEXT_CONTRAST) {
      ctx.addIssue({
        code: 'custom',
        path: ['primaryColor'],
        message: `The primary colour has a contrast of ${onWhite.toFixed(2)}:1 on white; at least ${MINIMUM_TEXT_CONTRAST}:1 is needed.`,
      });
    }
    const header = contrastRatio(primary, text);
    if (header < MINIMUM_TEXT_CONTRAST) {
      ctx.addIssue({
        code: 'custom',
        path: ['primaryTextColor'],
        message: `The text colour has a contrast of ${header.toFixed(2)}:1 on the primary colour; at least ${MINIMUM_TEXT_CONTRAST}:1 is needed.`,
      });
    }
  });

/** The colours of src/ui/assets/naaste.css, used where a municipality sets none. */
export const DEFAULT_THEME = { primaryColor: '#1f5c99', primaryTextColor: '#ffffff' } as const;
export type Theme = z.infer<typeof themeSchema>;

export const slugSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);

export const newMunicipalitySchema = z.object({
  code: municipalityCodeSchema,
  name: z.string().trim().min(1).max(200),
  province: z.string().trim().max(100).optional(),
  theme: themeSchema.default({}),
});
export type NewMunicipality = z.input<typeof newMunicipalitySchema>;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v === '' ? undefined : v));

export const postcodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[1-9]\d{3} ?[A-Z]{2}$/, 'Use a Dutch postcode such as 1234 AB.')
  .transform((v) => `${v.slice(0, 4)} ${v.slice(-2)}`);

export const newOrganisationSchema = z.object({
  name: z.string().trim().min(1).max(200),
  kind: organisationKindSchema,
  isFindingPlace: z.boolean().default(false),
  description: optionalText(2000),
  email: z.email().max(254).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^[+0-9][0-9 ()-]{5,39}$/, 'Use a phone number such as 0570 123 456.')
    .optional(),
  website: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .optional(),
  street: optionalText(200),
  postcode: postcodeSchema.optional(),
  city: optionalText(100),
  municipalityCodes: z.array(municipalityCodeSchema).min(1).max(50),
});
export type NewOrganisation = z.input<typeof newOrganisationSchema>;

export type Municipality = {
  id: string;
  code: string;
  name: string;
  province: string | null;
  slug: string;
  active: boolean;
  theme: Theme;
};

export type Organisation = {
  id: string;
  name: string;
  kind: OrganisationKind;
  isFindingPlace: boolean;
  description: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  street: string | null;
  postcode: string | null;
  city: string | null;
};

export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/** What the API shows of a municipality. */
export const municipalityResourceSchema = z
  .object({
    code: z.string().describe('CBS municipality code, such as GM0150.'),
    name: z.string(),
    province: z.string().nullable(),
    active: z.boolean().describe('Whether this municipality runs a Naaste network.'),
    webUrl: z.string().describe('The public page of this municipality.'),
  })
  .meta({ id: 'Municipality' });

export const organisationResourceSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: organisationKindSchema,
    isFindingPlace: z.boolean().describe('Whether caregivers can be found and recognised here (vindplaats).'),
    description: z.string().nullable(),
    contact: z.object({
      email: z.string().nullable(),
      phone: z.string().nullable(),
      website: z.string().nullable(),
      street: z.string().nullable(),
      postcode: z.string().nullable(),
      city: z.string().nullable(),
    }),
  })
  .meta({ id: 'Organisation' });

export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
