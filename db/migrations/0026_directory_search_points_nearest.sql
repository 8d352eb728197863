-- Social map search at scale (issue 5), nearest first. Circles around a place (migration 0024)
-- read every service in a box to find the few that match the words: at 100,000 services a 2 km
-- box holds about 2,400 services, of which 20 are needed for a page. A nearest-neighbour index
-- reads the points in order of distance, so the search stops as soon as enough of them match.
--
-- The index orders by a plane distance: longitude is scaled by the cosine of 52 degrees (the
-- middle of the Netherlands), so that a degree east counts about as much as a degree north
-- there. The app (directory.search.ts, NEAREST_LON_SCALE) uses the same factor and trusts the
-- order only up to the radius where that plane distance cannot differ from the distance it shows.
-- The index serves an ORDER BY, not a condition, so the forced row-level security of this table
-- does not keep the planner from using it (measured as the app role). It starts with the
-- municipality (btree_gist, a trusted extension of the standard contrib modules), so that the
-- points of neighbouring municipalities are not read on the way.
--
-- Each point also carries what the filters ask of its service (public, free, terms, languages;
-- copied from directory_search_entries), in the index itself: a filter is checked on the index
-- entry, and only services that pass it are read to check the words.
alter table directory_search_points
  add column position point generated always as (point(longitude * 0.6157, latitude)) stored,
  add column public boolean not null default false,
  add column is_free boolean,
  add column term_ids uuid[] not null default '{}',
  add column languages text[] not null default '{}';

-- Locations placed only by their postcode area (few): read with every nearest-first search.
create index directory_locations_unplaced on directory_locations (tenant_id, pc4) where latitude is null or longitude is null;

-- The boxes of migration 0024 are no longer read.
drop index directory_search_points_box;

-- A point takes its service's filter fields when it is made (functions of migration 0024): the
-- points of a location, for one of its services or for all of them.
create function directory_search_points_place(p_location uuid, p_service uuid)
returns void
language sql
set search_path = public, pg_temp
as $$
  insert into directory_search_points (service_id, location_id, tenant_id, latitude, longitude, public, is_free, term_ids, languages)
  select sal.service_id, l.id, l.tenant_id, l.latitude, l.longitude,
    coalesce(e.public, false), e.is_free, coalesce(e.term_ids, '{}'), coalesce(e.languages, '{}')
  from directory_locations l
  join directory_service_at_locations sal on sal.tenant_id = l.tenant_id and sal.location_id = l.id
  left join directory_search_entries e on e.id = sal.service_id
  where l.id = p_location and (p_service is null or sal.service_id = p_service)
    and l.latitude is not null and l.longitude is not null
  on conflict (service_id, location_id) do update set latitude = excluded.latitude, longitude = excluded.longitude,
    public = excluded.public, is_free = excluded.is_free, term_ids = excluded.term_ids, languages = excluded.languages;
$$;

create or replace function directory_search_points_follow_link()
returns trigger
language plpgsql
set search_path = public, pg_temp
as $$
begin
  if tg_op <> 'INSERT' then
    delete from directory_search_points p where p.service_id = old.service_id and p.location_id = old.location_id;
  end if;
  if tg_op <> 'DELETE' then
    perform directory_search_points_place(new.location_id, new.service_id);
  end if;
  return null;
end;
$$;

create or replace function directory_search_points_follow_location()
returns trigger
language plpgsql
set search_path = public, pg_temp
as $$
begin
  delete from directory_search_points p where p.location_id = new.id;
  perform directory_search_points_place(new.id, null);
  return null;
end;
$$;

-- ...and follows every change to them (the search copy follows the service, its terms and its
-- languages: migrations 0021 and 0022).
create function directory_search_points_follow_entry()
returns trigger
language plpgsql
set search_path = public, pg_temp
as $$
begin
  update directory_search_points p
  set public = new.public, is_free = new.is_free, term_ids = new.term_ids, languages = new.languages
  where p.service_id = new.id
    and (p.public, p.is_free, p.term_ids, p.languages) is distinct from (new.public, new.is_free, new.term_ids, new.languages);
  return null;
end;
$$;

create trigger directory_search_points_follow_entry
  after insert or update of public, is_free, term_ids, languages on directory_search_entries
  for each row execute function directory_search_points_follow_entry();

-- The points there are, municipality by municipality (row-level security applies to the owner
-- too), restoring the caller's tenant setting.
do $$
declare
  previous text := current_setting('naaste.tenant_id', true);
  t record;
begin
  for t in select id from municipalities loop
    perform set_config('naaste.tenant_id', t.id::text, true);
    update directory_search_points p
    set public = e.public, is_free = e.is_free, term_ids = e.term_ids, languages = e.languages
    from directory_search_entries e
    where e.id = p.service_id and p.tenant_id = t.id;
  end loop;
  perform set_config('naaste.tenant_id', coalesce(previous, ''), true);
end
$$;

-- The index last, over the filled table.
create extension if not exists btree_gist schema public;
create index directory_search_points_nearest on directory_search_points using gist (tenant_id, position)
  include (service_id, latitude, longitude, public, is_free, term_ids, languages);
