import QRCode from 'qrcode';
import { hashPassword, decoyHash, passwordProblem, type PasswordProblem, verifyPassword } from '../../platform/auth/passwords.ts';
import { membershipsOf } from '../../platform/auth/memberships.ts';
import type { Membership } from '../../platform/auth/roles.ts';
import { createSession, markSecondFactor, revokeAllSessions, revokeSession, type Session } from '../../platform/auth/sessions.ts';
import { clearFailures, lockedUntil, recordFailure } from '../../platform/auth/throttle.ts';
import { randomToken, tokenHash } from '../../platform/auth/tokens.ts';
import { matchTotpStep, newTotpSecret, otpauthUri } from '../../platform/auth/totp.ts';
import type { ServiceContext } from '../../platform/db/context.ts';
import type { Outbox } from '../../platform/http/decorations.ts';
import type { Locale } from '../../platform/i18n/i18n.ts';
import * as queries from './identity.queries.ts';
import { signInLinkEmail, passwordResetEmail } from './identity.emails.ts';

export const LINK_MINUTES = { signIn: 15, passwordReset: 30 } as const;
/** At most this many links per address per quarter of an hour; more requests get the same answer and no mail. */
export const LINKS_PER_QUARTER = 3;
export const RECOVERY_CODE_COUNT = 10;

export type Access = { ip: string | null; userAgent: string | null };

export type PasswordSignIn =
  | { ok: true; sessionId: string; next: 'enrol' | 'code' }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; until: Date };

const emailKey = (email: string) => `email:${email.toLowerCase()}`;
const ipKey = (ip: string | null) => `ip:${ip ?? 'unknown'}`;
const secondFactorKey = (accountId: string) => `totp:${accountId}`;

/**
 * Email and password for professionals. The answer is the same whether the address is unknown,
 * the password wrong, or the account disabled; a password is checked even for unknown addresses.
 */
export async function signInWithPassword(
  ctx: ServiceContext,
  input: { email: string; password: string } & Access,
): Promise<PasswordSignIn> {
  const email = input.email.trim().toLowerCase();
  const locks = await Promise.all([lockedUntil(ctx.sql, emailKey(email)), lockedUntil(ctx.sql, ipKey(input.ip))]);
  const until = locks.find((d) => d !== null);
  if (until) return { ok: false, reason: 'locked', until };

  const account = await queries.findAccountByEmail(ctx.sql, email);
  const passwordOk = await verifyPassword(account?.passwordHash ?? (await decoyHash()), input.password);
  if (!account || !passwordOk || account.disabledAt || account.kind !== 'professional' || !account.passwordHash) {
    await recordFailure(ctx.sql, emailKey(email));
    await recordFailure(ctx.sql, ipKey(input.ip));
    return { ok: false, reason: 'invalid' };
  }
  await clearFailures(ctx.sql, emailKey(email));
  const sessionId = await createSession(ctx.sql, account.id, { ip: input.ip, userAgent: input.userAgent, secondFactor: false });
  return { ok: true, sessionId, next: account.totpEnrolledAt ? 'code' : 'enrol' };
}

export type Enrolment = { secret: string; uri: string; qrSvg: string };

/** A new authenticator secret for a professional who has none yet (or is setting up again). */
export async function startTotpEnrolment(ctx: ServiceContext, session: Session): Promise<Enrolment> {
  const account = await queries.findAccountById(ctx.sql, session.account.id);
  if (!account) throw new Error('The account of this session is gone.');
  if (account.totpEnrolledAt && !session.secondFactorAt) throw new Error('Confirm the current authenticator before setting up another.');
  let secret = account.totpSecret;
  if (!secret || account.totpEnrolledAt) {
    secret = newTotpSecret();
    await queries.setPendingTotpSecret(ctx.sql, account.id, secret);
  }
  const uri = otpauthUri(secret, account.email);
  const qrSvg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return { secret, uri, qrSvg };
}

/** Confirms enrolment with a first code; returns the recovery codes, shown once. */
export async function confirmTotpEnrolment(
  ctx: ServiceContext,
  session: Session,
  code: string,
  now = Date.now(),
): Promise<string[] | null> {
  const account = await queries.findAccountById(ctx.sql, session.account.id);
  if (!account?.totpSecret) return null;
  if (account.totpEnrolledAt && !session.secondFactorAt) return null;
  const step = matchTotpStep(account.totpSecret, code, now);
  if (step === null) return null;
  await queries.markTotpEnrolled(ctx.sql, account.id, step);
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => recoveryCode());
  await queries.replaceRecoveryCodes(
    ctx.sql,
    account.id,
    codes.map((c) => tokenHash(normaliseRecoveryCode(c))),
  );
  await markSecondFactor(ctx.sql, session.idHash);
  return codes;
}

export type SecondFactorResult =
  | { ok: true; usedRecoveryCode: boolean; recoveryCodesLeft: number }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; until: Date };

/** The code from the authenticator app, or one recovery code; each works once. */
export async function verifySecondFactor(
  ctx: ServiceContext,
  session: Session,
  code: string,
  now = Date.now(),
): Promise<SecondFactorResult> {
  const key = secondFactorKey(session.account.id);
  const until = await lockedUntil(ctx.sql, key);
  if (until) return { ok: false, reason: 'locked', until };
  const account = await queries.findAccountById(ctx.sql, session.account.id);
  if (!account?.totpSecret || !account.totpEnrolledAt) return { ok: false, reason: 'invalid' };
  const clean = code.trim();
  let usedRecoveryCode = false;
  let ok = false;
  const step = matchTotpStep(account.totpSecret, clean, now);
  if (step !== null) {
    ok = await queries.takeTotpStep(ctx.sql, account.id, step);
  } else if (/^[a-z0-9-\s]{10,20}$/i.test(clean)) {
    ok = await queries.useRecoveryCode(ctx.sql, account.id, tokenHash(normaliseRecoveryCode(clean)));
    usedRecoveryCode = ok;
  }
  if (!ok) {
    await recordFailure(ctx.sql, key);
    return { ok: false, reason: 'invalid' };
  }
  await clearFailures(ctx.sql, key);
  await markSecondFactor(ctx.sql, session.idHash);
  return { ok: true, usedRecoveryCode, recoveryCodesLeft: await queries.countUnusedRecoveryCodes(ctx.sql, account.id) };
}

function recoveryCode(): string {
  const raw = randomToken(8)
    .replace(/[^a-zA-Z0-9]/g, '')
    .toLowerCase()
    .padEnd(10, '7')
    .slice(0, 10);
  return `${raw.slice(0, 5)}-${raw.slice(5)}`;
}

function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * A single-use sign-in link for a resident. Always the same outward answer; a mail goes out only
 * for an existing, enabled resident account and within the per-address limit.
 */
export async function requestSignInLink(
  ctx: ServiceContext,
  outbox: Outbox,
  email: string,
  baseUrl: string,
  locale: Locale,
): Promise<void> {
  const address = email.trim().toLowerCase();
  const account = await queries.findAccountByEmail(ctx.sql, address);
  if (!account || account.disabledAt || account.kind !== 'resident') return;
  if ((await queries.recentEmailTokens(ctx.sql, address, 'signIn', 15)) >= LINKS_PER_QUARTER) return;
  const token = randomToken(32);
  await queries.insertEmailToken(ctx.sql, {
    tokenHash: tokenHash(token),
    purpose: 'signIn',
    email: address,
    accountId: account.id,
    minutes: LINK_MINUTES.signIn,
  });
  await outbox(
    ctx,
    signInLinkEmail(account.locale ?? locale, {
      to: address,
      name: account.displayName,
      url: `${baseUrl}/inloggen/link/${token}`,
      minutes: LINK_MINUTES.signIn,
    }),
  );
}

export async function signInLinkIsValid(ctx: ServiceContext, token: string): Promise<boolean> {
  return (await queries.peekEmailToken(ctx.sql, tokenHash(token), 'signIn')) !== null;
}

/** Uses a sign-in link: a new session (with a new id), or null when the link is used, expired or unknown. */
export async function signInWithLink(ctx: ServiceContext, token: string, access: Access): Promise<string | null> {
  const used = await queries.consumeEmailToken(ctx.sql, tokenHash(token), 'signIn');
  if (!used?.accountId) return null;
  const account = await queries.findAccountById(ctx.sql, used.accountId);
  if (!account || account.disabledAt) return null;
  // The email link is the resident's proof; residents have no second factor to pass.
  return createSession(ctx.sql, account.id, { ip: access.ip, userAgent: access.userAgent, secondFactor: account.kind === 'resident' });
}

/** A password-reset link for a professional; the same answer whether or not the address is known. */
export async function requestPasswordReset(
  ctx: ServiceContext,
  outbox: Outbox,
  email: string,
  baseUrl: string,
  locale: Locale,
): Promise<void> {
  const address = email.trim().toLowerCase();
  const account = await queries.findAccountByEmail(ctx.sql, address);
  if (!account || account.disabledAt || account.kind !== 'professional') return;
  if ((await queries.recentEmailTokens(ctx.sql, address, 'passwordReset', 15)) >= LINKS_PER_QUARTER) return;
  const token = randomToken(32);
  await queries.insertEmailToken(ctx.sql, {
    tokenHash: tokenHash(token),
    purpose: 'passwordReset',
    email: address,
    accountId: account.id,
    minutes: LINK_MINUTES.passwordReset,
  });
  await outbox(
    ctx,
    passwordResetEmail(account.locale ?? locale, {
      to: address,
      name: account.displayName,
      url: `${baseUrl}/wachtwoord-herstellen/${token}`,
      minutes: LINK_MINUTES.passwordReset,
    }),
  );
}

export async function passwordResetIsValid(ctx: ServiceContext, token: string): Promise<boolean> {
  return (await queries.peekEmailToken(ctx.sql, tokenHash(token), 'passwordReset')) !== null;
}

export type ResetResult = { ok: true } | { ok: false; reason: 'invalidLink' } | { ok: false; reason: 'weak'; problem: PasswordProblem };

/** Sets a new password from a reset link; every session of the account ends (sign in again, with the second factor). */
export async function resetPassword(ctx: ServiceContext, token: string, password: string): Promise<ResetResult> {
  const link = await queries.peekEmailToken(ctx.sql, tokenHash(token), 'passwordReset');
  if (!link) return { ok: false, reason: 'invalidLink' };
  // A refused password leaves the link usable, so the person can try again.
  const problem = passwordProblem(password, link.email);
  if (problem) return { ok: false, reason: 'weak', problem };
  const used = await queries.consumeEmailToken(ctx.sql, tokenHash(token), 'passwordReset');
  if (!used?.accountId) return { ok: false, reason: 'invalidLink' };
  await queries.setPasswordHash(ctx.sql, used.accountId, await hashPassword(password));
  await revokeAllSessions(ctx.sql, used.accountId);
  await clearFailures(ctx.sql, emailKey(used.email));
  return { ok: true };
}

export async function signOut(ctx: ServiceContext, session: Session): Promise<void> {
  await revokeSession(ctx.sql, session.idHash);
}

export async function signOutEverywhere(ctx: ServiceContext, session: Session): Promise<number> {
  return revokeAllSessions(ctx.sql, session.account.id);
}

export async function memberships(ctx: ServiceContext, accountId: string): Promise<Membership[]> {
  return membershipsOf(ctx.sql, accountId);
}

export type NewAccount = {
  email: string;
  displayName: string;
  kind: 'resident' | 'professional';
  password?: string | undefined;
  platformAdmin?: boolean;
  /** A known authenticator secret (demo accounts only); others enrol at first sign-in. */
  totpSecret?: string | undefined;
  locale?: Locale;
};

/** Creates an account (operators, invitations, the demo seed); a given password must be good enough. */
export async function createAccount(ctx: ServiceContext, input: NewAccount): Promise<queries.AccountRow> {
  const email = input.email.trim().toLowerCase();
  if (!emailPattern.test(email)) throw new AccountError('invalidEmail', `"${input.email}" is not an email address.`);
  if (await queries.findAccountByEmail(ctx.sql, email)) throw new AccountError('exists', `There is already an account for ${email}.`);
  let passwordHash: string | null = null;
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password, email);
    if (problem) throw new AccountError('weakPassword', `The password is not good enough (${problem}).`);
    passwordHash = await hashPassword(input.password);
  }
  const account = await queries.insertAccount(ctx.sql, {
    email,
    displayName: input.displayName.trim(),
    kind: input.kind,
    passwordHash,
    platformAdmin: input.platformAdmin ?? false,
    locale: input.locale ?? 'nl',
  });
  if (input.totpSecret) await queries.setEnrolledTotpSecret(ctx.sql, account.id, input.totpSecret);
  return account;
}

/** Disabling ends every session of the account at once; enabling lets the person sign in again. */
export async function setAccountDisabled(ctx: ServiceContext, accountId: string, disabled: boolean): Promise<boolean> {
  const found = await queries.setDisabled(ctx.sql, accountId, disabled);
  if (found && disabled) await revokeAllSessions(ctx.sql, accountId);
  return found;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export class AccountError extends Error {
  constructor(
    readonly code: 'invalidEmail' | 'exists' | 'weakPassword',
    message: string,
  ) {
    super(message);
  }
}

/** An invited professional chooses a password with the invitation link; the second factor is set up at first sign-in. */
export async function acceptInvitation(ctx: ServiceContext, token: string, password: string): Promise<ResetResult> {
  const link = await queries.peekEmailToken(ctx.sql, tokenHash(token), 'invitation');
  if (!link) return { ok: false, reason: 'invalidLink' };
  const problem = passwordProblem(password, link.email);
  if (problem) return { ok: false, reason: 'weak', problem };
  const used = await queries.consumeEmailToken(ctx.sql, tokenHash(token), 'invitation');
  if (!used?.accountId) return { ok: false, reason: 'invalidLink' };
  await queries.setPasswordHash(ctx.sql, used.accountId, await hashPassword(password));
  return { ok: true };
}

export async function invitationIsValid(ctx: ServiceContext, token: string): Promise<boolean> {
  return (await queries.peekEmailToken(ctx.sql, tokenHash(token), 'invitation')) !== null;
}
