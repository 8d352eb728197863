-- Social map search at scale (issue 5), continued. A word that matches a term's names or keywords,
-- and a filter on a form of support or a target group, find the services carrying that term. On a
-- large map a common term is carried by tens of thousands of services; joining the term links to
-- the narrow search table then reads all of them for every step of a search. The narrow copy of
-- each service (directory_search_entries, migration 0021) now also holds the ids of its terms and
-- the codes of its languages, each with an index, so a search asks "carries one of these terms"
-- on the same rows it already reads.
alter table directory_search_entries
  add column term_ids uuid[] not null default '{}',
  add column languages text[] not null default '{}';

create index directory_search_entries_terms on directory_search_entries using gin (term_ids) where public;
create index directory_search_entries_languages on directory_search_entries using gin (languages) where public;

-- The terms of one service, again from its links (runs with the rights of whoever changes them).
create function directory_search_entries_terms_follow()
returns trigger
language plpgsql
set search_path = public, pg_temp
as $$
declare
  service uuid;
begin
  foreach service in array array_remove(array[
    case when tg_op <> 'INSERT' and old.link_type = 'service' then old.link_id end,
    case when tg_op <> 'DELETE' and new.link_type = 'service' then new.link_id end], null)
  loop
    update directory_search_entries e
    set term_ids = coalesce((select array_agg(distinct a.taxonomy_term_id) from directory_attributes a
                             where a.tenant_id = e.tenant_id and a.link_type = 'service' and a.link_id = e.id), '{}')
    where e.id = service;
  end loop;
  return null;
end;
$$;

create trigger directory_search_entries_terms_follow
  after insert or update or delete on directory_attributes
  for each row execute function directory_search_entries_terms_follow();

-- The languages of one service, again from its language rows.
create function directory_search_entries_languages_follow()
returns trigger
language plpgsql
set search_path = public, pg_temp
as $$
declare
  service uuid;
begin
  foreach service in array array_remove(array[
    case when tg_op <> 'INSERT' then old.service_id end,
    case when tg_op <> 'DELETE' then new.service_id end], null)
  loop
    update directory_search_entries e
    set languages = coalesce((select array_agg(distinct lg.code) from directory_languages lg
                              where lg.tenant_id = e.tenant_id and lg.service_id = e.id and lg.code is not null), '{}')
    where e.id = service;
  end loop;
  return null;
end;
$$;

create trigger directory_search_entries_languages_follow
  after insert or update or delete on directory_languages
  for each row execute function directory_search_entries_languages_follow();

-- A service's copy is made when the service is made (migration 0021); its terms and languages
-- are usually linked afterwards, but when they already exist the copy takes them at once.
create or replace function directory_search_entries_follow()
returns trigger
language plpgsql
set search_path = public, pg_temp
as $$
begin
  insert into directory_search_entries (id, tenant_id, public, is_free, name_key, search_vector, term_ids, languages)
  values (new.id, new.tenant_id, new.review_status = 'published' and new.status = 'active', new.is_free, lower(new.name), new.search_vector,
    coalesce((select array_agg(distinct a.taxonomy_term_id) from directory_attributes a
              where a.tenant_id = new.tenant_id and a.link_type = 'service' and a.link_id = new.id), '{}'),
    coalesce((select array_agg(distinct lg.code) from directory_languages lg
              where lg.tenant_id = new.tenant_id and lg.service_id = new.id and lg.code is not null), '{}'))
  on conflict (id) do update set tenant_id = excluded.tenant_id, public = excluded.public, is_free = excluded.is_free,
    name_key = excluded.name_key, search_vector = excluded.search_vector;
  return null;
end;
$$;

-- The services there are already, municipality by municipality (row-level security applies to
-- the table owner too), restoring the caller's tenant setting.
do $$
declare
  previous text := current_setting('naaste.tenant_id', true);
  t record;
begin
  for t in select id from municipalities loop
    perform set_config('naaste.tenant_id', t.id::text, true);
    update directory_search_entries e set term_ids = x.ids
    from (select a.link_id, array_agg(distinct a.taxonomy_term_id) as ids from directory_attributes a
          where a.tenant_id = t.id and a.link_type = 'service' group by a.link_id) x
    where e.id = x.link_id and e.tenant_id = t.id;
    update directory_search_entries e set languages = x.codes
    from (select lg.service_id, array_agg(distinct lg.code) as codes from directory_languages lg
          where lg.tenant_id = t.id and lg.service_id is not null and lg.code is not null group by lg.service_id) x
    where e.id = x.service_id and e.tenant_id = t.id;
  end loop;
  perform set_config('naaste.tenant_id', coalesce(previous, ''), true);
end
$$;
