import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';
import { containsPattern } from './sql-text.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

/** Whether PostgreSQL's ILIKE finds `search` in `value` through the pattern. */
async function found(value: string, search: string): Promise<boolean> {
  const { rows } = await t.db.platform((sql) =>
    sql.query<{ hit: boolean }>('select $1::text ilike $2 as hit', [value, containsPattern(search)]),
  );
  return rows[0]?.hit === true;
}

describe('containsPattern', () => {
  it('escapes the wildcards and the backslash and wraps the text in %', () => {
    expect(containsPattern('Jansen')).toBe('%Jansen%');
    expect(containsPattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });

  it('finds the text anywhere, ignoring case', async () => {
    expect(await found('Mantelzorg Utrecht', 'zorg utr')).toBe(true);
    expect(await found('Mantelzorg Utrecht', 'Amersfoort')).toBe(false);
  });

  it('takes % and _ literally', async () => {
    expect(await found('korting 50%', '50%')).toBe(true);
    expect(await found('korting 50 euro', '%')).toBe(false);
    expect(await found('a_b', 'a_b')).toBe(true);
    expect(await found('axb', 'a_b')).toBe(false);
  });

  it('takes the backslash literally', async () => {
    expect(await found('map\\bestand', 'map\\bestand')).toBe(true);
    expect(await found('mapbestand', 'p\\b')).toBe(false);
    expect(await found('map%bestand', '\\%')).toBe(false);
  });
});
