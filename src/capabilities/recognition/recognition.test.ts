import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../tests/support/app.ts';
import { asOwner, createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';
import { openForm } from '../../../tests/support/forms.ts';
import { inContext } from '../../platform/db/context.ts';
import * as organisations from '../organisations/organisations.service.ts';
import {
  AGES,
  COMBINES,
  COPING,
  FOR_WHOM,
  HOURS,
  nextSteps,
  type RecognitionAnswers,
  SINCE,
  TASKS,
  VARIANTS,
  weightOf,
} from './recognition.advice.ts';

const base: RecognitionAnswers = {
  forWhom: 'partner',
  tasks: ['household'],
  hours: 'under4',
  since: 'under3m',
  combines: [],
  coping: '',
  age: '',
  municipality: '',
  variant: '',
};

describe('the next steps', () => {
  it('put the support centre first when it sounds heavy, the balance check when in between, information otherwise', () => {
    expect(nextSteps({ ...base, coping: 'oftenHard' }).slice(0, 2)).toEqual(['supportCentre', 'balanceCheck']);
    expect(nextSteps({ ...base, hours: 'over20' })[0]).toBe('supportCentre');
    expect(weightOf({ ...base, hours: 'from9to20', combines: ['work'] })).toBe('heavy');
    expect(nextSteps({ ...base, hours: 'from9to20' })[0]).toBe('balanceCheck');
    expect(nextSteps({ ...base, coping: 'sometimesHard' })[0]).toBe('balanceCheck');
    expect(nextSteps(base)[0]).toBe('information');
  });

  it('speak to young carers, working carers, parents of a sick child and children of an elderly parent', () => {
    expect(nextSteps({ ...base, variant: 'jong' })).toContain('youngCarer');
    expect(nextSteps({ ...base, age: 'under18' })).toContain('youngCarer');
    expect(nextSteps({ ...base, combines: ['school'] })).toContain('youngCarer');
    expect(nextSteps({ ...base, combines: ['work'] })).toContain('workingCarer');
    expect(nextSteps({ ...base, forWhom: 'child' })).toContain('parentOfChild');
    expect(nextSteps({ ...base, variant: 'ouder' })).toContain('childOfParent');
    expect(nextSteps(base).filter((s) => ['youngCarer', 'workingCarer', 'parentOfChild', 'childOfParent'].includes(s))).toEqual([]);
  });

  it('offer a break from caring when it has lasted long or weighs heavily', () => {
    expect(nextSteps({ ...base, since: 'over5y' })).toContain('respite');
    expect(nextSteps({ ...base, since: 'from1to5y', hours: 'from4to8' })).toContain('respite');
    expect(nextSteps({ ...base, since: 'from1to5y' })).not.toContain('respite');
    expect(nextSteps({ ...base, coping: 'oftenHard' })).toContain('respite');
  });

  it('always include the balance check, local support, information and the support centre, each once (property)', () => {
    const answers = fc.record({
      forWhom: fc.constantFrom(...FOR_WHOM),
      tasks: fc.subarray([...TASKS], { minLength: 1 }),
      hours: fc.constantFrom(...HOURS),
      since: fc.constantFrom(...SINCE),
      combines: fc.subarray([...COMBINES]),
      coping: fc.constantFrom('' as const, ...COPING),
      age: fc.constantFrom('' as const, ...AGES),
      municipality: fc.constant(''),
      variant: fc.constantFrom('' as const, ...VARIANTS),
    });
    fc.assert(
      fc.property(answers, (a) => {
        const steps = nextSteps(a);
        for (const must of ['balanceCheck', 'localSupport', 'information', 'supportCentre'] as const) expect(steps).toContain(must);
        expect(new Set(steps).size).toBe(steps.length);
        if (weightOf(a) === 'heavy') expect(steps[0]).toBe('supportCentre');
      }),
      { numRuns: 1000 },
    );
  });
});

describe('the pages', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  const tables = async () =>
    asOwner(t.ownerUrl, async (c) => {
      const { rows } = await c.query(
        `select (select count(*) from care_relationships) + (select count(*) from balance_check_results) + (select count(*) from access_log) + (select count(*) from feedback) as n`,
      );
      return Number(rows[0].n);
    });

  beforeAll(async () => {
    t = await createTestDatabase();
    app = await createTestApp(t);
    await inContext(t.db, { tenantId: null, actor: { kind: 'system', name: 'test' } }, (ctx) =>
      organisations.addMunicipality(ctx, { code: 'GM9111', name: 'Herkendorp' }),
    );
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('start from what people do, never ask them to call themselves a caregiver, and link the variants', async () => {
    const res = await app.inject({ url: '/zorgt-u-voor-iemand' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1 class="utrecht-heading-1">Zorgt u voor iemand?</h1>');
    expect(res.body).toContain('boodschappen');
    expect(res.body.toLowerCase()).not.toMatch(/bent u (een )?mantelzorger/);
    for (const v of ['jong', 'werk', 'kind', 'ouder']) expect(res.body).toContain(`href="/zorgt-u-voor-iemand/${v}"`);
    expect(res.body).toContain('<option value="herkendorp">Herkendorp</option>');
    expect(res.body).not.toContain('<script');
    const en = await app.inject({ url: '/zorgt-u-voor-iemand?lang=en' });
    expect(en.body).toContain('Do you look after someone?');
  });

  it('speak to young people as "je", and preselect what each variant implies', async () => {
    const jong = await app.inject({ url: '/zorgt-u-voor-iemand/jong' });
    expect(jong.body).toContain('Zorg jij thuis voor iemand?');
    expect(jong.body).toContain('Voor wie zorg je?');
    expect(jong.body).toContain('name="variant" value="jong"');
    expect(jong.body).toMatch(/value="school" checked/);
    const kind = await app.inject({ url: '/zorgt-u-voor-iemand/kind' });
    expect(kind.body).toMatch(/value="child" checked/);
    expect(kind.body).toContain('Voor wie zorgt u?');
    expect((await app.inject({ url: '/zorgt-u-voor-iemand/iedereen' })).statusCode).toBe(404);
  });

  it('come back with an error summary and the values typed, in form order', async () => {
    const form = await openForm(app, '/zorgt-u-voor-iemand');
    const res = await form.submit('/zorgt-u-voor-iemand', { forWhom: 'parent', hours: 'veel', coping: 'oftenHard', variant: '' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<title>Fout: Zorgt u voor iemand?');
    const start = res.body.indexOf('error-summary-title');
    const summary = res.body.slice(start, res.body.indexOf('</ul>', start));
    expect([...summary.matchAll(/href="#(\w+)"/g)].map((m) => m[1])).toEqual(['tasks', 'hours', 'since']);
    expect(summary).toContain('Kies minstens één ding dat u doet');
    expect(res.body).toMatch(/value="parent" checked/);
    expect(res.body).toMatch(/value="oftenHard" checked/);
  });

  it('give a personal next step that adapts to the answers and the municipality, and store nothing', async () => {
    const before = await tables();
    const form = await openForm(app, '/zorgt-u-voor-iemand/werk');
    const payload = new URLSearchParams({
      forWhom: 'parent',
      hours: 'from9to20',
      since: 'from1to5y',
      coping: 'sometimesHard',
      municipality: 'herkendorp',
      variant: 'werk',
    });
    payload.append('tasks', 'arranging');
    payload.append('tasks', 'transport');
    payload.append('combines', 'work');
    payload.append('_csrf', /name="_csrf" value="([^"]+)"/.exec(form.page.body)?.[1] ?? '');
    const res = await app.inject({
      method: 'POST',
      url: '/zorgt-u-voor-iemand',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: form.cookies },
      payload: payload.toString(),
    });
    expect(res.statusCode).toBe(200);
    const order = [...res.body.matchAll(/id="stap-(\w+)"/g)].map((m) => m[1]);
    expect(order.slice(0, 3)).toEqual(['supportCentre', 'balanceCheck', 'localSupport']);
    expect(order).toContain('workingCarer');
    expect(order).toContain('childOfParent');
    expect(order).toContain('respite');
    expect(res.body).toContain('href="/gemeenten/herkendorp"');
    expect(res.body).toContain('href="/balanscheck"');
    expect(res.body).toContain('href="/sociale-kaart"');
    expect(res.body).toContain('U heeft recht op zorgverlof');
    expect(res.body).toContain('Wij hebben uw antwoorden niet bewaard.');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(await tables()).toBe(before);
  });

  it('refuse a municipality that has no network, keeping the other answers', async () => {
    const form = await openForm(app, '/zorgt-u-voor-iemand');
    const res = await form.submit('/zorgt-u-voor-iemand', {
      forWhom: 'partner',
      tasks: 'household',
      hours: 'under4',
      since: 'under3m',
      municipality: 'nergens',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#municipality"');
    expect(res.body).toMatch(/value="partner" checked/);
  });
});
