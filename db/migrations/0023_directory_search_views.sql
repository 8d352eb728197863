-- Social map search at scale (issue 5), measured on 100,000 services.
--
-- Under row-level security PostgreSQL uses an index for a condition only when the condition's
-- operator is leakproof (it could otherwise reveal rows of another tenant before the policy has
-- filtered them). The full-text match (@@), array overlap (&&, @>) and trigram similarity (%) are
-- not leakproof, so for the app role every search step read the whole table (70-90 ms a step at
-- 100,000 services) although the GIN indexes were there.
--
-- The two search copies are therefore read through views that carry the tenant condition
-- themselves and run with the owner's rights (ADR 0020):
-- - the tables keep row-level security for the app role, which still writes them (triggers and
--   the vocabulary refresh) under the policy, but it is no longer forced for the owner;
-- - the views show only rows of the current tenant (naaste.tenant_id), and nothing without one;
-- - the app role reads the copies through the views only.
alter table directory_search_entries no force row level security;
alter table directory_search_words no force row level security;

-- What the public may find of the current municipality: published, active services.
create view directory_search_public as
  select e.id, e.tenant_id, e.is_free, e.name_key, e.search_vector, e.term_ids, e.languages
  from directory_search_entries e
  where e.public and e.tenant_id = current_tenant_id();

-- The words of the current municipality's services, for prefixes, weights and typos.
create view directory_search_vocabulary as
  select v.tenant_id, v.word, v.df
  from directory_search_words v
  where v.tenant_id = current_tenant_id();

grant select on directory_search_public to naaste_app;
grant select on directory_search_vocabulary to naaste_app;

-- The term and language indexes of migration 0022 were partial (where public). A partial GIN
-- index can be read without any condition on its column, as a list of all public services, and
-- the planner took that list over combining the word and term indexes. Without the predicate
-- these indexes are read only for a term or language asked for.
drop index directory_search_entries_terms;
drop index directory_search_entries_languages;
create index directory_search_entries_terms on directory_search_entries using gin (term_ids);
create index directory_search_entries_languages on directory_search_entries using gin (languages);
