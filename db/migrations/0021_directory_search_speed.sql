-- Social map search at scale (issue 5): indexes that let the search stop early instead of reading
-- every match of a common word.

-- Matches in the name (Dutch, weight A, and English, weight D) of public services straight from
-- an index: the search takes those before matches elsewhere in the text without reading and
-- rechecking each row.
create index directory_services_public_name_words on directory_services using gin (ts_filter(search_vector, '{a,d}'))
  where review_status = 'published' and status = 'active';

-- Nearest first: the locations within a bounding box around a place.
create index directory_locations_point on directory_locations (tenant_id, latitude, longitude);
