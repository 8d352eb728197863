// What the benchmarks share: reading whole-number settings, percentiles and the results table.

/** A whole-number setting of at least `min`; `fallback` when it is not given. */
export function wholeNumber(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number of at least ${min}, not '${raw}'.`);
  return value;
}

/** Nearest-rank percentile of ascending values. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * A Markdown table with aligned columns (as the formatter writes it), ready to paste into
 * bench/README.md; the first two columns (target and path) left-aligned, the figures right-aligned.
 */
export function markdownTable(header: string[], body: string[][]): string {
  const rightAligned = header.map((_, column) => column >= 2);
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((row) => row[column]?.length ?? 0)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => (rightAligned[column] ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0))).join(' | ')} |`;
  const rule = widths.map((width, column) => (rightAligned[column] ? `${'-'.repeat(width - 1)}:` : '-'.repeat(width)));
  return [line(header), `|${rule.map((r) => ` ${r} `).join('|')}|`, ...body.map(line)].join('\n');
}
