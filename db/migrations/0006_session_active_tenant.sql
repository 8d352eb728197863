-- A session's chosen municipality is where the person works now, not who owns the row: the
-- column is renamed so that "tenant_id" always means a tenant-owned row under row-level security.
alter table sessions rename column tenant_id to active_tenant_id;
