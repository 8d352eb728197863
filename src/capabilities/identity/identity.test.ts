import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../tests/support/app.ts';
import { asOwner, createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';
import { cookieHeader, openForm } from '../../../tests/support/forms.ts';
import { base32Decode, newTotpSecret, totpAt } from '../../platform/auth/totp.ts';
import { inContext } from '../../platform/db/context.ts';
import * as service from './identity.service.ts';

let t: TestDatabase;
let app: FastifyInstance;
const system = { kind: 'system', name: 'test' } as const;
const platform = <T>(work: Parameters<typeof inContext<T>>[2]) => inContext(t.db, { tenantId: null, actor: system }, work);
const PASSWORD = 'lange zin als wachtwoord 42';
const SECRET = newTotpSecret();
const code = (offsetSeconds = 0) => totpAt(base32Decode(SECRET), Math.floor(Date.now() / 1000) + offsetSeconds);
/**
 * A test that makes codes of the previous step (code(-30)) and has them checked a moment later
 * starts in the first 25 seconds of a 30-second step, so that the check falls in the same step.
 */
async function clearOfStepEdge(): Promise<void> {
  const into = (Date.now() / 1000) % 30;
  if (into > 25) await new Promise((resolve) => setTimeout(resolve, (30 - into) * 1000 + 200));
}

type Mail = { to: string; subject: string; text: string };
const mails = async (to: string): Promise<Mail[]> =>
  asOwner(t.ownerUrl, async (c) =>
    (await c.query(`select payload from jobs where kind = 'email.send' and payload->>'to' = $1 order by id`, [to])).rows.map(
      (r) => r.payload as Mail,
    ),
  );
const linkIn = (mail: Mail | undefined, path: string) => {
  const match = new RegExp(`http://localhost:3000(${path}/[A-Za-z0-9_-]+)`).exec(mail?.text ?? '');
  if (!match?.[1]) throw new Error(`no ${path} link in ${mail?.text}`);
  return match[1];
};
const sessionFrom = (res: LightMyRequestResponse) =>
  cookieHeader(res.headers['set-cookie'])
    .split('; ')
    .find((c) => c.startsWith('naaste-session=')) ?? '';

beforeAll(async () => {
  t = await createTestDatabase();
  app = await createTestApp(t, { baseUrl: 'http://localhost:3000' });
  await platform(async (ctx) => {
    await service.createAccount(ctx, {
      email: 'consulent@steunpunt.example',
      displayName: 'Consulent',
      kind: 'professional',
      password: PASSWORD,
      totpSecret: SECRET,
    });
    await service.createAccount(ctx, {
      email: 'nieuw@wijkteam.example',
      displayName: 'Nieuwe medewerker',
      kind: 'professional',
      password: PASSWORD,
    });
    await service.createAccount(ctx, { email: 'inwoner@thuis.example', displayName: 'Inwoner', kind: 'resident' });
  });
});

afterAll(async () => {
  await app?.close();
  await t?.drop();
});

/** Signs a professional in with password and, when asked, the second factor; returns the cookies. */
async function signInProfessional(email: string, options: { secondFactor?: string } = {}) {
  const form = await openForm(app, '/inloggen/medewerker');
  const res = await form.submit('/inloggen/medewerker', { email, password: PASSWORD });
  expect(res.statusCode).toBe(303);
  let cookies = `${form.cookies}; ${sessionFrom(res)}`;
  if (options.secondFactor !== undefined) {
    const codeForm = await openForm(app, '/inloggen/code', cookies);
    const done = await codeForm.submit('/inloggen/code', { code: options.secondFactor });
    expect(done.statusCode, done.body.slice(0, 300)).toBe(303);
    cookies = codeForm.cookies;
  }
  return { cookies, res };
}

describe('GET /api/v1/me', () => {
  it('answers 401 problem+json without a session, and with an unknown session id', async () => {
    for (const headers of [{}, { cookie: 'naaste-session=made-up-id' }]) {
      const res = await app.inject({ url: '/api/v1/me', headers });
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ status: 401 });
    }
  });

  it('answers 403 for staff who have not passed the second factor, and 200 after', async () => {
    const half = await signInProfessional('consulent@steunpunt.example');
    expect(half.res.headers.location).toBe('/inloggen/code');
    const before = await app.inject({ url: '/api/v1/me', headers: { cookie: half.cookies } });
    expect(before.statusCode).toBe(403);
    const full = await signInProfessional('consulent@steunpunt.example', { secondFactor: code() });
    const me = await app.inject({ url: '/api/v1/me', headers: { cookie: full.cookies } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ email: 'consulent@steunpunt.example', kind: 'professional', memberships: [] });
    expect(me.headers['cache-control']).toBe('no-store');
  });
});

describe('staff sign-in', () => {
  it('gives the same answer for an unknown address and a wrong password', async () => {
    const form = await openForm(app, '/inloggen/medewerker');
    const wrong = await form.submit('/inloggen/medewerker', { email: 'consulent@steunpunt.example', password: 'niet het wachtwoord' });
    const unknown = await form.submit('/inloggen/medewerker', { email: 'niemand@steunpunt.example', password: 'niet het wachtwoord' });
    expect(wrong.statusCode).toBe(400);
    expect(unknown.statusCode).toBe(400);
    const summary = (r: LightMyRequestResponse) =>
      /<ul class="utrecht-unordered-list"><li><a class="utrecht-link" href="#email">([^<]+)</.exec(r.body)?.[1];
    expect(summary(wrong)).toBe('Het e-mailadres of het wachtwoord klopt niet');
    expect(summary(unknown)).toBe(summary(wrong));
    expect(wrong.headers['set-cookie']?.toString() ?? '').not.toContain('naaste-session=');
    // The typed address comes back, the password never does.
    expect(wrong.body).toContain('value="consulent@steunpunt.example"');
    expect(wrong.body).not.toContain('niet het wachtwoord');
  });

  it('locks an address after repeated failures, with back-off, even for the right password', async () => {
    const email = 'nieuw@wijkteam.example';
    const form = await openForm(app, '/inloggen/medewerker');
    for (let i = 0; i < 5; i++) await form.submit('/inloggen/medewerker', { email, password: `fout ${i}` });
    const locked = await form.submit('/inloggen/medewerker', { email, password: PASSWORD });
    expect(locked.statusCode).toBe(429);
    expect(locked.body).toContain('Te vaak geprobeerd');
    await asOwner(t.ownerUrl, (c) => c.query(`delete from sign_in_throttle`));
  });

  it('enrols a new professional: QR code, a confirming code, recovery codes shown once', async () => {
    const { cookies, res } = await signInProfessional('nieuw@wijkteam.example');
    expect(res.headers.location).toBe('/inloggen/tweestaps-instellen');
    const page = await openForm(app, '/inloggen/tweestaps-instellen', cookies);
    expect(page.page.body).toContain('<svg');
    expect(page.page.body).toContain('role="img"');
    const secret = /data-secret="([A-Z2-7]+)"/.exec(page.page.body)?.[1] as string;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const bad = await page.submit('/inloggen/tweestaps-instellen', { code: '000000' });
    expect(bad.statusCode).toBe(400);
    const good = await page.submit('/inloggen/tweestaps-instellen', { code: totpAt(base32Decode(secret), Math.floor(Date.now() / 1000)) });
    expect(good.statusCode).toBe(200);
    const codes = [...good.body.matchAll(/<li><code>([a-z0-9]{5}-[a-z0-9]{5})<\/code><\/li>/g)].map((m) => m[1] as string);
    expect(codes).toHaveLength(10);
    expect(good.headers['cache-control']).toBe('no-store');
    const account = await app.inject({ url: '/mijn-account', headers: { cookie: page.cookies } });
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain('nieuw@wijkteam.example');

    // A recovery code signs in once; the same code a second time does not.
    await app.inject({ method: 'POST', url: '/uitloggen' });
    const first = await signInProfessional('nieuw@wijkteam.example', { secondFactor: codes[0] as string });
    expect((await app.inject({ url: '/api/v1/me', headers: { cookie: first.cookies } })).statusCode).toBe(200);
    const again = await signInProfessional('nieuw@wijkteam.example');
    const form = await openForm(app, '/inloggen/code', again.cookies);
    expect((await form.submit('/inloggen/code', { code: codes[0] as string })).statusCode).toBe(400);
  });

  it('accepts each authenticator code only once (no replay)', async () => {
    await clearOfStepEdge();
    await asOwner(t.ownerUrl, (c) => c.query(`update accounts set totp_last_step = null where email = 'consulent@steunpunt.example'`));
    const now = code(30);
    await signInProfessional('consulent@steunpunt.example', { secondFactor: now });
    const second = await signInProfessional('consulent@steunpunt.example');
    const form = await openForm(app, '/inloggen/code', second.cookies);
    const replay = await form.submit('/inloggen/code', { code: now });
    expect(replay.statusCode).toBe(400);
    expect((await app.inject({ url: '/api/v1/me', headers: { cookie: form.cookies } })).statusCode).toBe(403);
  });

  it('gives a new session id at sign-in and ends the one the browser had (no fixation)', async () => {
    const first = await signInProfessional('consulent@steunpunt.example');
    const planted = first.cookies.match(/naaste-session=([^;]+)/)?.[1] as string;
    const form = await openForm(app, '/inloggen/medewerker', `naaste-session=${planted}`);
    const res = await form.submit('/inloggen/medewerker', { email: 'consulent@steunpunt.example', password: PASSWORD });
    const fresh = sessionFrom(res).split('=')[1];
    expect(fresh).toBeTruthy();
    expect(fresh).not.toBe(planted);
    const old = await app.inject({ url: '/inloggen/code', headers: { cookie: `naaste-session=${planted}` } });
    expect(old.statusCode).toBe(303);
    expect(old.headers.location).toBe('/inloggen/medewerker');
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, path /', async () => {
    const { res } = await signInProfessional('consulent@steunpunt.example');
    const set = String(res.headers['set-cookie']);
    expect(set).toMatch(/naaste-session=[A-Za-z0-9_-]{22};/);
    expect(set).toContain('HttpOnly');
    expect(set).toContain('SameSite=Lax');
    expect(set).toContain('Path=/');
  });

  it('never redirects to another site after sign-in', async () => {
    const reset = () => asOwner(t.ownerUrl, (c) => c.query(`update accounts set totp_last_step = null; delete from sign_in_throttle`));
    for (const [asked, expected] of [
      ['//evil.example/x', '/mijn-account'],
      ['https://evil.example', '/mijn-account'],
      ['/\\evil.example', '/mijn-account'],
      ['javascript:alert(1)', '/mijn-account'],
      ['/gemeenten', '/gemeenten'],
    ]) {
      await reset();
      const first = await signInProfessional('consulent@steunpunt.example');
      const url = `/inloggen/code?terug=${encodeURIComponent(asked as string)}`;
      const form = await openForm(app, url, first.cookies);
      const res = await form.submit(url, { code: code() });
      expect(res.statusCode, asked).toBe(303);
      expect(res.headers.location, asked).toBe(expected);
    }
    await reset();
  });

  it('refuses a sign-in post without the CSRF token', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/inloggen/medewerker',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `email=consulent%40steunpunt.example&password=${encodeURIComponent(PASSWORD)}`,
    });
    expect(res.statusCode).toBe(403);
    expect(res.headers['set-cookie']?.toString() ?? '').not.toContain('naaste-session=');
  });

  it('sends pages for signed-in people to sign-in first, keeping where they wanted to go', async () => {
    const res = await app.inject({ url: '/mijn-account' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/inloggen?terug=%2Fmijn-account');
  });
});

describe('resident sign-in by email link', () => {
  it('mails a single-use link, asks to press a button, and signs in once', async () => {
    const form = await openForm(app, '/inloggen');
    const res = await form.submit('/inloggen/link', { email: 'Inwoner@Thuis.example' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/inloggen/link-verstuurd');
    const sent = await mails('inwoner@thuis.example');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.subject).toBe('Uw link om in te loggen bij Naaste');
    const link = linkIn(sent[0], '/inloggen/link');

    // Opening the link (or a mail scanner opening it) does not use it.
    const page = await openForm(app, link);
    expect(page.page.statusCode).toBe(200);
    expect(page.page.headers['referrer-policy']).toBe('no-referrer');
    const used = await page.submit(link, {});
    expect(used.statusCode).toBe(303);
    expect(used.headers.location).toBe('/mijn-account');
    const me = await app.inject({ url: '/api/v1/me', headers: { cookie: sessionFrom(used) } });
    expect(me.json()).toMatchObject({ kind: 'resident', email: 'inwoner@thuis.example' });

    const again = await page.submit(link, {});
    expect(again.statusCode).toBe(410);
    expect((await app.inject({ url: link })).statusCode).toBe(410);
  });

  it('gives the same answer for an unknown address and sends nothing', async () => {
    const form = await openForm(app, '/inloggen');
    const res = await form.submit('/inloggen/link', { email: 'onbekend@thuis.example' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/inloggen/link-verstuurd');
    expect(await mails('onbekend@thuis.example')).toHaveLength(0);
  });

  it('does not accept an expired link', async () => {
    const form = await openForm(app, '/inloggen');
    await form.submit('/inloggen/link', { email: 'inwoner@thuis.example' });
    const link = linkIn((await mails('inwoner@thuis.example')).at(-1), '/inloggen/link');
    await asOwner(t.ownerUrl, (c) => c.query(`update email_tokens set expires_at = now() - interval '1 second' where purpose = 'signIn'`));
    const page = await app.inject({ url: link });
    expect(page.statusCode).toBe(410);
  });

  it('limits links per address; more requests get the same answer and no mail', async () => {
    await asOwner(t.ownerUrl, (c) => c.query(`delete from email_tokens; delete from jobs`));
    const form = await openForm(app, '/inloggen');
    for (let i = 0; i < 5; i++) expect((await form.submit('/inloggen/link', { email: 'inwoner@thuis.example' })).statusCode).toBe(303);
    expect(await mails('inwoner@thuis.example')).toHaveLength(service.LINKS_PER_QUARTER);
  });

  it('comes back with the typed value and an error for a malformed address', async () => {
    const form = await openForm(app, '/inloggen');
    const res = await form.submit('/inloggen/link', { email: 'geen adres' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('value="geen adres"');
    expect(res.body).toContain('href="#email"');
  });
});

describe('password reset and signing out', () => {
  it('resets a password by email link, refusing a weak one without using up the link, and ends every session', async () => {
    await clearOfStepEdge();
    await asOwner(t.ownerUrl, (c) => c.query(`update accounts set totp_last_step = null; delete from sign_in_throttle`));
    const signedIn = await signInProfessional('consulent@steunpunt.example', { secondFactor: code(-30) });
    expect((await app.inject({ url: '/api/v1/me', headers: { cookie: signedIn.cookies } })).statusCode).toBe(200);

    const form = await openForm(app, '/wachtwoord-vergeten');
    expect((await form.submit('/wachtwoord-vergeten', { email: 'consulent@steunpunt.example' })).headers.location).toBe(
      '/wachtwoord-vergeten/verstuurd',
    );
    const link = linkIn((await mails('consulent@steunpunt.example')).at(-1), '/wachtwoord-herstellen');
    const reset = await openForm(app, link);
    const weak = await reset.submit(link, { password: 'wachtwoord123' });
    expect(weak.statusCode).toBe(400);
    expect(weak.body).toContain('Dit wachtwoord wordt te vaak gebruikt');
    const done = await reset.submit(link, { password: 'een heel ander lang wachtwoord' });
    expect(done.statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/me', headers: { cookie: signedIn.cookies } })).statusCode).toBe(401);
    expect((await reset.submit(link, { password: 'nog een ander lang wachtwoord' })).statusCode).toBe(410);
    await asOwner(t.ownerUrl, (c) => c.query(`delete from email_tokens`));
  });

  it('signs out here, or everywhere', async () => {
    await platform((ctx) =>
      service.createAccount(ctx, {
        email: 'twee@steunpunt.example',
        displayName: 'Twee',
        kind: 'professional',
        password: PASSWORD,
        totpSecret: SECRET,
      }),
    );
    await asOwner(t.ownerUrl, (c) => c.query(`update accounts set totp_last_step = null`));
    await clearOfStepEdge();
    const a = await signInProfessional('twee@steunpunt.example', { secondFactor: code(-30) });
    const b = await signInProfessional('twee@steunpunt.example', { secondFactor: code() });
    const form = await openForm(app, '/mijn-account', a.cookies);
    const out = await form.submit('/uitloggen/overal', {});
    expect(out.headers.location).toBe('/uitgelogd?overal=ja');
    for (const cookies of [a.cookies, b.cookies])
      expect((await app.inject({ url: '/api/v1/me', headers: { cookie: cookies } })).statusCode).toBe(401);
  });

  it('ends the sessions of a disabled account at once', async () => {
    await clearOfStepEdge();
    await asOwner(t.ownerUrl, (c) => c.query(`update accounts set totp_last_step = null`));
    const s = await signInProfessional('twee@steunpunt.example', { secondFactor: code(30) });
    const id = await asOwner(
      t.ownerUrl,
      async (c) => (await c.query(`select id from accounts where email = 'twee@steunpunt.example'`)).rows[0].id as string,
    );
    await platform((ctx) => service.setAccountDisabled(ctx, id, true));
    expect((await app.inject({ url: '/api/v1/me', headers: { cookie: s.cookies } })).statusCode).toBe(401);
  });
});
