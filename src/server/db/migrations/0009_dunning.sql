-- Dunning: each entity's reminder schedule, what collection decided per invoice (paused, sent to
-- litigation as a doubtful receivable) and every reminder sent, once per invoice and step.

create table dunning_policies (
  entity_id uuid primary key references legal_entities (id),
  -- Days after the due date, increasing: e.g. {7,30,45}.
  steps integer[] not null default '{7,30,45}',
  enabled boolean not null default true,
  updated_at timestamptz not null default now()
);

create table invoice_collections (
  document_id uuid primary key references sales_documents (id),
  paused boolean not null default false,
  pause_reason text not null default '',
  litigation_on date,
  -- 411 → 416 for what was owed when the invoice went to litigation.
  litigation_entry_id uuid references journal_entries (id),
  updated_by text not null,
  updated_at timestamptz not null default now(),
  check ((litigation_on is null) = (litigation_entry_id is null))
);

create table dunning_reminders (
  id uuid primary key default gen_random_uuid(),
  document_id uuid not null references sales_documents (id),
  step integer not null check (step >= 0),
  tone text not null check (tone in ('reminder', 'firm', 'formal_notice')),
  sent_on date not null,
  days_late integer not null check (days_late >= 0),
  outstanding_cents bigint not null check (outstanding_cents >= 0),
  penalty_cents bigint not null check (penalty_cents >= 0),
  indemnity_cents bigint not null check (indemnity_cents >= 0),
  recipient text not null,
  sent_by text not null,
  -- Each step goes once, whatever runs the schedule and however often.
  constraint dunning_reminders_step_key unique (document_id, step)
);
create index dunning_reminders_document_idx on dunning_reminders (document_id, sent_on);
