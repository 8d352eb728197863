-- Social map search at scale (issue 5). A common word can match tens of thousands of services of
-- a large map; the search then takes a bounded number of them, best kind first, and must be able
-- to do that without reading the wide service rows (their search text with the terms' keywords
-- makes each row large, so a table of 100,000 services does not stay in memory).

-- A narrow copy of what the search needs of each service: its public state, the filters kept on
-- the service itself, the name for sorting and the full-text vector. Kept by a trigger on
-- directory_services, so every way a service changes (entry form, import, review) follows.
create table directory_search_entries (
  id uuid primary key references directory_services (id) on delete cascade,
  tenant_id uuid not null references municipalities (id),
  -- Published and active: what the public may find.
  public boolean not null,
  is_free boolean,
  -- lower(name), for sorting by name.
  name_key text not null,
  search_vector tsvector
);
-- Matches of the words, of public services only.
create index directory_search_entries_words on directory_search_entries using gin (search_vector) where public;
-- Matches in the name (Dutch, weight A, and English, weight D): taken before matches elsewhere
-- in the text, straight from the index, without reading and rechecking each row.
create index directory_search_entries_name_words on directory_search_entries using gin (ts_filter(search_vector, '{a,d}')) where public;
-- Browsing without words, by name.
create index directory_search_entries_name on directory_search_entries (tenant_id, name_key, id) where public;

alter table directory_search_entries enable row level security;
alter table directory_search_entries force row level security;
create policy tenant_isolation on directory_search_entries using (tenant_id = current_tenant_id()) with check (tenant_id = current_tenant_id());
grant select, insert, update, delete on directory_search_entries to naaste_app;

-- Runs with the rights of whoever changes the service (the app role, in that service's tenant).
create function directory_search_entries_follow()
returns trigger
language plpgsql
set search_path = public, pg_temp
as $$
begin
  insert into directory_search_entries (id, tenant_id, public, is_free, name_key, search_vector)
  values (new.id, new.tenant_id, new.review_status = 'published' and new.status = 'active', new.is_free, lower(new.name), new.search_vector)
  on conflict (id) do update set tenant_id = excluded.tenant_id, public = excluded.public, is_free = excluded.is_free,
    name_key = excluded.name_key, search_vector = excluded.search_vector;
  return null;
end;
$$;

create trigger directory_search_entries_follow
  after insert or update of tenant_id, name, review_status, status, is_free, search_vector on directory_services
  for each row execute function directory_search_entries_follow();

-- The services there are already, municipality by municipality (row-level security applies to
-- the table owner too), restoring the caller's tenant setting.
do $$
declare
  previous text := current_setting('naaste.tenant_id', true);
  t record;
begin
  for t in select id from municipalities loop
    perform set_config('naaste.tenant_id', t.id::text, true);
    insert into directory_search_entries (id, tenant_id, public, is_free, name_key, search_vector)
    select s.id, s.tenant_id, s.review_status = 'published' and s.status = 'active', s.is_free, lower(s.name), s.search_vector
    from directory_services s where s.tenant_id = t.id;
  end loop;
  perform set_config('naaste.tenant_id', coalesce(previous, ''), true);
end
$$;

-- Nearest first: the locations within a bounding box around a place.
create index directory_locations_point on directory_locations (tenant_id, latitude, longitude);
