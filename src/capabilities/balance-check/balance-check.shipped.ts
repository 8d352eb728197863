import { readFileSync } from 'node:fs';
import { checkDefinition, type InstrumentDefinition } from './balance-check.definition.ts';

/**
 * The instruments Naaste ships (PRODUCT.md, "Validated burden instruments"): EDIZ and CSI, as
 * JSON files beside this module. They are read and checked once when the module loads; a broken
 * file stops the start, never a resident halfway through a questionnaire.
 */
export const SHIPPED_FILES = ['ediz-1.json', 'csi-1.json'] as const;

function load(file: string): InstrumentDefinition {
  const text = readFileSync(new URL(`./instruments/${file}`, import.meta.url), 'utf8');
  const checked = checkDefinition(JSON.parse(text));
  if (!checked.ok) throw new Error(`The shipped instrument ${file} is not valid:\n${checked.problems.join('\n')}`);
  return checked.definition;
}

export const SHIPPED_INSTRUMENTS: readonly InstrumentDefinition[] = SHIPPED_FILES.map(load);

export function shippedInstrument(key: string, version?: string): InstrumentDefinition | undefined {
  const matches = SHIPPED_INSTRUMENTS.filter((d) => d.key === key && (version === undefined || d.version === version));
  return matches.sort((a, b) => compareVersions(b.version, a.version))[0];
}

/** Orders versions the way people write them: "2" before "10", "1.2" before "1.10". */
export function compareVersions(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
