-- Single sign-on (X2) through OpenID Connect, set up per organisation by an operator.
-- Both tables are platform tables without tenant_id: organisations are shared by the networks of
-- several municipalities, and a person signs in before any municipality is chosen.

-- How the staff of one organisation sign in with their own identity provider. The email domains
-- route an address typed on the sign-in page to its organisation; no domain belongs to two.
create table organisation_sso (
  organisation_id uuid primary key references organisations (id) on delete cascade,
  issuer text not null check (issuer ~ '^https?://[^\s]+$' and length(issuer) <= 500),
  client_id text not null check (length(client_id) between 1 and 300),
  client_secret text not null check (length(client_secret) between 1 and 1000),
  email_domains text[] not null check (
    cardinality(email_domains) between 1 and 20
    and array_to_string(email_domains, ',') = lower(array_to_string(email_domains, ','))),
  enabled boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create index organisation_sso_domains on organisation_sso using gin (email_domains);

grant select, insert, update on organisation_sso to naaste_app;

-- A Naaste account known at an identity provider: the provider's issuer and its stable subject
-- identifier for the person. Made at the first sign-in through that provider, by verified email.
create table external_identities (
  account_id uuid not null references accounts (id) on delete cascade,
  issuer text not null check (length(issuer) <= 500),
  subject text not null check (length(subject) between 1 and 255),
  created_at timestamptz not null default now(),
  last_sign_in_at timestamptz,
  unique (issuer, subject)
);

create index external_identities_account on external_identities (account_id);

grant select, insert, update, delete on external_identities to naaste_app;
