import { z } from 'zod';
import type { ConsentRow } from '../../platform/consent/consent.ts';

/** A consent as the API shows it to the person it is about. */
export const consentResourceSchema = z
  .object({
    id: z.uuid(),
    municipalityCode: z.string().describe('CBS code of the municipality whose network holds the consent, e.g. GM0363.'),
    municipalityName: z.string(),
    dataCategory: z.string().describe('Which data may be seen, as a code (e.g. careNeeds).'),
    purpose: z.string().describe('For which purpose, as a code (e.g. support).'),
    recipientOrganisation: z.object({ id: z.uuid(), name: z.string() }).describe('The organisation that may see the data.'),
    givenHow: z.enum(['online', 'recordedInPerson']).describe('Given online by the person, or in person and recorded by a professional.'),
    recordedByName: z.string().nullable().describe('The professional who recorded a consent given in person.'),
    guardianName: z.string().nullable().describe('The parent or guardian who agreed too (for a person under 16 agreeing online).'),
    validFrom: z.iso.datetime(),
    validUntil: z.iso.datetime(),
    withdrawnAt: z.iso.datetime().nullable(),
    active: z.boolean().describe('True while the consent is in force: begun, not ended and not withdrawn.'),
  })
  .meta({ id: 'Consent', description: 'Consent to share data: who may see what, for which purpose, until when.' });

export const consentListSchema = z
  .object({ items: z.array(consentResourceSchema) })
  .meta({ id: 'ConsentList', description: 'Every consent of the signed-in person, over all municipalities, active ones first.' });

export type ConsentResource = z.infer<typeof consentResourceSchema>;

export function toConsentResource(c: ConsentRow & { municipalityCode: string; municipalityName: string }): ConsentResource {
  return {
    id: c.id,
    municipalityCode: c.municipalityCode,
    municipalityName: c.municipalityName,
    dataCategory: c.dataCategory,
    purpose: c.purpose,
    recipientOrganisation: { id: c.recipientOrganisationId, name: c.recipientOrganisationName },
    givenHow: c.givenHow,
    recordedByName: c.recordedByName,
    guardianName: c.guardianName,
    validFrom: c.validFrom,
    validUntil: c.validUntil,
    withdrawnAt: c.withdrawnAt,
    active: c.active,
  };
}
