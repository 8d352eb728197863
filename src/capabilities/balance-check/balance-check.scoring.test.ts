import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Answers, checkDefinition, type InstrumentDefinition, scoreAnswers, scoreRange } from './balance-check.definition.ts';
import { SHIPPED_INSTRUMENTS, shippedInstrument } from './balance-check.shipped.ts';

const ediz = shippedInstrument('ediz') as InstrumentDefinition;
const csi = shippedInstrument('csi') as InstrumentDefinition;
const example = JSON.parse(readFileSync(new URL('./examples/ediz-plus.example.json', import.meta.url), 'utf8')) as unknown;
const edizPlus = (() => {
  const checked = checkDefinition(example);
  if (!checked.ok) throw new Error(checked.problems.join('\n'));
  return checked.definition;
})();

const scored = (definition: InstrumentDefinition, answers: Answers) => {
  const outcome = scoreAnswers(definition, answers);
  if (!outcome.ok) throw new Error(`not scored: ${JSON.stringify(outcome)}`);
  return outcome.result;
};
const allAnswered = (definition: InstrumentDefinition, value: string): Answers =>
  Object.fromEntries(definition.items.map((item) => [item.key, value]));

describe('the shipped instruments', () => {
  it('are EDIZ and CSI, each valid, in Dutch, with a source shown', () => {
    expect(SHIPPED_INSTRUMENTS.map((d) => `${d.key}@${d.version}`)).toEqual(['ediz@1', 'csi@1']);
    for (const d of SHIPPED_INSTRUMENTS) {
      expect(checkDefinition(d).ok).toBe(true);
      expect(d.language).toBe('nl');
      expect(d.source.citation.length).toBeGreaterThan(10);
    }
  });

  it('EDIZ has the instruction, answers and nine statements exactly as published', () => {
    expect(ediz.instruction).toBe('Geef aan of de afgelopen paar weken de volgende stellingen op u van toepassing waren:');
    expect(ediz.options.map((o) => [o.label, o.points])).toEqual([
      ['Nee!', 0],
      ['Nee', 0],
      ['Min of meer', 1],
      ['Ja', 1],
      ['Ja!', 1],
    ]);
    expect(ediz.items.map((i) => i.text)).toEqual([
      'Door de situatie van mijn naaste kom ik te weinig aan mijn leven toe',
      'Het combineren van de verantwoordelijkheid voor mijn naaste en de verantwoordelijkheid voor mijn werk en/of gezin valt niet mee',
      'Door mijn betrokkenheid bij mijn naaste doe ik anderen tekort',
      'Ik moet altijd maar klaarstaan voor mijn naaste',
      'Mijn zelfstandigheid komt in de knel',
      'De situatie van mijn naaste eist voortdurend mijn aandacht',
      'Door mijn betrokkenheid bij mijn naaste krijg ik conflicten thuis en/of op mijn werk',
      'De situatie van mijn naaste laat mij nooit los',
      'Ik voel me over het geheel genomen erg onder druk staan door de situatie van mijn naaste',
    ]);
    expect(ediz.source.citation).toContain('Pot, Van Dyck & Deeg (1995)');
    expect(ediz.source.citation).toContain('Tijdschrift voor Gerontologie en Geriatrie 26: 214–219');
  });

  it('EDIZ claims no cut-off: one band over 0–9, no threshold, no burden level', () => {
    expect(scoreRange(ediz)).toEqual({ min: 0, max: 9 });
    expect(ediz.threshold).toBeUndefined();
    expect(ediz.bands).toHaveLength(1);
    expect(ediz.bands[0]).toMatchObject({ min: 0, max: 9 });
    expect(ediz.bands[0]?.burdenLevel).toBeUndefined();
    expect(ediz.bands[0]?.explanation.nl).toContain('geen vaste grens');
    expect(ediz.bands[0]?.explanation.en).toContain('no fixed line');
  });

  it('CSI has the thirteen sentences exactly as published, ja/nee, and overload from 7', () => {
    expect(csi.items.map((i) => i.text)).toEqual([
      'Mijn nachtrust is verstoord.',
      'Hem of haar helpen kost me nogal wat moeite en tijd.',
      'Ik vind het lichamelijk zwaar.',
      'Het beperkt me in andere dingen die ik wil doen.',
      'Wij hebben onze dagelijkse manier van doen moeten aanpassen.',
      'Wij hebben onze plannen moeten wijzigen.',
      'Er zijn ook andere zaken waaraan ik mijn tijd moet besteden.',
      'Emotioneel gedragen we ons anders ten opzichte van elkaar.',
      'Het gedrag van mijn man/vrouw maakt me soms van streek.',
      'Het is pijnlijk te moeten zien dat hij/zij een ander persoon is geworden.',
      'Ik heb mijn werk/baan moeten aanpassen aan de situatie.',
      'Ik word geheel door deze situatie in beslag genomen.',
      'We leven onder financiële druk.',
    ]);
    expect(csi.options.map((o) => [o.label.toLowerCase(), o.points])).toEqual([
      ['ja', 1],
      ['nee', 0],
    ]);
    expect(csi.threshold?.score).toBe(7);
    expect(csi.source.citation).toContain('Robinson (1983)');
    expect(csi.source.citation).toContain('Schure et al. (1995)');
  });
});

describe('CSI scoring', () => {
  it('scores every one of the 2^13 answer combinations exactly, with the right band and threshold', () => {
    const counts = new Map<number, number>();
    for (let mask = 0; mask < 2 ** 13; mask += 1) {
      const answers: Answers = {};
      let yes = 0;
      csi.items.forEach((item, i) => {
        const on = (mask >> i) & 1;
        answers[item.key] = on ? 'ja' : 'nee';
        yes += on;
      });
      const r = scored(csi, answers);
      if (r.score !== yes) throw new Error(`mask ${mask}: ${r.score} != ${yes}`);
      if (r.aboveThreshold !== yes >= 7) throw new Error(`mask ${mask}: threshold wrong at ${yes}`);
      if (r.band.code !== (yes >= 7 ? 'overload' : 'belowThreshold')) throw new Error(`mask ${mask}: band ${r.band.code} at ${yes}`);
      counts.set(yes, (counts.get(yes) ?? 0) + 1);
    }
    // Every score 0–13 was reached, as often as the binomial coefficient says.
    expect(counts.get(0)).toBe(1);
    expect(counts.get(6)).toBe(1716);
    expect(counts.get(7)).toBe(1716);
    expect(counts.get(13)).toBe(1);
  });

  it('gives each item its own point: one "ja" anywhere scores 1, and 6 and 7 sit on either side of the threshold', () => {
    for (const item of csi.items) {
      const answers = { ...allAnswered(csi, 'nee'), [item.key]: 'ja' };
      expect(scored(csi, answers).score, item.key).toBe(1);
    }
    const six = allAnswered(csi, 'nee');
    for (const item of csi.items.slice(0, 6)) six[item.key] = 'ja';
    expect(scored(csi, six)).toMatchObject({ score: 6, aboveThreshold: false });
    const seven = { ...six, q13: 'ja' };
    expect(scored(csi, seven)).toMatchObject({ score: 7, aboveThreshold: true });
  });
});

describe('EDIZ scoring', () => {
  const edizValues = ediz.options.map((o) => o.value);
  const onePoint = new Set(['minOfMeer', 'ja', 'zekerJa']);

  it('gives 1 point for "Min of meer", "Ja" and "Ja!" and 0 for "Nee!" and "Nee", item by item', () => {
    for (const item of ediz.items) {
      for (const option of ediz.options) {
        const answers = { ...allAnswered(ediz, 'nee'), [item.key]: option.value };
        expect(scored(ediz, answers).score, `${item.key}=${option.label}`).toBe(onePoint.has(option.value) ? 1 : 0);
      }
    }
  });

  it('totals 0–9 as the number of statements that apply, for any answers (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...edizValues), { minLength: 9, maxLength: 9 }), (values) => {
        const answers = Object.fromEntries(ediz.items.map((item, i) => [item.key, values[i] as string]));
        const r = scored(ediz, answers);
        expect(r.score).toBe(values.filter((v) => onePoint.has(v)).length);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(9);
        expect(r.aboveThreshold).toBe(false);
        expect(r.band.code).toBe('score');
      }),
      { numRuns: 2000 },
    );
  });

  it('reaches its boundaries: all "Nee!" or "Nee" is 0, all "Ja!" is 9', () => {
    expect(scored(ediz, allAnswered(ediz, 'zekerNee')).score).toBe(0);
    expect(scored(ediz, allAnswered(ediz, 'nee')).score).toBe(0);
    expect(scored(ediz, allAnswered(ediz, 'minOfMeer')).score).toBe(9);
    expect(scored(ediz, allAnswered(ediz, 'zekerJa'))).toMatchObject({ score: 9, minScore: 0, maxScore: 9 });
  });
});

describe('answers that cannot be scored', () => {
  it('names every unanswered item and every answer that is not an option, and scores nothing', () => {
    const outcome = scoreAnswers(csi, { ...allAnswered(csi, 'ja'), q2: '', q5: 'misschien', q9: 'Ja' });
    expect(outcome).toEqual({ ok: false, unanswered: ['q2'], invalid: ['q5', 'q9'] });
    const none = scoreAnswers(ediz, {});
    expect(none.ok ? [] : none.unanswered).toEqual(ediz.items.map((i) => i.key));
  });

  it('does not take an answer from the prototype chain', () => {
    const outcome = scoreAnswers(csi, Object.create({ q1: 'ja' }) as Answers);
    expect(outcome.ok ? [] : outcome.unanswered).toContain('q1');
  });
});

describe('a loaded definition (EDIZ-plus)', () => {
  it('scores 0/1 over 15 items into the bands 0 none, 1–3 light, 4–8 moderate, 9–15 heavy, overload from 9', () => {
    const expected = (n: number) => (n === 0 ? 'none' : n <= 3 ? 'light' : n <= 8 ? 'moderate' : 'heavy');
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 15, maxLength: 15 }), (yes) => {
        const answers = Object.fromEntries(edizPlus.items.map((item, i) => [item.key, yes[i] ? 'ja' : 'nee']));
        const r = scored(edizPlus, answers);
        const n = yes.filter(Boolean).length;
        expect(r.score).toBe(n);
        expect(r.band.code).toBe(expected(n));
        expect(r.aboveThreshold).toBe(n >= 9);
      }),
      { numRuns: 3000 },
    );
    // Every boundary exactly.
    for (const [n, band] of [
      [0, 'none'],
      [1, 'light'],
      [3, 'light'],
      [4, 'moderate'],
      [8, 'moderate'],
      [9, 'heavy'],
      [15, 'heavy'],
    ] as const) {
      const answers = Object.fromEntries(edizPlus.items.map((item, i) => [item.key, i < n ? 'ja' : 'nee']));
      expect(scored(edizPlus, answers), `${n}`).toMatchObject({ score: n, aboveThreshold: n >= 9, band: { code: band } });
    }
  });
});

describe('a bad definition', () => {
  const base = () => structuredClone(example) as Record<string, unknown> & { bands: Record<string, unknown>[] };
  const problemsOf = (input: unknown) => {
    const checked = checkDefinition(input);
    return checked.ok ? [] : checked.problems;
  };

  it('is refused when bands leave a gap, overlap or stop short, each with a readable reason', () => {
    const gap = base();
    (gap.bands[2] as { min: number }).min = 5;
    expect(problemsOf(gap).join('\n')).toContain('bands.2.min: band "moderate" must start at 4');
    const overlap = base();
    (overlap.bands[1] as { max: number }).max = 4;
    expect(problemsOf(overlap).join('\n')).toContain('bands.2.min');
    const short = base();
    (short.bands[3] as { max: number }).max = 14;
    expect(problemsOf(short).join('\n')).toContain('bands.3.max: the last band must end at the highest possible score, 15');
  });

  it('is refused with a threshold outside the scores, duplicate keys, a bad key, a missing source or an unknown field', () => {
    const threshold = base();
    threshold.threshold = { score: 16, label: { nl: 'x', en: 'x' } };
    expect(problemsOf(threshold).join('\n')).toContain('threshold.score');
    const duplicate = base();
    (duplicate.items as { key: string }[])[1] = { key: 'q1', text: 'nog een' } as { key: string };
    expect(problemsOf(duplicate).join('\n')).toContain('item key "q1" appears more than once');
    const key = base();
    key.key = 'EDIZ Plus';
    expect(problemsOf(key).join('\n')).toContain('key:');
    const source = base();
    delete source.source;
    expect(problemsOf(source).join('\n')).toContain('source');
    const extra = base();
    extra.cutOff = 3;
    expect(problemsOf(extra).join('\n')).toMatch(/cutOff/);
    expect(problemsOf('not a definition')).not.toEqual([]);
  });

  it('is refused when a band has no explanation in both languages', () => {
    const missing = base();
    (missing.bands[0] as { explanation: unknown }).explanation = { nl: 'Alleen Nederlands' };
    expect(problemsOf(missing).join('\n')).toContain('bands.0.explanation.en');
  });
});
