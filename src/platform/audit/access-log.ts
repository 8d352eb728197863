import { createHash } from 'node:crypto';
import type { Sql } from '../db/database.ts';

export const ACCESS_ACTIONS = ['create', 'read', 'update', 'delete', 'export', 'print', 'search'] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];
export type AccessOutcome = 'success' | 'denied' | 'failure';

/** One access to a person's data, with the fields NEN 7513 asks for. */
export type AccessEvent = {
  /** What happened, e.g. `careRelationship.read`. */
  eventCode: string;
  action: AccessAction;
  outcome: AccessOutcome;
  /** The person whose data was touched. */
  personId?: string | null;
  /** Who did it. */
  userId?: string | null;
  /** On whose behalf (e.g. a consultant acting for a colleague). */
  onBehalfOf?: string | null;
  role?: string | null;
  purpose?: string | null;
  organisationId?: string | null;
  /** Access point: IP address and user agent of the request. */
  ip?: string | null;
  userAgent?: string | null;
  /** Which part of the record, e.g. `supportPlan.goals`. */
  recordPart?: string | null;
};

export type AccessLogLine = Required<AccessEvent> & { tenantId: string; seq: number; occurredAt: string; prevHash: string; hash: string };

export const GENESIS_HASH = '0'.repeat(64);

/**
 * The hash covers every field in a fixed order, as JSON, so no field can be changed, dropped or
 * moved between lines without the chain showing it.
 */
export function lineHash(line: Omit<AccessLogLine, 'hash'>): string {
  const canonical = JSON.stringify([
    line.tenantId,
    line.seq,
    line.occurredAt,
    line.eventCode,
    line.action,
    line.outcome,
    line.personId,
    line.userId,
    line.onBehalfOf,
    line.role,
    line.purpose,
    line.organisationId,
    line.ip,
    line.userAgent,
    line.recordPart,
    line.prevHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Appends one line in the caller's transaction (so the access and its log line commit or fail
 * together). Lines of one tenant are chained; an advisory lock per tenant keeps the chain a line.
 */
export async function logAccess(sql: Sql, tenantId: string, event: AccessEvent): Promise<AccessLogLine> {
  // The head row is both the lock that keeps the chain a single line and the anchor of its end.
  await sql.query(`insert into access_log_heads (tenant_id, seq, hash) values ($1, 0, $2) on conflict do nothing`, [
    tenantId,
    GENESIS_HASH,
  ]);
  const head = await sql.query<{ seq: number; hash: string }>('select seq, hash from access_log_heads where tenant_id = $1 for update', [
    tenantId,
  ]);
  const base = {
    tenantId,
    seq: (head.rows[0]?.seq ?? 0) + 1,
    // Millisecond precision so the stored timestamp gives back exactly this text.
    occurredAt: new Date().toISOString(),
    eventCode: event.eventCode,
    action: event.action,
    outcome: event.outcome,
    personId: event.personId ?? null,
    userId: event.userId ?? null,
    onBehalfOf: event.onBehalfOf ?? null,
    role: event.role ?? null,
    purpose: event.purpose ?? null,
    organisationId: event.organisationId ?? null,
    ip: event.ip ?? null,
    userAgent: event.userAgent?.slice(0, 500) ?? null,
    recordPart: event.recordPart ?? null,
    prevHash: head.rows[0]?.hash ?? GENESIS_HASH,
  };
  const line: AccessLogLine = { ...base, hash: lineHash(base) };
  await sql.query(
    `insert into access_log (tenant_id, seq, occurred_at, event_code, action, outcome, person_id, user_id, on_behalf_of,
       role, purpose, organisation_id, access_point_ip, user_agent, record_part, prev_hash, hash)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
    [
      line.tenantId,
      line.seq,
      line.occurredAt,
      line.eventCode,
      line.action,
      line.outcome,
      line.personId,
      line.userId,
      line.onBehalfOf,
      line.role,
      line.purpose,
      line.organisationId,
      line.ip,
      line.userAgent,
      line.recordPart,
      line.prevHash,
      line.hash,
    ],
  );
  await sql.query('update access_log_heads set seq = $2, hash = $3 where tenant_id = $1', [tenantId, line.seq, line.hash]);
  return line;
}

const selectLines = `select tenant_id as "tenantId", seq, to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "occurredAt",
  event_code as "eventCode", action, outcome, person_id as "personId", user_id as "userId", on_behalf_of as "onBehalfOf",
  role, purpose, organisation_id as "organisationId", access_point_ip as ip, user_agent as "userAgent",
  record_part as "recordPart", prev_hash as "prevHash", hash
  from access_log where tenant_id = $1`;

export type VerifyResult = { lines: number; broken: { seq: number; reason: string } | null };

/** Walks a tenant's chain from the first line; reports the first line that does not fit. */
export async function verifyAccessLog(sql: Sql, tenantId: string, batchSize = 5000): Promise<VerifyResult> {
  let expectedPrev = GENESIS_HASH;
  let expectedSeq = 1;
  let lines = 0;
  for (;;) {
    const { rows } = await sql.query<AccessLogLine>(`${selectLines} and seq >= $2 order by seq limit $3`, [
      tenantId,
      expectedSeq,
      batchSize,
    ]);
    for (const row of rows) {
      if (row.seq !== expectedSeq) return { lines, broken: { seq: expectedSeq, reason: 'line missing' } };
      if (row.prevHash !== expectedPrev) return { lines, broken: { seq: row.seq, reason: 'does not follow the previous line' } };
      const { hash, ...rest } = row;
      if (lineHash(rest) !== hash) return { lines, broken: { seq: row.seq, reason: 'content changed' } };
      expectedPrev = hash;
      expectedSeq += 1;
      lines += 1;
    }
    if (rows.length < batchSize) break;
  }
  const head = await sql.query<{ seq: number; hash: string }>('select seq, hash from access_log_heads where tenant_id = $1', [tenantId]);
  const end = head.rows[0];
  if (end && (end.seq !== lines || end.hash !== expectedPrev)) {
    return { lines, broken: { seq: lines + 1, reason: end.seq > lines ? 'line missing' : 'does not match the head of the log' } };
  }
  return { lines, broken: null };
}
