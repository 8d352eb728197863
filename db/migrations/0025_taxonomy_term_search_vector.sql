-- Social map search at scale (issue 5). Every search with words matches them against the names,
-- English names and keywords of the taxonomy terms, to find the services carrying a term the
-- words name. The terms' vectors were made again for every search (unaccent and two stemmers
-- over every term, about 2-3 ms); they are now stored with each term and kept by PostgreSQL.
--
-- unaccent() is not marked immutable (its dictionary could be changed), so a stored column
-- cannot call it; with the dictionary named, as here, the result depends only on the text. After
-- a change to the unaccent dictionary, `update taxonomy_terms set name = name` refreshes the column.
create function naaste_unaccent(value text)
returns text
language sql immutable parallel safe strict
set search_path = public, pg_temp
as $$ select unaccent('unaccent'::regdictionary, value) $$;

alter table taxonomy_terms add column search_vector tsvector generated always as (
  to_tsvector('dutch'::regconfig, lower(naaste_unaccent(coalesce(name, '') || ' ' || coalesce(name_en, '') || ' ' || coalesce(keywords, ''))))
  || to_tsvector('english'::regconfig, lower(naaste_unaccent(coalesce(name, '') || ' ' || coalesce(name_en, '') || ' ' || coalesce(keywords, ''))))
) stored;
