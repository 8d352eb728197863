-- Keeping the social map current (C2, docs/decisions/0019): an editor role for organisations and
-- indexes for the review queue, the freshness overview, the reminder sweep and the owner's reports.

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
