-- Caregiver registration (issue 4, C4 start): when a young caregiver (under 16) registers online,
-- a parent or guardian agrees too (UAVG art. 5). Their name and the moment they confirmed are kept
-- as evidence, per municipality where the person registered. Nothing is kept for people of 16 or
-- older: their registration is their email address and name on the account, and a membership.
create table caregiver_registrations (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references municipalities (id),
  account_id uuid not null references accounts (id) on delete cascade,
  guardian_name text check (length(guardian_name) between 1 and 200),
  guardian_confirmed_at timestamptz,
  created_at timestamptz not null default now(),
  check ((guardian_name is null) = (guardian_confirmed_at is null)),
  unique (tenant_id, account_id)
);

alter table caregiver_registrations enable row level security;
alter table caregiver_registrations force row level security;
create policy tenant_isolation on caregiver_registrations
  using (tenant_id = current_tenant_id())
  with check (tenant_id = current_tenant_id());
grant select, insert, update, delete on caregiver_registrations to naaste_app;

-- The caregiver's own pages list relationships newest first and gather what is planned per case.
create index support_goals_case_updated on support_goals (tenant_id, case_id, updated_at desc);
create index support_actions_case_due on support_actions (tenant_id, case_id, due_on);
