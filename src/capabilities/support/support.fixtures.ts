import type pg from 'pg';

/**
 * Test fixtures for the support workspace, written straight into the database as the caregiver's
 * area would leave them: a caregiver account, a care relationship, a consent for an organisation
 * and a support case. Used by the integration tests, the route walks and the benchmark.
 */
export type CaseFixture = { caregiverId: string; relationshipId: string; caseId: string; consentId: string | null };

export async function insertCaregiverCase(
  c: pg.Client,
  input: {
    tenantId: string;
    organisationId: string;
    caregiverName: string;
    caredForName: string;
    consent?: boolean;
    status?: 'new' | 'intake' | 'active' | 'closed';
    burden?: 'unknown' | 'low' | 'moderate' | 'high';
    consultantId?: string | null;
    nextActionOn?: string | null;
    email?: string;
  },
): Promise<CaseFixture> {
  const email = input.email ?? `mantelzorger-${Math.random().toString(36).slice(2, 10)}@thuis.example`;
  const caregiverId = (
    await c.query<{ id: string }>(`insert into accounts (email, display_name, kind) values ($1, $2, 'resident') returning id`, [
      email,
      input.caregiverName,
    ])
  ).rows[0]?.id as string;
  await c.query(`insert into memberships (tenant_id, account_id, organisation_id, roles) values ($1, $2, null, '{caregiver}')`, [
    input.tenantId,
    caregiverId,
  ]);
  const relationshipId = (
    await c.query<{ id: string }>(
      `insert into care_relationships (tenant_id, caregiver_id, cared_for_name, cared_for_age_band, relation, condition_text, tasks,
         hours_per_week, living_together, combines_with)
       values ($1, $2, $3, '80plus', 'parent', 'Vergeetachtig, valt soms.', '{household,companionship}', 14, false, '{work}')
       returning id`,
      [input.tenantId, caregiverId, input.caredForName],
    )
  ).rows[0]?.id as string;
  let consentId: string | null = null;
  if (input.consent !== false) {
    consentId = (
      await c.query<{ id: string }>(
        `insert into consents (tenant_id, person_id, data_category, purpose, recipient_organisation_id, given_how, valid_until)
         values ($1, $2, 'careRelationship', 'support', $3, 'online', now() + interval '1 year') returning id`,
        [input.tenantId, caregiverId, input.organisationId],
      )
    ).rows[0]?.id as string;
  }
  const status = input.status ?? 'new';
  const caseId = (
    await c.query<{ id: string }>(
      `insert into support_cases (tenant_id, care_relationship_id, organisation_id, consultant_id, status, burden_level, next_action_on,
         closed_at)
       values ($1, $2, $3, $4, $5, $6, $7, case when $5 = 'closed' then now() end) returning id`,
      [
        input.tenantId,
        relationshipId,
        input.organisationId,
        input.consultantId ?? null,
        status,
        input.burden ?? 'unknown',
        input.nextActionOn ?? null,
      ],
    )
  ).rows[0]?.id as string;
  return { caregiverId, relationshipId, caseId, consentId };
}
