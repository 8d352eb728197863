-- Reactions on the website itself ("Reactie of vraag"), including reports of accessibility
-- problems, which the accessibility statement must offer a route for. Not tenant-owned: they are
-- about Naaste, not about a municipality's residents. An email address is kept only when someone
-- gives one to get an answer; messages are removed after twelve months (purge_feedback).
create table feedback (
  id uuid primary key default gen_random_uuid(),
  topic text not null check (topic in ('question', 'problem', 'accessibility', 'idea')),
  message text not null check (length(message) between 1 and 4000),
  email text check (email is null or length(email) <= 254),
  page text check (page is null or length(page) <= 500),
  locale text not null check (locale in ('nl', 'en')),
  created_at timestamptz not null default now()
);

create index feedback_created on feedback (created_at);

grant select, insert, delete on feedback to naaste_app;
