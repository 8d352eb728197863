import * as oidc from 'openid-client';
import { z } from 'zod';
import { membershipsOf } from '../../platform/auth/memberships.ts';
import { createSession, revokeSession, type Session } from '../../platform/auth/sessions.ts';
import { safeEqual } from '../../platform/auth/tokens.ts';
import type { ServiceContext } from '../../platform/db/context.ts';
import type { Access } from './identity.service.ts';
import * as queries from './sso.queries.ts';

/**
 * Single sign-on through OpenID Connect, per organisation: the organisation's own identity provider
 * authenticates its staff. Nobody gets an account this way; staff are invited by their organisation,
 * and single sign-on only finds (and at first use links) the account that invitation made.
 *
 * Network calls to the provider run outside any database transaction: a slow provider must not hold
 * a connection of the pool. The caller passes `transact`, which runs a piece of work in one.
 */
export type Transact = <T>(work: (ctx: ServiceContext) => Promise<T>) => Promise<T>;

/** How long a started sign-in may take at the provider before it has to start again. */
export const SSO_REQUEST_MINUTES = 10;

/**
 * `amr` values (RFC 8176) that say the provider checked more than a password: the person then
 * passed a second factor there, and Naaste does not ask for its own code.
 */
export const MULTI_FACTOR_AMR: ReadonlySet<string> = new Set(['mfa', 'otp', 'hwk', 'swk']);

/** What Naaste keeps in the browser (signed cookie) between the redirect and the return. */
export const pendingSignInSchema = z.object({
  organisationId: z.uuid(),
  state: z.string().min(20).max(200),
  nonce: z.string().min(20).max(200),
  codeVerifier: z.string().min(43).max(128),
  next: z.string().max(500).optional(),
  startedAt: z.number().int(),
});
export type PendingSignIn = z.infer<typeof pendingSignInSchema>;

export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf('@');
  if (at < 1) return null;
  const domain = email
    .slice(at + 1)
    .trim()
    .toLowerCase();
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain) ? domain : null;
}

export function isMultiFactor(amr: unknown): boolean {
  return Array.isArray(amr) && amr.some((v) => typeof v === 'string' && MULTI_FACTOR_AMR.has(v));
}

/** Plain http is allowed only for a provider on this machine (development and tests); anywhere else https. */
export function issuerProblem(issuer: string): string | null {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return 'The issuer must be a URL.';
  }
  if (url.search || url.hash) return 'The issuer must not have a query or fragment.';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return null;
  return 'The issuer must use https (plain http only for a provider on this machine).';
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

// Discovery once per provider set-up, not per sign-in; the key changes when an operator changes it.
const DISCOVERY_TTL_MS = 10 * 60_000;
const discovered = new Map<string, { at: number; configuration: oidc.Configuration }>();

async function discover(row: queries.SsoConfigurationRow): Promise<oidc.Configuration> {
  const key = `${row.organisationId}\n${row.issuer}\n${row.clientId}\n${row.updatedAt.toISOString()}`;
  const cached = discovered.get(key);
  if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.configuration;
  const url = new URL(row.issuer);
  // client_secret_basic: the default of OpenID Connect client registration, so what a provider expects unless told otherwise.
  const configuration = await oidc.discovery(url, row.clientId, row.clientSecret, oidc.ClientSecretBasic(row.clientSecret), {
    timeout: 10,
    ...(url.protocol === 'http:' && isLoopback(url.hostname) ? { execute: [oidc.allowInsecureRequests] } : {}),
  });
  for (const [k, v] of discovered)
    if (Date.now() - v.at >= DISCOVERY_TTL_MS || k.startsWith(`${row.organisationId}\n`)) discovered.delete(k);
  discovered.set(key, { at: Date.now(), configuration });
  return configuration;
}

export type StartResult =
  | { ok: true; url: string; pending: PendingSignIn }
  | { ok: false; reason: 'unknownDomain' | 'providerUnavailable'; error?: unknown };

/** Finds the organisation by the address's domain and sends the person to its provider (code flow, PKCE, state, nonce). */
export async function startSignIn(
  transact: Transact,
  input: { email: string; redirectUri: string; next?: string | undefined },
): Promise<StartResult> {
  const domain = emailDomain(input.email);
  if (!domain) return { ok: false, reason: 'unknownDomain' };
  const found = await transact((ctx) => queries.findEnabledByDomain(ctx.sql, domain));
  // Two organisations claiming one domain is a set-up mistake (the command refuses it); never guess.
  const row = found.length === 1 ? found[0] : undefined;
  if (!row) return { ok: false, reason: 'unknownDomain' };
  let configuration: oidc.Configuration;
  try {
    configuration = await discover(row);
  } catch (error) {
    return { ok: false, reason: 'providerUnavailable', error };
  }
  const pending: PendingSignIn = {
    organisationId: row.organisationId,
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    codeVerifier: oidc.randomPKCECodeVerifier(),
    startedAt: Date.now(),
    ...(input.next ? { next: input.next } : {}),
  };
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: input.redirectUri,
    scope: 'openid email',
    response_type: 'code',
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
    code_challenge_method: 'S256',
    login_hint: input.email.trim().toLowerCase(),
  });
  return { ok: true, url: url.href, pending };
}

export type FinishFailure = 'badState' | 'providerError' | 'providerUnavailable' | 'disabled' | 'unknownPerson';

export type FinishResult =
  | { ok: true; sessionId: string; next: 'done' | 'code' | 'enrol' }
  | { ok: false; reason: FinishFailure; error?: unknown };

/**
 * The return from the provider: checks state, exchanges the code (PKCE) and validates the ID token
 * (issuer, audience, signature, nonce, expiry) through openid-client, then finds the person:
 * by the provider's subject, or else once by a verified address of the organisation's own domains,
 * an enabled staff account and a membership in that organisation. Any session the browser had ends.
 */
export async function finishSignIn(
  transact: Transact,
  input: { pending: PendingSignIn | null; callbackUrl: URL; previous: Session | null } & Access,
  now = Date.now(),
): Promise<FinishResult> {
  // Whatever happens next, the browser's earlier session is over (as with a password sign-in).
  const previous = input.previous;
  if (previous) await transact((ctx) => revokeSession(ctx.sql, previous.idHash));

  const pending = input.pending;
  const returnedState = input.callbackUrl.searchParams.get('state') ?? '';
  if (!pending || now - pending.startedAt > SSO_REQUEST_MINUTES * 60_000 || !safeEqual(returnedState, pending.state)) {
    return { ok: false, reason: 'badState' };
  }
  const row = await transact((ctx) => queries.findByOrganisation(ctx.sql, pending.organisationId));
  if (!row?.enabled) return { ok: false, reason: 'disabled' };
  if (input.callbackUrl.searchParams.has('error')) return { ok: false, reason: 'providerError' };

  let configuration: oidc.Configuration;
  try {
    configuration = await discover(row);
  } catch (error) {
    return { ok: false, reason: 'providerUnavailable', error };
  }
  let claims: oidc.IDToken | undefined;
  try {
    const tokens = await oidc.authorizationCodeGrant(configuration, input.callbackUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims();
    // Providers that follow the core spec strictly give the address at the UserInfo endpoint, not in the ID token.
    if (claims && claims.email === undefined) {
      const info = await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub);
      claims = { ...claims, email: info.email, email_verified: info.email_verified };
    }
  } catch (error) {
    return { ok: false, reason: 'providerError', error };
  }
  if (!claims) return { ok: false, reason: 'providerError' };
  const signedIn = claims;

  return transact(async (ctx): Promise<FinishResult> => {
    const account = await findPerson(ctx, row, signedIn);
    if (!account) return { ok: false, reason: 'unknownPerson' };
    const multiFactor = isMultiFactor(signedIn.amr);
    const sessionId = await createSession(ctx.sql, account.id, {
      ip: input.ip,
      userAgent: input.userAgent,
      secondFactor: multiFactor,
    });
    return { ok: true, sessionId, next: multiFactor ? 'done' : account.totpEnrolled ? 'code' : 'enrol' };
  });
}

async function findPerson(
  ctx: ServiceContext,
  row: queries.SsoConfigurationRow,
  claims: oidc.IDToken,
): Promise<queries.SsoAccountRow | null> {
  const linked = await queries.findAccountByExternalIdentity(ctx.sql, claims.iss, claims.sub);
  let account = linked;
  if (!account) {
    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
    const domain = emailDomain(email);
    // Only an address the provider verified, and only in the organisation's own domains: a provider
    // cannot vouch for addresses of other organisations.
    if (claims.email_verified !== true || !domain || !row.emailDomains.includes(domain)) return null;
    account = await queries.findAccountByEmail(ctx.sql, email);
  }
  if (account?.kind !== 'professional' || account.disabledAt) return null;
  const memberships = await membershipsOf(ctx.sql, account.id);
  if (!memberships.some((m) => m.organisationId === row.organisationId)) return null;
  if (linked) {
    await queries.touchExternalIdentity(ctx.sql, claims.iss, claims.sub);
    return account;
  }
  // One identity per provider and account: a second subject claiming the same address is refused.
  if (await queries.hasIdentityAt(ctx.sql, account.id, claims.iss)) return null;
  if (!(await queries.linkExternalIdentity(ctx.sql, account.id, claims.iss, claims.sub))) return null;
  return account;
}

// ---- set-up by an operator ---------------------------------------------------------------------

export class SsoSetupError extends Error {}

export type SsoSetup = {
  organisationId: string;
  issuer?: string | undefined;
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  emailDomains?: string[] | undefined;
};

export type SsoSummary = { organisationName: string; issuer: string; clientId: string; emailDomains: string[]; enabled: boolean };

const summary = (row: queries.SsoConfigurationRow): SsoSummary => ({
  organisationName: row.organisationName,
  issuer: row.issuer,
  clientId: row.clientId,
  emailDomains: row.emailDomains,
  enabled: row.enabled,
});

/** Sets (or changes) an organisation's provider; what is not given stays as it was. Setting it turns it on. */
export async function configureSso(ctx: ServiceContext, input: SsoSetup): Promise<SsoSummary> {
  if (!z.uuid().safeParse(input.organisationId).success) throw new SsoSetupError('The organisation must be given by its id (a UUID).');
  if (!(await queries.organisationName(ctx.sql, input.organisationId))) {
    throw new SsoSetupError(`There is no organisation with id ${input.organisationId}.`);
  }
  const current = await queries.findByOrganisation(ctx.sql, input.organisationId);
  // Kept exactly as given: discovery compares it with the provider's own issuer, trailing slash and all.
  const issuer = (input.issuer ?? current?.issuer ?? '').trim();
  const clientId = (input.clientId ?? current?.clientId ?? '').trim();
  const clientSecret = input.clientSecret ?? current?.clientSecret ?? '';
  const emailDomains = [
    ...new Set((input.emailDomains ?? current?.emailDomains ?? []).map((d) => d.trim().toLowerCase().replace(/^@/, ''))),
  ];
  if (!issuer) throw new SsoSetupError('Give the issuer URL of the identity provider.');
  const problem = issuerProblem(issuer);
  if (problem) throw new SsoSetupError(problem);
  if (!clientId || clientId.length > 300) throw new SsoSetupError('Give the client id (at most 300 characters).');
  if (!clientSecret || clientSecret.length > 1000) throw new SsoSetupError('Give the client secret (at most 1000 characters).');
  if (emailDomains.length === 0 || emailDomains.length > 20) throw new SsoSetupError('Give one to twenty email domains.');
  const bad = emailDomains.filter((d) => emailDomain(`x@${d}`) !== d);
  if (bad.length > 0) throw new SsoSetupError(`Not an email domain: ${bad.join(', ')}.`);
  const taken = await queries.domainsTakenElsewhere(ctx.sql, input.organisationId, emailDomains);
  if (taken.length > 0) throw new SsoSetupError(`Another organisation already signs in with: ${taken.join(', ')}.`);
  await queries.upsertConfiguration(ctx.sql, {
    organisationId: input.organisationId,
    issuer,
    clientId,
    clientSecret,
    emailDomains,
    enabled: true,
  });
  const saved = await queries.findByOrganisation(ctx.sql, input.organisationId);
  if (!saved) throw new Error('The single sign-on set-up was not saved.');
  return summary(saved);
}

/** Turns single sign-on off (or on again) for an organisation; its staff then sign in with password and code. */
export async function setSsoEnabled(ctx: ServiceContext, organisationId: string, enabled: boolean): Promise<SsoSummary> {
  if (!z.uuid().safeParse(organisationId).success) throw new SsoSetupError('The organisation must be given by its id (a UUID).');
  if (!(await queries.setEnabled(ctx.sql, organisationId, enabled))) {
    throw new SsoSetupError(`Organisation ${organisationId} has no single sign-on set up.`);
  }
  const saved = await queries.findByOrganisation(ctx.sql, organisationId);
  if (!saved) throw new Error('The single sign-on set-up disappeared.');
  return summary(saved);
}

export async function ssoSummary(ctx: ServiceContext, organisationId: string): Promise<SsoSummary | null> {
  if (!z.uuid().safeParse(organisationId).success) throw new SsoSetupError('The organisation must be given by its id (a UUID).');
  const row = await queries.findByOrganisation(ctx.sql, organisationId);
  return row ? summary(row) : null;
}
