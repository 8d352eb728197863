-- Privacy rights (X3): where a person's data lives, a guardian's confirmation on a child's consent,
-- and the mark of an erased account.

-- A resident under 16 who agrees online needs a parent or guardian (UAVG art. 5): their name and
-- the moment they confirmed are kept with the consent as evidence.
alter table consents add column guardian_confirmed_at timestamptz;
alter table consents add constraint consents_guardian_confirmed check (guardian_name is null or guardian_confirmed_at is not null);

-- An erased account stays as an anonymous row: access-log lines (kept at least 5 years under
-- NEN 7513) and withdrawn consents still point at its id, but nothing in it names the person.
alter table accounts add column erased_at timestamptz;

-- The municipalities that hold anything about one person: memberships, consents or access-log
-- lines. All three are tenant-owned under row-level security, so the function visits each
-- municipality with that municipality as the tenant context (as the app would by itself), using
-- the per-tenant indexes, and restores the caller's context. Caller's rights, no SECURITY DEFINER.
-- Every municipality is visited, not only active ones: a network that stopped still has its log.
create function person_tenants(p_person uuid)
returns table (tenant_id uuid, municipality_code text, municipality_name text)
language plpgsql volatile
set search_path = public, pg_temp
as $$
declare
  previous text := current_setting('naaste.tenant_id', true);
  t record;
begin
  for t in select id, code, name from municipalities order by name loop
    perform set_config('naaste.tenant_id', t.id::text, true);
    if exists (select 1 from memberships m where m.tenant_id = t.id and m.account_id = p_person)
       or exists (select 1 from consents c where c.tenant_id = t.id and c.person_id = p_person)
       or exists (select 1 from access_log l where l.tenant_id = t.id and l.person_id = p_person) then
      tenant_id := t.id;
      municipality_code := t.code;
      municipality_name := t.name;
      return next;
    end if;
  end loop;
  perform set_config('naaste.tenant_id', coalesce(previous, ''), true);
end;
$$;

grant execute on function person_tenants(uuid) to naaste_app;
