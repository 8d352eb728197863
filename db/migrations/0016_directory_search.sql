-- Social map search (C2): keywords on taxonomy terms and indexes for public search at scale.

-- Plain words people use for a term, Dutch and English, separated by spaces (for example
-- "oppas vervanging logeren sitter break" on respite care). The search text of every service
-- carrying the term includes them, so a question in one's own words finds the service.
alter table taxonomy_terms add column keywords text check (length(keywords) <= 4000);

-- Filters by term: the semi-join reads only the index.
create index directory_attributes_term_link on directory_attributes (tenant_id, link_type, taxonomy_term_id, link_id);
-- Filter by language.
create index directory_languages_code on directory_languages (tenant_id, code, service_id);
-- Browsing and sorting by name, and public rows only.
create index directory_services_public_name on directory_services (tenant_id, lower(name), id)
  where review_status = 'published' and status = 'active';
-- Opening hours given per service-at-location, and an organisation's own phone numbers.
create index directory_schedules_sal on directory_schedules (tenant_id, service_at_location_id);
create index directory_phones_organization on directory_phones (tenant_id, organization_id);
-- Places: the points of a municipality's locations.
create index directory_locations_pc4 on directory_locations (tenant_id, pc4);

-- The words of a municipality's social map, for "did you mean": a misspelt word in a question is
-- matched to the nearest words that do occur (trigram similarity on this small table), and those
-- go into the full-text query. Maintained with the search fields of each service.
create table directory_search_words (
  tenant_id uuid not null references municipalities (id),
  word text not null check (length(word) between 2 and 60),
  primary key (tenant_id, word)
);
create index directory_search_words_trgm on directory_search_words using gin (word gin_trgm_ops);
alter table directory_search_words enable row level security;
alter table directory_search_words force row level security;
create policy tenant_isolation on directory_search_words using (tenant_id = current_tenant_id()) with check (tenant_id = current_tenant_id());
grant select, insert, update, delete on directory_search_words to naaste_app;
-- In how many services of the municipality a word occurs (in their search text): rare words weigh
-- more in the ranking. Kept up to
-- date by the search-field refresh (a deleted service may leave its words counted; harmless).
alter table directory_search_words add column df integer not null default 0 check (df >= 0);
create index directory_search_words_prefix on directory_search_words (tenant_id, word text_pattern_ops);
create index directory_search_words_df on directory_search_words (tenant_id, df desc);

-- The municipality of a public (published, active) service, for public pages whose address holds
-- only the service id (/sociale-kaart/diensten/:id). Services are tenant-owned under row-level
-- security, so this visits each active municipality in turn with that municipality as the tenant
-- context, as the app itself could, and restores the caller's context. Caller's rights, no
-- SECURITY DEFINER.
create function directory_public_service_tenant(p_service uuid)
returns uuid
language plpgsql volatile
set search_path = public, pg_temp
as $$
declare
  previous text := current_setting('naaste.tenant_id', true);
  t record;
  found_tenant uuid;
begin
  for t in select id from municipalities where active loop
    perform set_config('naaste.tenant_id', t.id::text, true);
    select s.tenant_id into found_tenant from directory_services s
    where s.id = p_service and s.review_status = 'published' and s.status = 'active';
    exit when found_tenant is not null;
  end loop;
  perform set_config('naaste.tenant_id', coalesce(previous, ''), true);
  return found_tenant;
end;
$$;

grant execute on function directory_public_service_tenant(uuid) to naaste_app;
