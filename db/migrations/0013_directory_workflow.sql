-- Keeping the social map current (C2, docs/decisions/0019): an editor role for organisations,
-- indexes for the review queue, the freshness overview and the reminder sweep, and a way for the
-- public "this is not right" form to find the municipality of a published entry.

-- An organisation's editor of its own social-map entries, without the right to manage its staff.
alter table memberships drop constraint memberships_roles_check;
alter table memberships add constraint memberships_roles_check check (
  cardinality(roles) >= 1 and roles <@ array[
    'caregiver', 'volunteer', 'generalist', 'supportConsultant', 'volunteerCoordinator', 'directoryEditor',
    'networkCoordinator', 'policyOfficer', 'organisationAdmin', 'municipalityAdmin'
  ]::text[]);

-- The coordinator's queue: new entries and changes waiting for review, oldest first.
create index directory_services_review_queue on directory_services (tenant_id, last_modified, id)
  where review_status = 'pending' or pending_change is not null;
-- Freshness: published entries by the date they were last checked (reminders and the overview).
create index directory_services_assured on directory_services (tenant_id, assured_date)
  where review_status = 'published';
-- An organisation's own entries (the owner's list) go through its directory organisations.
create index directory_organizations_owner on directory_organizations (tenant_id, owner_organisation_id);
-- Reports per entry, newest first, for the owner's list (open and handled).
create index directory_reports_service on directory_reports (tenant_id, service_id, created_at desc);

-- The municipality of a published entry, for the public report form (/sociale-kaart/diensten/:id/
-- melden), which has no municipality in its address. Like account_memberships (0008) it visits
-- each active municipality in turn as the tenant context, with the caller's rights (no SECURITY
-- DEFINER), and restores the caller's context: it finds nothing the app role could not find by
-- setting the context itself, and only entries that are public anyway.
create function directory_published_service_tenant(p_service uuid)
returns uuid
language plpgsql volatile
set search_path = public, pg_temp
as $$
declare
  previous text := current_setting('naaste.tenant_id', true);
  t record;
  found uuid;
begin
  for t in select id from municipalities where active loop
    perform set_config('naaste.tenant_id', t.id::text, true);
    select s.tenant_id into found from directory_services s
      where s.id = p_service and s.review_status = 'published' and s.status = 'active';
    exit when found is not null;
  end loop;
  perform set_config('naaste.tenant_id', coalesce(previous, ''), true);
  return found;
end;
$$;

grant execute on function directory_published_service_tenant(uuid) to naaste_app;
