import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../tests/support/app.ts';
import { asOwner, createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';
import { cookieHeader, openForm } from '../../../tests/support/forms.ts';
import { startOidcProvider, type TestOidcProvider } from '../../../tests/support/oidc-provider.ts';
import { signedInPerson } from '../../../tests/support/people.ts';
import { inContext } from '../../platform/db/context.ts';
import { runCli } from '../../server/cli.ts';
import * as organisations from '../organisations/organisations.service.ts';
import * as identity from './identity.service.ts';
import { SSO_SECRET_ENV } from './sso.commands.ts';

/**
 * Single sign-on against a real OpenID Connect provider (oidc-provider on 127.0.0.1), driven with
 * plain HTTP requests as a browser would: Naaste's pages through app.inject, the provider's pages
 * over the network. openid-client does the discovery, code exchange and ID token checks for real.
 */
const BASE = 'http://localhost:3000';
const PASSWORD = 'wachtwoord-bij-de-eigen-organisatie';

let t: TestDatabase;
let app: FastifyInstance;
let idp: TestOidcProvider;
const ids = { tenant: '', orgA: '', orgB: '' };

const system = { kind: 'system', name: 'test' } as const;
const platform = <T>(work: Parameters<typeof inContext<T>>[2]) => inContext(t.db, { tenantId: null, actor: system }, work);

/** Runs the operator command; returns exit code and printed lines. */
async function cli(args: string[], secret?: string): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  process.env.DATABASE_URL = t.appUrl;
  process.env.DATABASE_OWNER_URL = t.ownerUrl;
  process.env.BASE_URL = BASE;
  if (secret) process.env[SSO_SECRET_ENV] = secret;
  else delete process.env[SSO_SECRET_ENV];
  try {
    const code = await runCli(args, (l) => lines.push(l));
    return { code, out: lines.join('\n') };
  } finally {
    delete process.env[SSO_SECRET_ENV];
  }
}

async function addStaff(email: string, organisationId: string, options: { enrolled?: boolean } = {}): Promise<string> {
  const account = await platform((ctx) =>
    identity.createAccount(ctx, {
      email,
      displayName: `Medewerker ${email}`,
      kind: 'professional',
      password: 'een lang wachtwoord voor naaste 7',
      totpSecret: options.enrolled === false ? undefined : 'JBSWY3DPEHPK3PXP',
    }),
  );
  await asOwner(t.ownerUrl, (c) =>
    c.query('insert into memberships (tenant_id, account_id, organisation_id, roles) values ($1, $2, $3, $4)', [
      ids.tenant,
      account.id,
      organisationId,
      ['supportConsultant'],
    ]),
  );
  return account.id;
}

beforeAll(async () => {
  t = await createTestDatabase();
  app = await createTestApp(t, { baseUrl: BASE });
  idp = await startOidcProvider({
    redirectUri: `${BASE}/inloggen/sso/terug`,
    users: [
      { id: 'idp-1001', email: 'consulent@zorg-a.example', password: PASSWORD },
      { id: 'idp-1002', email: 'nieuw@zorg-a.example', password: PASSWORD },
      { id: 'idp-1003', email: 'onbekend@zorg-a.example', password: PASSWORD },
      { id: 'idp-1004', email: 'consulent@zorg-b.example', password: PASSWORD },
      { id: 'idp-1005', email: 'coordinator@zorg-a.example', password: PASSWORD },
      { id: 'idp-1006', email: 'ongecontroleerd@zorg-a.example', emailVerified: false, password: PASSWORD },
    ],
  });
  await platform(async (ctx) => {
    ids.tenant = (await organisations.addMunicipality(ctx, { code: 'GM9005', name: 'Inlogdorp' })).municipality.id;
    ids.orgA = (
      await organisations.addOrganisation(ctx, { name: 'Zorg A', kind: 'supportCentre', municipalityCodes: ['GM9005'] })
    ).organisation.id;
    ids.orgB = (
      await organisations.addOrganisation(ctx, { name: 'Zorg B', kind: 'welfare', municipalityCodes: ['GM9005'] })
    ).organisation.id;
  });
  await addStaff('consulent@zorg-a.example', ids.orgA);
  await addStaff('nieuw@zorg-a.example', ids.orgA, { enrolled: false });
  await addStaff('consulent@zorg-b.example', ids.orgB);
  // An address in the domain of A, but this person works for B only.
  await addStaff('coordinator@zorg-a.example', ids.orgB);
  await addStaff('ongecontroleerd@zorg-a.example', ids.orgA);

  // Both organisations use the same regional provider, each for its own domain.
  for (const [org, domain] of [
    [ids.orgA, 'zorg-a.example'],
    [ids.orgB, 'zorg-b.example'],
  ] as const) {
    const set = await cli(
      ['organisation:sso', '--organisation', org, '--issuer', idp.issuer, '--client-id', idp.clientId, '--domain', domain],
      idp.clientSecret,
    );
    expect(set, set.out).toMatchObject({ code: 0 });
  }
}, 60_000);

afterAll(async () => {
  await app?.close();
  await idp?.close();
  await t?.drop();
});

/** Types the work address on the staff sign-in page; returns the answer and the browser's cookies. */
async function startSso(email: string, options: { cookies?: string; lang?: 'en' } = {}) {
  const form = await openForm(app, options.lang ? '/inloggen/medewerker?lang=en' : '/inloggen/medewerker', options.cookies ?? '');
  const res = await form.submit('/inloggen/sso', { ssoEmail: email });
  return { res, cookies: [form.cookies, cookieHeader(res.headers['set-cookie'])].filter(Boolean).join('; ') };
}

const callback = (url: URL, cookies: string) => app.inject({ url: `${url.pathname}${url.search}`, headers: { cookie: cookies } });
const newSession = (res: LightMyRequestResponse) =>
  cookieHeader(res.headers['set-cookie'])
    .split('; ')
    .find((c) => c.startsWith('naaste-session=') && c.length > 'naaste-session='.length);
const me = (cookie: string) => app.inject({ url: '/api/v1/me', headers: { cookie } });
const identities = (subject: string) =>
  asOwner(t.ownerUrl, async (c) =>
    (
      await c.query<{ email: string }>(
        'select a.email from external_identities e join accounts a on a.id = e.account_id where e.issuer = $1 and e.subject = $2',
        [idp.issuer, subject],
      )
    ).rows.map((r) => r.email),
  );

/** The whole journey: address on Naaste, sign-in and consent at the provider, back to Naaste. */
async function journey(email: string, user: string, amr: string[], cookies?: string) {
  const start = await startSso(email, { cookies });
  expect(start.res.statusCode, start.res.body.slice(0, 300)).toBe(303);
  const back = await idp.signIn(String(start.res.headers.location), { user, password: PASSWORD, amr });
  expect(back.origin + back.pathname).toBe(`${BASE}/inloggen/sso/terug`);
  return { back, cookies: start.cookies, res: await callback(back, start.cookies) };
}

describe('the staff sign-in page', () => {
  it('offers sign-in through the organisation, in Dutch and English', async () => {
    const nl = await app.inject({ url: '/inloggen/medewerker' });
    expect(nl.body).toContain('Inloggen via uw organisatie');
    expect(nl.body).toMatch(/<form method="post" action="\/inloggen\/sso"[^>]*>\s*<input type="hidden" name="_csrf"/);
    const en = await app.inject({ url: '/inloggen/medewerker?lang=en' });
    expect(en.body).toContain('Sign in through your organisation');
  });

  it('keeps an address of an unknown domain with a clear error, and sends nobody anywhere', async () => {
    const { res } = await startSso('iemand@geen-sso.example');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('value="iemand@geen-sso.example"');
    expect(res.body).toContain('href="#ssoEmail"');
    expect(res.body).toContain('Uw organisatie logt niet in via Naaste met dit e-mailadres');
    expect(res.headers['set-cookie']?.toString() ?? '').not.toContain('naaste-sso=');
    const en = await startSso('not-an-address', { lang: 'en' });
    expect(en.res.statusCode).toBe(400);
    expect(en.res.body).toContain('Enter an email address like name@organisation.nl');
  });

  it('refuses a post without the form token', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/inloggen/sso',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'ssoEmail=consulent%40zorg-a.example',
    });
    expect(res.statusCode).toBe(403);
  });

  it('sends the browser to the provider with code flow, PKCE, state and nonce, kept in a signed Lax cookie', async () => {
    const { res } = await startSso('Consulent@Zorg-A.example');
    expect(res.statusCode).toBe(303);
    const to = new URL(String(res.headers.location));
    expect(to.origin).toBe(idp.issuer);
    expect(to.searchParams.get('response_type')).toBe('code');
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    expect(to.searchParams.get('redirect_uri')).toBe(`${BASE}/inloggen/sso/terug`);
    for (const p of ['state', 'nonce', 'code_challenge']) expect(to.searchParams.get(p)?.length ?? 0).toBeGreaterThanOrEqual(20);
    const cookie = [res.headers['set-cookie']].flat().find((c) => c?.startsWith('naaste-sso=')) ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Max-Age=600/);
    // The form's answer may lead on to the provider (browsers check form-action on redirects), and only there.
    expect(String(res.headers['content-security-policy'])).toMatch(new RegExp(`form-action 'self' ${idp.issuer}(;|$)`));
  });
});

describe('signing in through the organisation', () => {
  it('signs a staff member in end to end; multi-factor at the provider counts as the second factor', async () => {
    const earlier = await signedInPerson(t);
    const { res } = await journey('consulent@zorg-a.example', 'idp-1001', ['pwd', 'otp'], earlier.cookie);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
    expect(res.headers.location).toBe('/mijn-account');
    const session = newSession(res);
    expect(session).toBeDefined();
    const answer = await me(session as string);
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({ email: 'consulent@zorg-a.example', kind: 'professional' });
    // Linked by verified address at the first sign-in; the browser's earlier session is over.
    expect(await identities('idp-1001')).toEqual(['consulent@zorg-a.example']);
    expect((await me(earlier.cookie)).statusCode).toBe(401);
    // The started sign-in is single use: its cookie is cleared.
    expect(cookieHeader(res.headers['set-cookie'])).toMatch(/naaste-sso=(;|$)/);
  });

  it('sends a person without multi-factor at the provider to the code step; until then the API refuses', async () => {
    const { res } = await journey('consulent@zorg-a.example', 'idp-1001', ['pwd']);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/inloggen/code');
    const session = newSession(res) as string;
    expect((await me(session)).statusCode).toBe(403);
    const page = await app.inject({ url: '/inloggen/code', headers: { cookie: session } });
    expect(page.statusCode).toBe(200);
  });

  it('sends a person without an authenticator yet to set one up', async () => {
    const { res } = await journey('nieuw@zorg-a.example', 'idp-1002', ['pwd']);
    expect(res.headers.location).toBe('/inloggen/tweestaps-instellen');
    expect((await me(newSession(res) as string)).statusCode).toBe(403);
  });

  it('refuses a tampered state, and a tampered cookie, without a session', async () => {
    const { back, cookies } = await journey('consulent@zorg-a.example', 'idp-1001', ['pwd', 'mfa']);
    // The journey above used its code; start a fresh one and tamper before returning.
    const start = await startSso('consulent@zorg-a.example');
    const good = await idp.signIn(String(start.res.headers.location), { user: 'idp-1001', password: PASSWORD, amr: ['mfa'] });
    const bad = new URL(good);
    bad.searchParams.set('state', `${good.searchParams.get('state')}x`);
    const refused = await callback(bad, start.cookies);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Inloggen via uw organisatie is niet gelukt');
    expect(newSession(refused)).toBeUndefined();

    const forged = start.cookies.replace(/naaste-sso=([^;]+)/, (_w, v: string) => `naaste-sso=${v.slice(0, -3)}abc`);
    const refusedCookie = await callback(good, forged);
    expect(refusedCookie.statusCode).toBe(400);
    expect(newSession(refusedCookie)).toBeUndefined();
    // A replay of an earlier return (its code and cookie used) is refused too.
    const replay = await callback(back, cookies);
    expect(replay.statusCode).toBe(400);
    expect(newSession(replay)).toBeUndefined();
  });

  it('refuses a person the provider knows but Naaste does not, and makes no account', async () => {
    const { res } = await journey('onbekend@zorg-a.example', 'idp-1003', ['pwd', 'otp']);
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Wij kennen u niet als medewerker van deze organisatie');
    expect(res.body).not.toMatch(/\bat .*\.ts:\d+/);
    expect(newSession(res)).toBeUndefined();
    expect(await identities('idp-1003')).toEqual([]);
    const accounts = await asOwner(t.ownerUrl, (c) => c.query("select 1 from accounts where email = 'onbekend@zorg-a.example'"));
    expect(accounts.rowCount).toBe(0);
  });

  it('does not link by an address the provider has not verified', async () => {
    const { res } = await journey('ongecontroleerd@zorg-a.example', 'idp-1006', ['pwd', 'otp']);
    expect(res.statusCode).toBe(403);
    expect(newSession(res)).toBeUndefined();
    expect(await identities('idp-1006')).toEqual([]);
  });

  it('explains a cancelled sign-in at the provider in the chosen language', async () => {
    const start = await startSso('consulent@zorg-a.example', { lang: 'en' });
    const back = await idp.cancel(String(start.res.headers.location));
    expect(back.searchParams.get('error')).toBe('access_denied');
    const res = await callback(back, start.cookies);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Signing in through your organisation did not work');
    expect(newSession(res)).toBeUndefined();
  });

  it('refuses a turned-off configuration, also for a sign-in started before it was turned off', async () => {
    const start = await startSso('consulent@zorg-a.example');
    const back = await idp.signIn(String(start.res.headers.location), { user: 'idp-1001', password: PASSWORD, amr: ['mfa'] });
    expect((await cli(['organisation:sso', '--organisation', ids.orgA, '--disable'])).code).toBe(0);
    try {
      const late = await callback(back, start.cookies);
      expect(late.statusCode).toBe(403);
      expect(late.body).toContain('Uw organisatie logt niet meer in via Naaste');
      expect(newSession(late)).toBeUndefined();
      const fresh = await startSso('consulent@zorg-a.example');
      expect(fresh.res.statusCode).toBe(400);
      expect(fresh.res.body).toContain('value="consulent@zorg-a.example"');
    } finally {
      expect((await cli(['organisation:sso', '--organisation', ids.orgA, '--enable'])).code).toBe(0);
    }
  });

  it("does not let one organisation's sign-in admit a member of another organisation", async () => {
    // Through A's set-up, a provider account with B's address: the address is outside A's domains.
    const viaA = await journey('consulent@zorg-a.example', 'idp-1004', ['mfa']);
    expect(viaA.res.statusCode).toBe(403);
    expect(newSession(viaA.res)).toBeUndefined();
    // An address in A's domain whose Naaste account works for B only.
    const outsider = await journey('coordinator@zorg-a.example', 'idp-1005', ['mfa']);
    expect(outsider.res.statusCode).toBe(403);
    expect(await identities('idp-1005')).toEqual([]);
    // Through B's own set-up the member of B signs in (and is linked) ...
    const viaB = await journey('consulent@zorg-b.example', 'idp-1004', ['mfa']);
    expect(viaB.res.statusCode).toBe(303);
    expect((await me(newSession(viaB.res) as string)).json()).toMatchObject({ email: 'consulent@zorg-b.example' });
    // ... and the same linked identity still cannot come in through A.
    const linkedViaA = await journey('consulent@zorg-a.example', 'idp-1004', ['mfa']);
    expect(linkedViaA.res.statusCode).toBe(403);
    expect(newSession(linkedViaA.res)).toBeUndefined();
  });
});

describe('organisation:sso', () => {
  it('shows the set-up without the secret, and refuses mistakes', async () => {
    const shown = await cli(['organisation:sso', '--organisation', ids.orgA]);
    expect(shown.code).toBe(0);
    expect(shown.out).toContain('single sign-on ON');
    expect(shown.out).toContain('zorg-a.example');
    expect(shown.out).not.toContain(idp.clientSecret);
    const taken = await cli(['organisation:sso', '--organisation', ids.orgB, '--domain', 'zorg-a.example']);
    expect(taken).toMatchObject({ code: 1 });
    expect(taken.out).toContain('Another organisation already signs in with: zorg-a.example');
    const http = await cli(['organisation:sso', '--organisation', ids.orgB, '--issuer', 'http://login.zorg-b.example']);
    expect(http.code).toBe(1);
    expect(http.out).toContain('https');
    const fresh = await platform((ctx) =>
      organisations.addOrganisation(ctx, { name: 'Zorg C', kind: 'welfare', municipalityCodes: ['GM9005'] }),
    );
    const noSecret = await cli([
      'organisation:sso',
      '--organisation',
      fresh.organisation.id,
      '--issuer',
      'https://login.zorg-c.example',
      '--client-id',
      'naaste',
      '--domain',
      'zorg-c.example',
    ]);
    expect(noSecret.code).toBe(1);
    expect(noSecret.out).toContain('client secret');
  });
});
