-- Identity (X2), roles (X1) and consent (X3).
-- Accounts and sessions are platform tables: a person signs in before any municipality is known,
-- and a professional of a regional organisation works for several municipalities. What a person
-- may do in a municipality (memberships) and what they agreed to (consents) is tenant-owned.

create table accounts (
  id uuid primary key default gen_random_uuid(),
  email text not null check (email = lower(email) and length(email) between 3 and 254),
  display_name text not null check (length(display_name) between 1 and 200),
  kind text not null check (kind in ('resident', 'professional')),
  password_hash text,
  totp_secret text,
  totp_enrolled_at timestamptz,
  -- The last 30-second step whose code was accepted: the same code cannot be used twice.
  totp_last_step bigint,
  platform_admin boolean not null default false,
  birth_date date,
  locale text not null default 'nl' check (locale in ('nl', 'en')),
  disabled_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create unique index accounts_email on accounts (email);

grant select, insert, update on accounts to naaste_app;

create table recovery_codes (
  account_id uuid not null references accounts (id) on delete cascade,
  code_hash text not null,
  used_at timestamptz,
  primary key (account_id, code_hash)
);

grant select, insert, update, delete on recovery_codes to naaste_app;

-- Session ids are 128-bit random values; only their SHA-256 is stored, so a copy of this table
-- does not let anyone sign in.
create table sessions (
  id_hash text primary key,
  account_id uuid not null references accounts (id) on delete cascade,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  second_factor_at timestamptz,
  tenant_id uuid references municipalities (id),
  ip text,
  user_agent text check (length(user_agent) <= 500),
  revoked_at timestamptz
);

create index sessions_account on sessions (account_id) where revoked_at is null;

grant select, insert, update, delete on sessions to naaste_app;

-- Single-use links sent by email: sign-in for residents, password reset, invitations.
create table email_tokens (
  token_hash text primary key,
  purpose text not null check (purpose in ('signIn', 'passwordReset', 'invitation')),
  email text not null,
  account_id uuid references accounts (id) on delete cascade,
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);

create index email_tokens_email on email_tokens (email, created_at desc);

grant select, insert, update, delete on email_tokens to naaste_app;

-- Failed sign-ins per key (an email address or an IP address), for lock-out with back-off.
create table sign_in_throttle (
  key text primary key,
  failures int not null default 0,
  locked_until timestamptz,
  updated_at timestamptz not null default now()
);

grant select, insert, update, delete on sign_in_throttle to naaste_app;

-- What a person may do in a municipality, and for which organisation.
create table memberships (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references municipalities (id),
  account_id uuid not null references accounts (id) on delete cascade,
  organisation_id uuid references organisations (id),
  roles text[] not null check (
    cardinality(roles) >= 1 and roles <@ array[
      'caregiver', 'volunteer', 'generalist', 'supportConsultant', 'volunteerCoordinator',
      'networkCoordinator', 'policyOfficer', 'organisationAdmin', 'municipalityAdmin'
    ]::text[]),
  disabled_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique nulls not distinct (tenant_id, account_id, organisation_id)
);

create index memberships_account on memberships (account_id);
create index memberships_organisation on memberships (tenant_id, organisation_id);

alter table memberships enable row level security;
alter table memberships force row level security;
create policy tenant_isolation on memberships
  using (tenant_id = current_tenant_id())
  with check (tenant_id = current_tenant_id());

grant select, insert, update, delete on memberships to naaste_app;

-- Consent: who (the resident), what data, for which purpose, shared with which organisation,
-- given how, valid until when; withdrawal ends it from the next request on.
create table consents (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references municipalities (id),
  person_id uuid not null references accounts (id) on delete cascade,
  data_category text not null check (data_category ~ '^[a-z][a-zA-Z]*$'),
  purpose text not null check (purpose ~ '^[a-z][a-zA-Z]*$'),
  recipient_organisation_id uuid not null references organisations (id),
  given_how text not null check (given_how in ('online', 'recordedInPerson')),
  recorded_by uuid references accounts (id),
  guardian_name text check (length(guardian_name) <= 200),
  valid_from timestamptz not null default now(),
  valid_until timestamptz not null,
  withdrawn_at timestamptz,
  created_at timestamptz not null default now(),
  check (valid_until > valid_from),
  check (given_how = 'online' or recorded_by is not null)
);

create index consents_lookup on consents (tenant_id, person_id, recipient_organisation_id, data_category, purpose);

alter table consents enable row level security;
alter table consents force row level security;
create policy tenant_isolation on consents
  using (tenant_id = current_tenant_id())
  with check (tenant_id = current_tenant_id());

grant select, insert, update on consents to naaste_app;
