-- Platform: the app role, tenant context, municipalities (tenants), organisations and their
-- networks, and the job queue. Forward-only: never edit this file after it is applied.

do $$
begin
  if not exists (select from pg_roles where rolname = 'naaste_app') then
    create role naaste_app nologin nosuperuser nobypassrls;
  end if;
end
$$;

grant usage on schema public to naaste_app;

-- The tenant of the current transaction, set by the app with set_config(..., true).
-- Without it, the answer is null and no tenant-owned row matches.
create function current_tenant_id() returns uuid
  language sql stable
  as $$ select nullif(current_setting('naaste.tenant_id', true), '')::uuid $$;

grant execute on function current_tenant_id() to naaste_app;

-- A municipality is a tenant. The official list is loaded inactive; a municipality becomes
-- active when it starts a Naaste network.
create table municipalities (
  id uuid primary key default gen_random_uuid(),
  code text not null unique check (code ~ '^GM[0-9]{4}$'),
  name text not null check (length(name) between 1 and 200),
  province text,
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  active boolean not null default false,
  theme jsonb not null default '{}'::jsonb,
  valid_from date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create index municipalities_active_name on municipalities (name) where active;

grant select, insert, update on municipalities to naaste_app;

-- Organisations are shared across municipalities (a regional support centre serves several),
-- so the organisation itself is not tenant-owned; its place in a network is.
create table organisations (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  kind text not null check (kind in (
    'municipality', 'supportCentre', 'welfare', 'volunteerOrganisation', 'careProvider',
    'gpPractice', 'districtTeam', 'hospital', 'school', 'employer', 'religious',
    'sportsClub', 'advocacy', 'other')),
  is_finding_place boolean not null default false,
  description text check (length(description) <= 2000),
  email text check (length(email) <= 254),
  phone text check (length(phone) <= 40),
  website text check (length(website) <= 500),
  street text check (length(street) <= 200),
  postcode text check (postcode ~ '^[1-9][0-9]{3} ?[A-Z]{2}$'),
  city text check (length(city) <= 100),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create unique index organisations_name_postcode on organisations (lower(name), coalesce(postcode, ''));

grant select, insert, update on organisations to naaste_app;

-- An organisation's participation in a municipality's network (tenant-owned).
create table network_members (
  tenant_id uuid not null references municipalities (id),
  organisation_id uuid not null references organisations (id) on delete cascade,
  joined_on date not null default current_date,
  primary key (tenant_id, organisation_id)
);

create index network_members_organisation on network_members (organisation_id);

alter table network_members enable row level security;
alter table network_members force row level security;
create policy tenant_isolation on network_members
  using (tenant_id = current_tenant_id())
  with check (tenant_id = current_tenant_id());

grant select, insert, update, delete on network_members to naaste_app;

-- Background jobs (email, reminders, expiry, purges). Workers take jobs with SKIP LOCKED so
-- several app nodes share the queue.
create table jobs (
  id bigint generated always as identity primary key,
  kind text not null,
  payload jsonb not null default '{}'::jsonb,
  run_at timestamptz not null default now(),
  attempts int not null default 0,
  max_attempts int not null default 5 check (max_attempts between 1 and 50),
  locked_until timestamptz,
  last_error text,
  completed_at timestamptz,
  failed_at timestamptz,
  created_at timestamptz not null default now()
);

create index jobs_ready on jobs (run_at) where completed_at is null and failed_at is null;

grant select, insert, update, delete on jobs to naaste_app;

-- Secrets every app node must share (the key that signs cookies), made once by the first node.
create table platform_secrets (
  name text primary key,
  value text not null,
  created_at timestamptz not null default now()
);

grant select, insert on platform_secrets to naaste_app;
