-- Guarantee fund (fonds de garantie salariale) and advances/loans to activities (ADR 0016).
-- The fund's money lives in the ledger (973 inflows, 962/972 covers, 974 losses); these tables say
-- which cover belongs to which salary and invoice, which payment released it, and which invoice was
-- declared irrecoverable — each at most once, by construction.

create table guarantee_settings (
  entity_id uuid primary key references legal_entities (id),
  enabled boolean not null default true,
  max_per_member_cents bigint not null check (max_per_member_cents >= 0),
  max_per_client_cents bigint not null check (max_per_client_cents >= 0),
  max_invoice_age_days integer not null check (max_invoice_age_days between 0 and 3650),
  -- A policy that would promise more than the fund holds (> 100 %) is refused.
  max_exposure_bp integer not null check (max_exposure_bp between 0 and 10000),
  delay_working_days integer not null check (delay_working_days between 0 and 60),
  updated_by text not null,
  updated_at timestamptz not null default now()
);

create table guarantee_covers (
  id uuid primary key default gen_random_uuid(),
  entity_id uuid not null references legal_entities (id),
  activity_id uuid not null references activities (id),
  member_id uuid not null references members (id),
  salary_request_id uuid references salary_requests (id),
  document_id uuid not null references sales_documents (id),
  client_id uuid not null references clients (id),
  amount_cents bigint not null check (amount_cents > 0),
  released_cents bigint not null default 0 check (released_cents >= 0),
  status text not null default 'active' check (status in ('active', 'released', 'absorbed', 'cancelled')),
  granted_on date not null,
  payable_on date not null,
  closed_on date,
  reasons jsonb not null default '[]',
  -- ANA: debit 962 (entity) / credit 972 (the activity).
  entry_id uuid not null unique references journal_entries (id),
  created_by text not null,
  created_at timestamptz not null default now(),
  check (released_cents <= amount_cents),
  check ((status = 'active') = (closed_on is null)),
  check (status <> 'released' or released_cents = amount_cents)
);
create index guarantee_covers_open_idx on guarantee_covers (entity_id, status);
create index guarantee_covers_document_idx on guarantee_covers (document_id);
create index guarantee_covers_request_idx on guarantee_covers (salary_request_id);

create table guarantee_releases (
  id uuid primary key default gen_random_uuid(),
  cover_id uuid not null references guarantee_covers (id),
  kind text not null check (kind in ('payment', 'cancel')),
  payment_id uuid references payments (id),
  amount_cents bigint not null check (amount_cents > 0),
  released_on date not null,
  -- ANA: debit 972 (the activity) / credit 962 (entity).
  entry_id uuid not null references journal_entries (id),
  created_at timestamptz not null default now(),
  check ((kind = 'payment') = (payment_id is not null)),
  -- A payment releases a cover once, whatever retries or concurrent runs do; a cover is cancelled once.
  constraint guarantee_releases_payment_key unique (cover_id, payment_id)
);
create unique index guarantee_releases_cancel_key on guarantee_releases (cover_id) where kind = 'cancel';

create table guarantee_write_offs (
  id uuid primary key default gen_random_uuid(),
  entity_id uuid not null references legal_entities (id),
  -- An invoice is declared irrecoverable once.
  document_id uuid not null unique references sales_documents (id),
  activity_id uuid not null references activities (id),
  declared_on date not null,
  reason text not null,
  outstanding_cents bigint not null check (outstanding_cents > 0),
  loss_excl_vat_cents bigint not null check (loss_excl_vat_cents >= 0),
  vat_cents bigint not null check (vat_cents >= 0),
  from_covers_cents bigint not null check (from_covers_cents >= 0),
  extra_cents bigint not null check (extra_cents >= 0),
  activity_loss_cents bigint not null check (activity_loss_cents >= 0),
  -- OD: credit 416/411, debit 654 and the VAT that never fell due; the fund's ANA entry when it pays.
  loss_entry_id uuid not null references journal_entries (id),
  fund_entry_id uuid references journal_entries (id),
  declared_by text not null,
  created_at timestamptz not null default now(),
  check (outstanding_cents = loss_excl_vat_cents + vat_cents),
  check (from_covers_cents + extra_cents + activity_loss_cents = loss_excl_vat_cents)
);

create table advances (
  id uuid primary key default gen_random_uuid(),
  entity_id uuid not null references legal_entities (id),
  activity_id uuid not null references activities (id),
  member_id uuid not null references members (id),
  kind text not null check (kind in ('advance', 'loan')),
  purpose text not null,
  amount_cents bigint not null check (amount_cents > 0),
  repayment text not null check (repayment in ('schedule', 'revenue')),
  instalments integer check (instalments between 1 and 60),
  first_due_on date,
  revenue_share_bp integer check (revenue_share_bp between 1 and 10000),
  file_fee_bp integer check (file_fee_bp between 0 and 10000),
  file_fee_cents bigint check (file_fee_cents >= 0),
  status text not null default 'requested' check (status in ('requested', 'refused', 'active', 'repaid')),
  comment text not null default '',
  requested_by text not null,
  requested_at timestamptz not null default now(),
  decided_by text,
  decided_at timestamptz,
  -- ANA: debit 966 (entity) / credit 976 (the activity); the file fee debit 967 / credit 977.
  disbursement_entry_id uuid references journal_entries (id),
  repaid_cents bigint not null default 0 check (repaid_cents >= 0),
  check (repaid_cents <= amount_cents),
  check ((repayment = 'schedule') = (instalments is not null)),
  check ((repayment = 'revenue') = (revenue_share_bp is not null)),
  check ((status in ('active', 'repaid')) = (disbursement_entry_id is not null))
);
create index advances_activity_idx on advances (activity_id, status);
create index advances_status_idx on advances (status, entity_id);

create table advance_instalments (
  advance_id uuid not null references advances (id),
  seq integer not null check (seq >= 1),
  due_on date not null,
  amount_cents bigint not null check (amount_cents > 0),
  repaid_on date,
  primary key (advance_id, seq)
);

create table advance_repayments (
  id uuid primary key default gen_random_uuid(),
  advance_id uuid not null references advances (id),
  source text not null check (source in ('instalment', 'revenue')),
  instalment_seq integer,
  payment_id uuid references payments (id),
  amount_cents bigint not null check (amount_cents > 0),
  repaid_on date not null,
  -- ANA: debit 976 (the activity) / credit 966 (entity).
  entry_id uuid not null references journal_entries (id),
  created_at timestamptz not null default now(),
  check ((source = 'instalment') = (instalment_seq is not null)),
  check ((source = 'revenue') = (payment_id is not null)),
  -- Each instalment is repaid once; each client payment repays an advance once (retries add nothing).
  constraint advance_repayments_instalment_key unique (advance_id, instalment_seq),
  constraint advance_repayments_payment_key unique (advance_id, payment_id)
);

-- Entities created before this migration get the new accounts (new ones take them from the chart).
insert into ledger_accounts (entity_id, number, label)
select e.id, v.number, v.label
from legal_entities e
cross join (values
  ('654', 'Pertes sur créances irrécouvrables'),
  ('974', 'Fonds de garantie – pertes absorbées'),
  ('966', 'Avances et prêts aux activités – part de la coopérative'),
  ('976', 'Avances et prêts aux activités – part des activités'),
  ('967', 'Frais de dossier d’avance – part des activités'),
  ('977', 'Frais de dossier d’avance – part de la coopérative')
) as v (number, label)
where exists (select 1 from ledger_accounts a where a.entity_id = e.id)
  and not exists (select 1 from ledger_accounts a where a.entity_id = e.id and a.number = v.number);
