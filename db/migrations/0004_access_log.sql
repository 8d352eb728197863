-- The access log (NEN 7513): one line for every create, read, update, delete, export, print and
-- search involving a person's data, written in the same transaction as the access itself.
-- Append-only for the app: naaste_app may insert and select, never update or delete, and a
-- trigger refuses changes from anyone else too. Each line carries the hash of the previous line
-- of its tenant, so a changed or removed line breaks the chain (see `access-log:verify`).

create table access_log (
  id bigint generated always as identity primary key,
  tenant_id uuid not null references municipalities (id),
  seq bigint not null,
  occurred_at timestamptz not null,
  event_code text not null check (event_code ~ '^[a-z][a-zA-Z]*(\.[a-z][a-zA-Z]*)+$'),
  action text not null check (action in ('create', 'read', 'update', 'delete', 'export', 'print', 'search')),
  outcome text not null check (outcome in ('success', 'denied', 'failure')),
  person_id uuid,
  user_id uuid,
  on_behalf_of uuid,
  role text,
  purpose text,
  organisation_id uuid,
  access_point_ip text,
  user_agent text check (length(user_agent) <= 500),
  record_part text,
  prev_hash text not null,
  hash text not null,
  unique (tenant_id, seq)
);

create index access_log_person on access_log (tenant_id, person_id, occurred_at desc);
create index access_log_user on access_log (tenant_id, user_id, occurred_at desc);
create index access_log_time on access_log (tenant_id, occurred_at);

alter table access_log enable row level security;
alter table access_log force row level security;
create policy tenant_isolation on access_log
  using (tenant_id = current_tenant_id())
  with check (tenant_id = current_tenant_id());

grant select, insert on access_log to naaste_app;

create function access_log_is_append_only() returns trigger
  language plpgsql
  as $$
begin
  raise exception 'the access log is append-only';
end
$$;

create trigger access_log_append_only
  before update or delete or truncate on access_log
  for each statement execute function access_log_is_append_only();

-- The newest line of each tenant's chain. Its seq only ever goes up by one, so removing lines
-- at the end of the log (which a chain alone cannot show) leaves a gap the verifier reports.
create table access_log_heads (
  tenant_id uuid primary key references municipalities (id),
  seq bigint not null check (seq >= 0),
  hash text not null
);

alter table access_log_heads enable row level security;
alter table access_log_heads force row level security;
create policy tenant_isolation on access_log_heads
  using (tenant_id = current_tenant_id())
  with check (tenant_id = current_tenant_id());

grant select, insert, update on access_log_heads to naaste_app;

create function access_log_head_moves_forward() returns trigger
  language plpgsql
  as $$
begin
  if new.seq <> old.seq + 1 or new.tenant_id <> old.tenant_id then
    raise exception 'the access log head only moves forward one line at a time';
  end if;
  return new;
end
$$;

create trigger access_log_head_forward
  before update on access_log_heads
  for each row execute function access_log_head_moves_forward();

create trigger access_log_heads_no_delete
  before delete or truncate on access_log_heads
  for each statement execute function access_log_is_append_only();
