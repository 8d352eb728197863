/**
 * A LIKE/ILIKE pattern that finds `text` anywhere in a value, with the text taken literally:
 * `%`, `_` and the backslash (PostgreSQL's default escape character) are escaped, so a search
 * for "50%" does not match everything and "a_b" does not match "axb".
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
