-- The support consultant's workspace (R1, R3, R7): the history of a support case, and indexes that
-- keep the caseload fast at 100,000 caregivers in one municipality.

-- What happened to a case, for its history: taken, handed over, intake, closed, reopened, a
-- re-measurement, a change in the situation. Codes only; the details live in the rows they point at.
create table support_case_events (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references municipalities (id),
  case_id uuid not null references support_cases (id) on delete cascade,
  actor_id uuid references accounts (id),
  kind text not null check (kind in (
    'taken', 'reassigned', 'intakeSaved', 'closed', 'reopened', 'remeasured', 'situationReported', 'agreementsRecorded')),
  -- For 'reassigned': the new consultant; for 'closed': nothing (the outcome is on the case).
  subject_id uuid references accounts (id),
  created_at timestamptz not null default now()
);
create index support_case_events_case on support_case_events (tenant_id, case_id, created_at desc);

alter table support_case_events enable row level security;
alter table support_case_events force row level security;
create policy tenant_isolation on support_case_events
  using (tenant_id = current_tenant_id())
  with check (tenant_id = current_tenant_id());
grant select, insert, update, delete on support_case_events to naaste_app;

-- Caseload orders: open cases by next action, by burden, and all cases by date opened.
create index support_cases_open_next on support_cases (tenant_id, organisation_id, next_action_on, id) where status <> 'closed';
create index support_cases_open_burden on support_cases (
  tenant_id, organisation_id, (array_position(array['high', 'moderate', 'low', 'unknown']::text[], burden_level)), next_action_on, id)
  where status <> 'closed';
create index support_cases_opened on support_cases (tenant_id, organisation_id, opened_at desc, id desc);
create index support_cases_relationship on support_cases (care_relationship_id);

-- Search in the caseload: part of the caregiver's name (accounts is a platform table, so a trigram
-- index serves ILIKE), or the start of the cared-for person's name. care_relationships is under
-- row-level security, where PostgreSQL uses an index only for leakproof operators: ILIKE and lower()
-- are not, starts_with (^@) on a C-collated column is, so the lowercased name is kept in a column.
create index accounts_display_name_trgm on accounts using gin (display_name gin_trgm_ops);
alter table care_relationships
  add column cared_for_key text collate "C" generated always as (lower(cared_for_name)) stored;
create index care_relationships_cared_for_key on care_relationships (tenant_id, cared_for_key);

-- Follow-up reminders: due, not done, no reminder yet.
create index follow_ups_reminder_due on follow_ups (tenant_id, due_on) where done_at is null and reminder_sent_at is null;
