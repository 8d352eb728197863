import { type AccessEvent, logAccess } from '../audit/access-log.ts';
import { actorFields } from '../audit/actor.ts';
import { RECORD_ON_FAILURE, type RecordedFailure, type ServiceContext } from '../db/context.ts';
import type { Sql } from '../db/database.ts';
import { TENANT_SETTING } from '../db/roles.ts';
import { HttpProblem } from '../http/problem.ts';
import * as q from './consent.queries.ts';

export type { ConsentRow } from './consent.queries.ts';

/**
 * Consent (X3): who (the resident), what data, for which purpose, shared with which organisation,
 * given how, until when. Consents are tenant-owned: every function works in the municipality of
 * the context. Every cross-organisation read calls `requireConsent` first.
 */

const CODE = /^[a-z][a-zA-Z]{0,62}$/;

export type ConsentProblemCode =
  | 'noTenant'
  | 'invalidCode'
  | 'unknownPerson'
  | 'organisationNotInNetwork'
  | 'invalidPeriod'
  | 'recorderRequired'
  | 'guardianNameRequired'
  | 'guardianConfirmationRequired';

/** A consent that cannot be stored as asked; `code` says why, so a page can say it in its own words. */
export class ConsentError extends HttpProblem {
  constructor(
    readonly code: ConsentProblemCode,
    detail: string,
  ) {
    super(code === 'noTenant' ? 409 : 422, detail);
  }
}

export type GiveConsent = {
  /** The resident's account id. */
  personId: string;
  dataCategory: string;
  purpose: string;
  /** The organisation that may see the data. */
  organisationId: string;
  givenHow: 'online' | 'recordedInPerson';
  /** The professional who recorded a consent given in person. */
  recordedBy?: string | null;
  validUntil: Date | string;
  /** For a resident under 16 agreeing online: a parent or guardian, who confirms explicitly. */
  guardian?: { name: string; confirmed: boolean } | null;
};

function tenantOf(ctx: ServiceContext): string {
  if (!ctx.tenantId) throw new ConsentError('noTenant', 'Consents belong to a municipality; the context has none.');
  return ctx.tenantId;
}

export async function giveConsent(ctx: ServiceContext, input: GiveConsent): Promise<q.ConsentRow> {
  const tenantId = tenantOf(ctx);
  if (!CODE.test(input.dataCategory) || !CODE.test(input.purpose)) {
    throw new ConsentError('invalidCode', 'Data category and purpose are codes in camelCase, such as "careNeeds" and "support".');
  }
  const validUntil = new Date(input.validUntil);
  if (Number.isNaN(validUntil.getTime()) || validUntil.getTime() <= Date.now()) {
    throw new ConsentError('invalidPeriod', 'A consent must be valid until a moment in the future.');
  }
  if (input.givenHow === 'recordedInPerson' && !input.recordedBy) {
    throw new ConsentError('recorderRequired', 'A consent given in person is recorded by the professional who heard it.');
  }
  const person = await q.personIsUnder16(ctx.sql, input.personId);
  if (!person.exists) throw new ConsentError('unknownPerson', 'There is no such person.');
  if (!(await q.organisationInNetwork(ctx.sql, tenantId, input.organisationId))) {
    throw new ConsentError('organisationNotInNetwork', 'The organisation does not take part in this municipality’s network.');
  }
  const guardianName = input.guardian?.name.trim() ?? '';
  let keptGuardian: string | null = null;
  // UAVG art. 5: under 16, agreeing to an online service needs a parent or guardian.
  if (input.givenHow === 'online' && person.under16 === true) {
    if (guardianName === '') {
      throw new ConsentError('guardianNameRequired', 'This person is under 16: a parent or guardian must agree too; give their name.');
    }
    if (input.guardian?.confirmed !== true) {
      throw new ConsentError(
        'guardianConfirmationRequired',
        'This person is under 16: the parent or guardian must confirm that they agree.',
      );
    }
    keptGuardian = guardianName.slice(0, 200);
  }
  const id = await q.insertConsent(ctx.sql, {
    tenantId,
    personId: input.personId,
    dataCategory: input.dataCategory,
    purpose: input.purpose,
    organisationId: input.organisationId,
    givenHow: input.givenHow,
    recordedBy: input.givenHow === 'recordedInPerson' ? (input.recordedBy ?? null) : null,
    guardianName: keptGuardian,
    validUntil: validUntil.toISOString(),
  });
  await logAccess(ctx.sql, tenantId, {
    eventCode: 'consent.give',
    action: 'create',
    outcome: 'success',
    personId: input.personId,
    ...actorFields(ctx),
    purpose: input.purpose,
    organisationId: input.organisationId,
    recordPart: `consent.${input.dataCategory}`,
  });
  return (await q.findConsent(ctx.sql, tenantId, id)) as q.ConsentRow;
}

/**
 * Withdrawal by the resident, in one step. It takes effect at once: `requireConsent` in the very
 * next request finds no active consent. Null when there is no such consent of this person here.
 */
export async function withdrawConsent(
  ctx: ServiceContext,
  input: { consentId: string; personId: string },
): Promise<{ consent: q.ConsentRow; changed: boolean } | null> {
  const tenantId = tenantOf(ctx);
  const before = await q.findConsent(ctx.sql, tenantId, input.consentId);
  if (!before || before.personId !== input.personId) return null;
  const changed = await q.markWithdrawn(ctx.sql, tenantId, input.consentId, input.personId);
  if (changed) {
    await logAccess(ctx.sql, tenantId, {
      eventCode: 'consent.withdraw',
      action: 'update',
      outcome: 'success',
      personId: input.personId,
      ...actorFields(ctx),
      purpose: before.purpose,
      organisationId: before.recipientOrganisationId,
      recordPart: `consent.${before.dataCategory}`,
    });
  }
  return { consent: (await q.findConsent(ctx.sql, tenantId, input.consentId)) as q.ConsentRow, changed };
}

/** Every consent of this person in the context's municipality, active ones first. */
export async function listConsents(ctx: ServiceContext, input: { personId: string }): Promise<q.ConsentRow[]> {
  return q.listConsents(ctx.sql, tenantOf(ctx), input.personId);
}

export async function findConsent(ctx: ServiceContext, consentId: string): Promise<q.ConsentRow | null> {
  return q.findConsent(ctx.sql, tenantOf(ctx), consentId);
}

export type ConsentQuestion = { personId: string; dataCategory: string; purpose: string; organisationId: string };

/** 403: no active consent covers this access. The denied line is kept although the request fails. */
export class ConsentRequired extends HttpProblem implements RecordedFailure {
  readonly [RECORD_ON_FAILURE]: (sql: Sql) => Promise<void>;
  constructor(tenantId: string, event: AccessEvent) {
    super(403, 'There is no active consent of this person for this organisation, data and purpose.');
    this[RECORD_ON_FAILURE] = async (sql) => {
      await sql.query('select set_config($1, $2, true)', [TENANT_SETTING, tenantId]);
      await logAccess(sql, tenantId, event);
    };
  }
}

/**
 * The gate for every read across organisations: returns the active consent, or throws a 403 after
 * recording a 'denied' line in the access log. The caller must run in `inContext` (which keeps the
 * denied line when it rolls the rest back) in a read-write transaction.
 */
export async function requireConsent(ctx: ServiceContext, question: ConsentQuestion): Promise<q.ConsentRow> {
  const tenantId = tenantOf(ctx);
  const consent = await q.findActiveConsent(ctx.sql, tenantId, question);
  if (consent) return consent;
  throw new ConsentRequired(tenantId, {
    eventCode: 'consent.check',
    action: 'read',
    outcome: 'denied',
    personId: question.personId,
    ...actorFields(ctx),
    purpose: question.purpose,
    organisationId: question.organisationId,
    recordPart: question.dataCategory,
  });
}
