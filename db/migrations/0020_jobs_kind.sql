-- Recurring jobs look up the last run and the pending run of one kind (src/platform/jobs/queue.ts).
create index jobs_kind_completed on jobs (kind, completed_at);
