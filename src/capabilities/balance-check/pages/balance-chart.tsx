import { format, type Locale } from '../../../platform/i18n/i18n.ts';
import type { BalanceResult } from '../balance-check.service.ts';
import { chartMessages } from '../balance-check.messages.ts';

/**
 * Balance over time (R2): for each instrument among the results, a server-rendered SVG line chart
 * (no script; a title and description for screen readers) with a table of the same data beside it.
 * Used by the caregiver's own pages and the consultant's workspace. Results of different
 * instruments or versions never share a chart: their scores do not compare.
 */
export type BalanceChartProps = {
  results: BalanceResult[];
  locale: Locale;
  /** Makes the ids unique when a page shows several charts (e.g. one per care relationship). */
  idPrefix?: string;
  /** Heading level of each instrument's caption (default 3). */
  headingLevel?: 2 | 3 | 4;
};

const WIDTH = 640;
const HEIGHT = 260;
const PAD = { left: 44, right: 16, top: 16, bottom: 40 };
const LINE = '#1f4e79';
const THRESHOLD = '#a4262c';
const GRID = '#767676';
const TEXT = '#1a1a1a';

export function formatDate(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'Europe/Amsterdam',
  }).format(new Date(iso));
}

function groups(results: BalanceResult[]): BalanceResult[][] {
  const byInstrument = new Map<string, BalanceResult[]>();
  for (const r of results) {
    const id = `${r.instrumentKey}@${r.instrumentVersion}`;
    byInstrument.set(id, [...(byInstrument.get(id) ?? []), r]);
  }
  return [...byInstrument.values()].map((list) => [...list].sort((a, b) => (a.takenAt < b.takenAt ? -1 : a.takenAt > b.takenAt ? 1 : 0)));
}

/** The ticks of the score axis: every point for short scales, otherwise a readable step. */
function ticks(min: number, max: number): number[] {
  const span = Math.max(1, max - min);
  const step = span <= 15 ? (span <= 10 ? 1 : 3) : Math.ceil(span / 5);
  const list: number[] = [];
  for (let v = min; v <= max; v += step) list.push(v);
  if (list[list.length - 1] !== max) list.push(max);
  return list;
}

export function BalanceChart({ results, locale, idPrefix = 'balans', headingLevel = 3 }: BalanceChartProps) {
  if (results.length === 0) return null;
  return (
    <>
      {groups(results).map((list) => (
        <InstrumentChart key={`${list[0]?.instrumentKey}`} results={list} locale={locale} idPrefix={idPrefix} headingLevel={headingLevel} />
      ))}
    </>
  );
}

function InstrumentChart({
  results,
  locale,
  idPrefix,
  headingLevel,
}: {
  results: BalanceResult[];
  locale: Locale;
  idPrefix: string;
  headingLevel: 2 | 3 | 4;
}) {
  const m = chartMessages[locale];
  const first = results[0] as BalanceResult;
  const last = results[results.length - 1] as BalanceResult;
  const title = first.instrumentTitle[locale];
  const id = `${idPrefix}-${first.instrumentKey}-${first.instrumentVersion}`.replace(/[^a-zA-Z0-9-]/g, '-');
  const min = first.minScore;
  const max = first.maxScore;
  const threshold = first.threshold;
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (results.length === 1 ? innerW / 2 : (innerW * i) / (results.length - 1));
  const y = (score: number) => PAD.top + innerH - (innerH * (score - min)) / Math.max(1, max - min);
  const labelEvery = Math.max(1, Math.ceil(results.length / 6));
  const above = results.filter((r) => r.aboveThreshold).length;
  const desc =
    (results.length === 1
      ? format(m.descOne, { score: first.score, max, date: formatDate(first.takenAt, locale) })
      : format(m.descMany, {
          n: results.length,
          min,
          max,
          first: first.score,
          firstDate: formatDate(first.takenAt, locale),
          last: last.score,
          lastDate: formatDate(last.takenAt, locale),
        })) + (threshold !== null ? format(m.descThreshold, { threshold, above, n: results.length }) : '');
  const Heading = `h${headingLevel}` as 'h3';
  return (
    <section class="naaste-chart-pair" aria-labelledby={`${id}-heading`}>
      <Heading class={`utrecht-heading-${headingLevel}`} id={`${id}-heading`}>
        {title}
      </Heading>
      <figure class="naaste-chart">
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          width="100%"
          role="img"
          aria-labelledby={`${id}-title ${id}-desc`}
          xmlns="http://www.w3.org/2000/svg"
          font-family="inherit"
          font-size="13"
        >
          <title id={`${id}-title`}>{format(m.chartTitle, { title })}</title>
          <desc id={`${id}-desc`}>{desc}</desc>
          {ticks(min, max).map((t) => (
            <g key={`tick-${t}`}>
              <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(t)} y2={y(t)} stroke={GRID} stroke-width="0.5" />
              <text x={PAD.left - 8} y={y(t) + 4} text-anchor="end" fill={TEXT}>
                {t}
              </text>
            </g>
          ))}
          <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={PAD.top + innerH} stroke={TEXT} stroke-width="1" />
          {threshold !== null ? (
            <g>
              <line
                x1={PAD.left}
                x2={WIDTH - PAD.right}
                y1={y(threshold)}
                y2={y(threshold)}
                stroke={THRESHOLD}
                stroke-width="2"
                stroke-dasharray="6 4"
              />
              <text x={WIDTH - PAD.right} y={y(threshold) - 6} text-anchor="end" fill={THRESHOLD}>
                {format(m.threshold, { threshold })}
              </text>
            </g>
          ) : null}
          {results.length > 1 ? (
            <polyline
              points={results.map((r, i) => `${x(i).toFixed(1)},${y(r.score).toFixed(1)}`).join(' ')}
              fill="none"
              stroke={LINE}
              stroke-width="3"
            />
          ) : null}
          {results.map((r, i) => (
            <g key={r.id}>
              <circle cx={x(i)} cy={y(r.score)} r="5" fill={r.aboveThreshold ? THRESHOLD : LINE} />
              {i % labelEvery === 0 || i === results.length - 1 ? (
                <text x={x(i)} y={HEIGHT - PAD.bottom + 20} text-anchor="middle" fill={TEXT}>
                  {formatDate(r.takenAt, locale)}
                </text>
              ) : null}
            </g>
          ))}
        </svg>
      </figure>
      <div class="naaste-table-scroll">
        <table class="utrecht-table naaste-chart-table">
          <caption class="utrecht-table__caption">{format(m.caption, { title })}</caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              <th class="utrecht-table__header-cell" scope="col">
                {m.date}
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                {m.score}
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                {m.outcome}
              </th>
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            {results.map((r) => (
              <tr class="utrecht-table__row" key={r.id}>
                <td class="utrecht-table__cell">{formatDate(r.takenAt, locale)}</td>
                <td class="utrecht-table__cell">{format(m.scoreOf, { score: r.score, max: r.maxScore })}</td>
                <td class="utrecht-table__cell">
                  {r.bandLabel[locale]}
                  {r.threshold !== null ? ` (${r.aboveThreshold ? m.atOrAbove : m.below})` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
