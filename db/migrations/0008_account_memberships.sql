-- The memberships of one person across municipalities, for choosing where to work after sign-in.
-- Memberships are tenant-owned under row-level security, so this function visits each active
-- municipality in turn with that municipality as the tenant context (as the app itself would),
-- and restores the caller's context. It runs with the caller's rights (no SECURITY DEFINER):
-- it can see nothing the app role could not see by setting the context itself.
create function account_memberships(p_account uuid)
returns table (tenant_id uuid, municipality_code text, municipality_name text, organisation_id uuid, organisation_name text, roles text[])
language plpgsql volatile
set search_path = public, pg_temp
as $$
declare
  previous text := current_setting('naaste.tenant_id', true);
  t record;
begin
  for t in select id, code, name from municipalities where active order by name loop
    perform set_config('naaste.tenant_id', t.id::text, true);
    return query
      select m.tenant_id, t.code, t.name, m.organisation_id, o.name, m.roles
      from memberships m left join organisations o on o.id = m.organisation_id
      where m.account_id = p_account and m.disabled_at is null
      order by o.name nulls first;
  end loop;
  perform set_config('naaste.tenant_id', coalesce(previous, ''), true);
end;
$$;

grant execute on function account_memberships(uuid) to naaste_app;
