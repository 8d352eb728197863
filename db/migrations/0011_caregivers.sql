-- Caregivers (F1, R1, R2, R3, R7, start of C4). The unit is the care relationship: a caregiver
-- (an account) and the person cared for, who has no account and is described only by a first
-- name or nickname. Everything here is tenant-owned under row-level security; what an
-- organisation may see of it is decided by a consent record (data category 'careRelationship',
-- purpose 'support') checked in the services.

create table care_relationships (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references municipalities (id),
  caregiver_id uuid not null references accounts (id) on delete cascade,
  -- The person cared for, in the caregiver's own words; never a full name.
  cared_for_name text not null check (length(cared_for_name) between 1 and 60),
  cared_for_age_band text not null check (cared_for_age_band in ('under12', '12to17', '18to39', '40to64', '65to79', '80plus')),
  relation text not null check (relation in ('partner', 'parent', 'child', 'otherFamily', 'friend', 'neighbour', 'other')),
  condition_text text check (length(condition_text) <= 2000),
  tasks text[] not null default '{}' check (tasks <@ array[
    'household', 'personalCare', 'nursing', 'arranging', 'companionship', 'transport', 'finances']::text[]),
  hours_per_week integer check (hours_per_week between 0 and 168),
  caring_since date,
  living_together boolean,
  -- What the caregiver combines the care with.
  combines_with text[] not null default '{}' check (combines_with <@ array['work', 'school', 'children']::text[]),
  ended_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index care_relationships_caregiver on care_relationships (tenant_id, caregiver_id);

-- Who else helps (C4): family, friends, volunteers, professionals around one relationship.
create table care_network_members (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references municipalities (id),
  care_relationship_id uuid not null references care_relationships (id) on delete cascade,
  kind text not null check (kind in ('family', 'friend', 'neighbour', 'volunteer', 'professional', 'other')),
  name text not null check (length(name) between 1 and 100),
  helps_with text check (length(helps_with) <= 500),
  created_at timestamptz not null default now()
);
create index care_network_members_relationship on care_network_members (tenant_id, care_relationship_id);

-- Balance check (R2). Instrument definitions are versioned data: shipped ones (organisation_id
-- null, visible to all) and ones an organisation loads. A result keeps the key and version that
-- produced it. Definitions are not personal data and not tenant-owned.
create table instrument_definitions (
  id uuid primary key default gen_random_uuid(),
  key text not null check (key ~ '^[a-z][a-z0-9-]{1,40}$'),
  version text not null check (length(version) between 1 and 20),
  organisation_id uuid references organisations (id),
  definition jsonb not null,
  created_at timestamptz not null default now(),
  unique (key, version)
);
grant select, insert on instrument_definitions to naaste_app;

create table balance_check_results (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references municipalities (id),
  person_id uuid not null references accounts (id) on delete cascade,
  care_relationship_id uuid references care_relationships (id) on delete set null,
  instrument_key text not null,
  instrument_version text not null,
  answers jsonb not null,
  score integer not null check (score >= 0),
  band text not null check (band ~ '^[a-z][a-zA-Z]*$'),
  -- True when the score is at or above the instrument's own threshold (CSI: 7 or more).
  above_threshold boolean not null,
  -- Filled in by a professional with the person present, or by the person online.
  recorded_by uuid references accounts (id),
  taken_at timestamptz not null default now(),
  foreign key (instrument_key, instrument_version) references instrument_definitions (key, version)
);
create index balance_check_results_person on balance_check_results (tenant_id, person_id, taken_at desc);
create index balance_check_results_relationship on balance_check_results (tenant_id, care_relationship_id, taken_at desc);

-- Individual support (R1): one support case per care relationship and organisation.
create table support_cases (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references municipalities (id),
  care_relationship_id uuid not null references care_relationships (id) on delete cascade,
  organisation_id uuid not null references organisations (id),
  consultant_id uuid references accounts (id),
  status text not null default 'new' check (status in ('new', 'intake', 'active', 'closed')),
  -- The latest burden band and whether it raised a warning, kept here for the caseload filters.
  burden_level text not null default 'unknown' check (burden_level in ('unknown', 'low', 'moderate', 'high')),
  next_action_on date,
  -- Intake (R1): the caregiver's situation, wishes, possibilities and limits.
  situation text check (length(situation) <= 4000),
  wishes text check (length(wishes) <= 4000),
  possibilities text check (length(possibilities) <= 4000),
  limits text check (length(limits) <= 4000),
  intake_on date,
  -- The caregiver asked for another consultant (R7).
  consultant_change_requested_at timestamptz,
  consultant_change_reason text check (length(consultant_change_reason) <= 1000),
  outcome text check (outcome in ('goalsReached', 'partlyReached', 'notReached', 'noLongerNeeded', 'movedAway', 'other')),
  outcome_note text check (length(outcome_note) <= 2000),
  opened_at timestamptz not null default now(),
  closed_at timestamptz,
  updated_at timestamptz not null default now(),
  check ((status = 'closed') = (closed_at is not null)),
  unique (tenant_id, care_relationship_id, organisation_id)
);
create index support_cases_caseload on support_cases (tenant_id, organisation_id, status, next_action_on);
create index support_cases_consultant on support_cases (tenant_id, consultant_id, status);

-- The support plan: goals in the four forms of support, and the actions under them.
create table support_goals (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references municipalities (id),
  case_id uuid not null references support_cases (id) on delete cascade,
  form text not null check (form in ('information', 'emotional', 'respite', 'practical')),
  goal text not null check (length(goal) between 1 and 1000),
  status text not null default 'planned' check (status in ('planned', 'inProgress', 'reached', 'stopped')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index support_goals_case on support_goals (tenant_id, case_id);

create table support_actions (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references municipalities (id),
  case_id uuid not null references support_cases (id) on delete cascade,
  goal_id uuid references support_goals (id) on delete cascade,
  description text not null check (length(description) between 1 and 1000),
  who text not null check (who in ('caregiver', 'consultant', 'network', 'volunteer', 'professional', 'other')),
  who_name text check (length(who_name) <= 100),
  due_on date,
  done_at timestamptz,
  created_at timestamptz not null default now()
);
create index support_actions_case on support_actions (tenant_id, case_id);

create table case_notes (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references municipalities (id),
  case_id uuid not null references support_cases (id) on delete cascade,
  author_id uuid references accounts (id),
  -- 'team': only the organisation's team; 'shared': also the caregiver.
  visibility text not null check (visibility in ('team', 'shared')),
  body text not null check (length(body) between 1 and 4000),
  created_at timestamptz not null default now()
);
create index case_notes_case on case_notes (tenant_id, case_id, created_at desc);

create table follow_ups (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references municipalities (id),
  case_id uuid not null references support_cases (id) on delete cascade,
  due_on date not null,
  purpose text not null check (length(purpose) between 1 and 500),
  created_by uuid references accounts (id),
  reminder_sent_at timestamptz,
  done_at timestamptz,
  created_at timestamptz not null default now()
);
create index follow_ups_due on follow_ups (tenant_id, due_on) where done_at is null;
create index follow_ups_case on follow_ups (tenant_id, case_id);

-- Early warnings for the consultant (R2): a balance-check result above the threshold, or a clear
-- rise since the previous check, for a caregiver who consented to the organisation.
create table support_signals (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references municipalities (id),
  case_id uuid not null references support_cases (id) on delete cascade,
  kind text not null check (kind in ('aboveThreshold', 'clearRise', 'situationChanged', 'consultantChangeRequested')),
  balance_check_id uuid references balance_check_results (id) on delete cascade,
  created_at timestamptz not null default now(),
  seen_at timestamptz
);
create index support_signals_open on support_signals (tenant_id, case_id) where seen_at is null;

-- Things change (R7).
create table situation_changes (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references municipalities (id),
  care_relationship_id uuid not null references care_relationships (id) on delete cascade,
  reported_by uuid references accounts (id),
  reporter_role text not null check (reporter_role in ('caregiver', 'consultant')),
  kind text not null check (kind in ('illnessProgress', 'caregiverHealth', 'work', 'moving', 'other')),
  description text check (length(description) <= 2000),
  reported_at timestamptz not null default now(),
  handled_at timestamptz
);
create index situation_changes_relationship on situation_changes (tenant_id, care_relationship_id, reported_at desc);

-- Keukentafelgesprek (R3): the caregiver's preparation, the agreements made at the conversation
-- with the Wmo assessor, and their evaluation at the follow-up.
create table kitchen_table_preparations (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references municipalities (id),
  care_relationship_id uuid not null references care_relationships (id) on delete cascade,
  what_i_do text check (length(what_i_do) <= 4000),
  can_and_want text check (length(can_and_want) <= 4000),
  limits text check (length(limits) <= 4000),
  needs text check (length(needs) <= 4000),
  -- The caregiver asks for independent support (cliëntondersteuning) at the conversation.
  support_requested_at timestamptz,
  conversation_on date,
  updated_at timestamptz not null default now(),
  unique (tenant_id, care_relationship_id)
);

create table kitchen_table_agreements (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references municipalities (id),
  preparation_id uuid not null references kitchen_table_preparations (id) on delete cascade,
  who text not null check (who in ('caregiver', 'network', 'municipality', 'volunteer', 'professional', 'other')),
  who_name text check (length(who_name) <= 100),
  contribution text not null check (length(contribution) between 1 and 1000),
  evaluation text check (evaluation in ('kept', 'partlyKept', 'notKept')),
  evaluation_note text check (length(evaluation_note) <= 1000),
  evaluated_at timestamptz,
  created_at timestamptz not null default now()
);
create index kitchen_table_agreements_preparation on kitchen_table_agreements (tenant_id, preparation_id);

do $$
declare
  t text;
begin
  foreach t in array array[
    'care_relationships', 'care_network_members', 'balance_check_results', 'support_cases', 'support_goals',
    'support_actions', 'case_notes', 'follow_ups', 'support_signals', 'situation_changes',
    'kitchen_table_preparations', 'kitchen_table_agreements']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy tenant_isolation on %I using (tenant_id = current_tenant_id()) with check (tenant_id = current_tenant_id())', t);
    execute format('grant select, insert, update, delete on %I to naaste_app', t);
  end loop;
end
$$;
