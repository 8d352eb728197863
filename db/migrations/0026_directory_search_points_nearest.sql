-- Social map search at scale (issue 5), nearest first. Circles around a place (migration 0024)
-- read every service in a box to find the few that match the words: at 100,000 services a 2 km
-- box holds about 2,400 services, of which 40 are needed for a page. A nearest-neighbour index
-- reads the points in order of distance, so the search stops as soon as enough of them match.
--
-- The index orders by a plane distance: longitude is scaled by the cosine of 52 degrees (the
-- middle of the Netherlands), so that a degree east counts about as much as a degree north
-- there. The app (directory.search.ts, NEAREST_LON_SCALE) uses the same factor and trusts the
-- order only up to the radius where that plane distance cannot differ from the distance it shows.
-- The index serves an ORDER BY, not a condition, so the forced row-level security of this table
-- does not keep the planner from using it (measured as the app role).
alter table directory_search_points
  add column position point generated always as (point(longitude * 0.6157, latitude)) stored;
create index directory_search_points_nearest on directory_search_points using gist (position) include (tenant_id, service_id, latitude, longitude);

-- Locations placed only by their postcode area (few): read with every nearest-first search.
create index directory_locations_unplaced on directory_locations (tenant_id, pc4) where latitude is null or longitude is null;

-- The boxes of migration 0024 are no longer read.
drop index directory_search_points_box;
