-- Social map (C2) on HSDS 3.0 (Open Referral Human Services Data Specification). Table and column
-- names follow HSDS so the feed is a plain mapping; docs/hsds-profile.md describes the Dutch
-- profile (municipality code, postcode, the taxonomies of the four forms of caregiver support and
-- of target groups). Directory entries are tenant-owned: each municipality keeps its own social map
-- (a regional organisation appears in each map it serves). None of it is personal data except the
-- optional email address on a report.

create extension if not exists pg_trgm;
create extension if not exists unaccent;

-- Dutch 4-digit postcode areas with a representative point (db/seed/data/pc4.csv, GeoNames CC BY 4.0).
create table postcode_areas (
  pc4 text primary key check (pc4 ~ '^[1-9][0-9]{3}$'),
  latitude double precision not null check (latitude between -90 and 90),
  longitude double precision not null check (longitude between -180 and 180),
  municipality_code text check (municipality_code ~ '^GM[0-9]{4}$')
);
grant select, insert, update on postcode_areas to naaste_app;

-- Taxonomies are shared vocabulary (platform tables): the Naaste profile ships two, and an import
-- may bring terms of its own taxonomies.
create table taxonomies (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  description text check (length(description) <= 2000),
  uri text unique check (length(uri) <= 500),
  version text check (length(version) <= 50),
  updated_at timestamptz not null default now()
);
grant select, insert, update on taxonomies to naaste_app;

create table taxonomy_terms (
  id uuid primary key default gen_random_uuid(),
  taxonomy_id uuid references taxonomies (id),
  code text check (length(code) <= 100),
  name text not null check (length(name) between 1 and 200),
  -- The term's name in English (the Dutch one is `name`).
  name_en text check (length(name_en) <= 200),
  description text check (length(description) <= 2000),
  parent_id uuid references taxonomy_terms (id),
  language text check (length(language) <= 10),
  term_uri text check (length(term_uri) <= 500),
  updated_at timestamptz not null default now(),
  unique (taxonomy_id, code)
);
grant select, insert, update on taxonomy_terms to naaste_app;

create table directory_organizations (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references municipalities (id),
  -- The network organisation that owns and edits this entry, when there is one.
  owner_organisation_id uuid references organisations (id),
  -- The id the entry had in an imported dataset, so importing again updates instead of adding.
  source_id text check (length(source_id) <= 200),
  name text not null check (length(name) between 1 and 300),
  alternate_name text check (length(alternate_name) <= 300),
  description text check (length(description) <= 5000),
  email text check (length(email) <= 254),
  website text check (length(website) <= 500),
  legal_status text check (length(legal_status) <= 200),
  logo text check (length(logo) <= 500),
  uri text check (length(uri) <= 500),
  parent_organization_id uuid references directory_organizations (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, source_id)
);
create index directory_organizations_updated on directory_organizations (tenant_id, updated_at);

create table directory_services (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references municipalities (id),
  organization_id uuid not null references directory_organizations (id) on delete cascade,
  source_id text check (length(source_id) <= 200),
  name text not null check (length(name) between 1 and 300),
  alternate_name text check (length(alternate_name) <= 300),
  description text check (length(description) <= 5000),
  url text check (length(url) <= 500),
  email text check (length(email) <= 254),
  status text not null default 'active' check (status in ('active', 'inactive', 'defunct', 'temporarily closed')),
  interpretation_services text check (length(interpretation_services) <= 1000),
  application_process text check (length(application_process) <= 2000),
  fees_description text check (length(fees_description) <= 1000),
  wait_time text check (length(wait_time) <= 500),
  eligibility_description text check (length(eligibility_description) <= 2000),
  minimum_age integer check (minimum_age between 0 and 150),
  maximum_age integer check (maximum_age between 0 and 150),
  alert text check (length(alert) <= 1000),
  -- Naaste profile: free of charge or not (HSDS keeps the detail in cost_options).
  is_free boolean,
  -- Keeping the map current (the workflow): only 'published' entries are public. A change to a
  -- published entry waits in pending_change until the network coordinator approves it.
  review_status text not null default 'pending' check (review_status in ('draft', 'pending', 'published', 'rejected', 'withdrawn')),
  pending_change jsonb,
  review_note text check (length(review_note) <= 2000),
  reviewed_by uuid references accounts (id),
  reviewed_at timestamptz,
  -- HSDS assured_date / assurer_email: when the entry was last checked as right, and by whom.
  assured_date date,
  assurer_email text check (length(assurer_email) <= 254),
  stale_reminded_at timestamptz,
  -- Search: maintained by the service code from the name, description and terms (Dutch and simple
  -- configurations), and the text that trigram matching uses for small typos.
  search_vector tsvector,
  search_text text,
  created_at timestamptz not null default now(),
  -- HSDS last_modified.
  last_modified timestamptz not null default now(),
  unique (tenant_id, source_id)
);
create index directory_services_search on directory_services using gin (search_vector);
create index directory_services_trgm on directory_services using gin (search_text gin_trgm_ops);
create index directory_services_public on directory_services (tenant_id, review_status, status);
create index directory_services_modified on directory_services (tenant_id, last_modified);
create index directory_services_organization on directory_services (tenant_id, organization_id);

create table directory_locations (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references municipalities (id),
  organization_id uuid references directory_organizations (id) on delete cascade,
  source_id text check (length(source_id) <= 200),
  location_type text not null default 'physical' check (location_type in ('physical', 'postal', 'virtual')),
  url text check (length(url) <= 500),
  name text check (length(name) <= 300),
  alternate_name text check (length(alternate_name) <= 300),
  description text check (length(description) <= 2000),
  transportation text check (length(transportation) <= 1000),
  latitude double precision check (latitude between -90 and 90),
  longitude double precision check (longitude between -180 and 180),
  -- Naaste profile: the 4-digit postcode the location lies in (for distance when there is no point).
  pc4 text check (pc4 ~ '^[1-9][0-9]{3}$'),
  last_modified timestamptz not null default now(),
  unique (tenant_id, source_id)
);
create index directory_locations_organization on directory_locations (tenant_id, organization_id);

create table directory_service_at_locations (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references municipalities (id),
  service_id uuid not null references directory_services (id) on delete cascade,
  location_id uuid not null references directory_locations (id) on delete cascade,
  description text check (length(description) <= 2000),
  last_modified timestamptz not null default now(),
  unique (tenant_id, service_id, location_id)
);
create index directory_sal_location on directory_service_at_locations (tenant_id, location_id);

create table directory_addresses (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references municipalities (id),
  location_id uuid not null references directory_locations (id) on delete cascade,
  attention text check (length(attention) <= 200),
  address_1 text not null check (length(address_1) between 1 and 300),
  address_2 text check (length(address_2) <= 300),
  city text not null check (length(city) between 1 and 100),
  region text check (length(region) <= 100),
  state_province text check (length(state_province) <= 100),
  postal_code text not null check (length(postal_code) between 1 and 20),
  country text not null default 'NL' check (country ~ '^[A-Z]{2}$'),
  address_type text not null default 'physical' check (address_type in ('physical', 'postal', 'virtual'))
);
create index directory_addresses_location on directory_addresses (tenant_id, location_id);

create table directory_contacts (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references municipalities (id),
  organization_id uuid references directory_organizations (id) on delete cascade,
  service_id uuid references directory_services (id) on delete cascade,
  location_id uuid references directory_locations (id) on delete cascade,
  name text check (length(name) <= 200),
  title text check (length(title) <= 200),
  department text check (length(department) <= 200),
  email text check (length(email) <= 254)
);
create index directory_contacts_service on directory_contacts (tenant_id, service_id);

create table directory_phones (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references municipalities (id),
  organization_id uuid references directory_organizations (id) on delete cascade,
  service_id uuid references directory_services (id) on delete cascade,
  location_id uuid references directory_locations (id) on delete cascade,
  contact_id uuid references directory_contacts (id) on delete cascade,
  number text not null check (length(number) between 1 and 40),
  extension text check (length(extension) <= 20),
  type text check (type in ('text', 'voice', 'fax', 'cell', 'video', 'pager', 'textphone')),
  description text check (length(description) <= 500)
);
create index directory_phones_service on directory_phones (tenant_id, service_id);

-- Opening hours, as HSDS 3.0 schedules (iCalendar-like: freq, byday, opens_at, closes_at).
create table directory_schedules (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references municipalities (id),
  service_id uuid references directory_services (id) on delete cascade,
  location_id uuid references directory_locations (id) on delete cascade,
  service_at_location_id uuid references directory_service_at_locations (id) on delete cascade,
  valid_from date,
  valid_to date,
  dtstart date,
  timezone text check (length(timezone) <= 60),
  until date,
  freq text check (freq in ('WEEKLY', 'MONTHLY')),
  interval integer check (interval between 1 and 52),
  byday text check (length(byday) <= 60),
  bymonthday text check (length(bymonthday) <= 60),
  opens_at time,
  closes_at time,
  description text check (length(description) <= 1000),
  notes text check (length(notes) <= 1000)
);
create index directory_schedules_service on directory_schedules (tenant_id, service_id);

create table directory_service_areas (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references municipalities (id),
  service_id uuid not null references directory_services (id) on delete cascade,
  name text check (length(name) <= 200),
  description text check (length(description) <= 1000),
  extent text check (length(extent) <= 20000),
  extent_type text check (extent_type in ('geojson', 'topojson', 'kml', 'text')),
  uri text check (length(uri) <= 500),
  -- Naaste profile: the CBS municipality code of the area served.
  municipality_code text check (municipality_code ~ '^GM[0-9]{4}$')
);
create index directory_service_areas_service on directory_service_areas (tenant_id, service_id);

create table directory_languages (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references municipalities (id),
  service_id uuid references directory_services (id) on delete cascade,
  location_id uuid references directory_locations (id) on delete cascade,
  name text check (length(name) <= 100),
  code text check (code ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
  note text check (length(note) <= 500)
);
create index directory_languages_service on directory_languages (tenant_id, service_id);

create table directory_cost_options (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references municipalities (id),
  service_id uuid not null references directory_services (id) on delete cascade,
  valid_from date,
  valid_to date,
  option text check (length(option) <= 500),
  currency text check (currency ~ '^[A-Z]{3}$'),
  amount numeric(12, 2) check (amount >= 0),
  amount_description text check (length(amount_description) <= 500)
);
create index directory_cost_options_service on directory_cost_options (tenant_id, service_id);

-- HSDS attributes: links a service (or organisation, location) to a taxonomy term.
create table directory_attributes (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references municipalities (id),
  link_id uuid not null,
  link_type text not null check (link_type in ('service', 'organization', 'location', 'service_at_location')),
  taxonomy_term_id uuid not null references taxonomy_terms (id),
  value text check (length(value) <= 500),
  label text check (length(label) <= 200),
  unique (tenant_id, link_type, link_id, taxonomy_term_id)
);
create index directory_attributes_term on directory_attributes (tenant_id, taxonomy_term_id, link_type);

-- "Dit klopt niet": a report on an entry by a resident or professional, for its owner.
create table directory_reports (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references municipalities (id),
  service_id uuid not null references directory_services (id) on delete cascade,
  message text not null check (length(message) between 1 and 2000),
  email text check (length(email) <= 254),
  reported_by uuid references accounts (id),
  created_at timestamptz not null default now(),
  resolved_at timestamptz,
  resolved_by uuid references accounts (id),
  resolution_note text check (length(resolution_note) <= 1000)
);
create index directory_reports_open on directory_reports (tenant_id, service_id) where resolved_at is null;

do $$
declare
  t text;
begin
  foreach t in array array[
    'directory_organizations', 'directory_services', 'directory_locations', 'directory_service_at_locations',
    'directory_addresses', 'directory_contacts', 'directory_phones', 'directory_schedules', 'directory_service_areas',
    'directory_languages', 'directory_cost_options', 'directory_attributes', 'directory_reports']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy tenant_isolation on %I using (tenant_id = current_tenant_id()) with check (tenant_id = current_tenant_id())', t);
    execute format('grant select, insert, update, delete on %I to naaste_app', t);
  end loop;
end
$$;
