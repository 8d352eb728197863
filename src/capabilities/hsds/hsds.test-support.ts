import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inContext } from '../../platform/db/context.ts';
import type { Database } from '../../platform/db/database.ts';
import { addMunicipality } from '../organisations/organisations.service.ts';
import { loadReferenceData } from '../directory/directory.service.ts';
import { type ImportReport, importServices, readDataset } from './hsds.import.ts';

/** The invented sample dataset (four services of two organisations in "Kaartdorp"). */
export const SAMPLE_FILE = fileURLToPath(new URL('./fixtures/kaartdorp.hsds.json', import.meta.url));
export const sampleText = (): string => fs.readFileSync(SAMPLE_FILE, 'utf8');
// biome-ignore lint/suspicious/noExplicitAny: test data is edited freely.
export const sample = (): any[] => JSON.parse(sampleText());

const operator = { kind: 'operator', name: 'test' } as const;

/** Two municipalities with a network each, and the reference data (postcode areas, profile taxonomies). */
export async function setUpMunicipalities(db: Database): Promise<{ kaartdorp: string; anderdorp: string }> {
  return inContext(db, { tenantId: null, actor: operator }, async (ctx) => {
    await loadReferenceData(ctx.sql);
    const kaartdorp = (await addMunicipality(ctx, { code: 'GM9001', name: 'Kaartdorp', province: 'Utrecht' })).municipality.id;
    const anderdorp = (await addMunicipality(ctx, { code: 'GM9002', name: 'Anderdorp', province: 'Gelderland' })).municipality.id;
    return { kaartdorp, anderdorp };
  });
}

/** Imports a dataset (as text) the way the command line does. */
export async function importText(db: Database, tenantId: string, text: string): Promise<ImportReport> {
  const dataset = readDataset(text);
  if (!dataset.ok) return dataset.report;
  return inContext(db, { tenantId, actor: operator }, (ctx) => importServices(ctx, dataset.services));
}
