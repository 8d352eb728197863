-- Social map search at scale (issue 5), nearest first. A circle around a place is found through
-- the locations in its bounding box; each location was then looked up in
-- directory_service_at_locations to learn its services (about 15 ms for the 4,000 locations in a
-- 3 km box at 100,000 services). This table holds the point of each service at a location that
-- has coordinates of its own, with the service, so that a box gives its services from one index.
-- Locations placed only by their postcode area are still found through postcode_areas (few, and
-- that table may be reloaded). Kept by triggers on directory_service_at_locations and
-- directory_locations, with the rights of whoever changes them. Comparisons of numbers and uuids
-- are leakproof, so this table keeps forced row-level security and its index is used under it.
create table directory_search_points (
  service_id uuid not null references directory_services (id) on delete cascade,
  location_id uuid not null references directory_locations (id) on delete cascade,
  tenant_id uuid not null references municipalities (id),
  latitude double precision not null,
  longitude double precision not null,
  primary key (service_id, location_id)
);
create index directory_search_points_box on directory_search_points (tenant_id, latitude, longitude) include (service_id);
create index directory_search_points_location on directory_search_points (location_id);

alter table directory_search_points enable row level security;
alter table directory_search_points force row level security;
create policy tenant_isolation on directory_search_points using (tenant_id = current_tenant_id()) with check (tenant_id = current_tenant_id());
grant select, insert, update, delete on directory_search_points to naaste_app;

-- A service placed at a location, moved or removed.
create function directory_search_points_follow_link()
returns trigger
language plpgsql
set search_path = public, pg_temp
as $$
begin
  if tg_op <> 'INSERT' then
    delete from directory_search_points p where p.service_id = old.service_id and p.location_id = old.location_id;
  end if;
  if tg_op <> 'DELETE' then
    insert into directory_search_points (service_id, location_id, tenant_id, latitude, longitude)
    select new.service_id, l.id, new.tenant_id, l.latitude, l.longitude
    from directory_locations l
    where l.id = new.location_id and l.latitude is not null and l.longitude is not null
    on conflict (service_id, location_id) do update set latitude = excluded.latitude, longitude = excluded.longitude;
  end if;
  return null;
end;
$$;

create trigger directory_search_points_follow_link
  after insert or update or delete on directory_service_at_locations
  for each row execute function directory_search_points_follow_link();

-- A location's coordinates set, changed or cleared: the points of every service there follow.
create function directory_search_points_follow_location()
returns trigger
language plpgsql
set search_path = public, pg_temp
as $$
begin
  delete from directory_search_points p where p.location_id = new.id;
  if new.latitude is not null and new.longitude is not null then
    insert into directory_search_points (service_id, location_id, tenant_id, latitude, longitude)
    select sal.service_id, new.id, new.tenant_id, new.latitude, new.longitude
    from directory_service_at_locations sal
    where sal.tenant_id = new.tenant_id and sal.location_id = new.id
    on conflict (service_id, location_id) do update set latitude = excluded.latitude, longitude = excluded.longitude;
  end if;
  return null;
end;
$$;

create trigger directory_search_points_follow_location
  after update of latitude, longitude on directory_locations
  for each row execute function directory_search_points_follow_location();

-- The services placed already, municipality by municipality (row-level security applies to the
-- owner too), restoring the caller's tenant setting.
do $$
declare
  previous text := current_setting('naaste.tenant_id', true);
  t record;
begin
  for t in select id from municipalities loop
    perform set_config('naaste.tenant_id', t.id::text, true);
    insert into directory_search_points (service_id, location_id, tenant_id, latitude, longitude)
    select sal.service_id, l.id, t.id, l.latitude, l.longitude
    from directory_service_at_locations sal join directory_locations l on l.id = sal.location_id
    where sal.tenant_id = t.id and l.latitude is not null and l.longitude is not null
    on conflict do nothing;
  end loop;
  perform set_config('naaste.tenant_id', coalesce(previous, ''), true);
end
$$;
