-- Treasury: the entities' bank accounts, the statements imported for them (the raw file kept), their
-- lines (each once, whatever the number of overlapping imports), and client payments with what they
-- settle. A payment posts 512 / 411 in the same transaction; a statement line is matched to at most
-- one payment.

create table bank_accounts (
  id uuid primary key default gen_random_uuid(),
  entity_id uuid not null references legal_entities (id),
  label text not null check (length(label) between 1 and 120),
  iban text not null unique check (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
  bic text check (bic is null or bic ~ '^[A-Z0-9]{8}([A-Z0-9]{3})?$'),
  -- The general-ledger account that mirrors it (512 or a sub-account).
  ledger_account text not null default '512' check (ledger_account ~ '^5[0-9]{2,7}$'),
  -- The account printed on invoices for clients to pay into (one per entity).
  for_invoices boolean not null default false,
  active boolean not null default true,
  created_at timestamptz not null default now()
);
create index bank_accounts_entity_idx on bank_accounts (entity_id);
create unique index bank_accounts_for_invoices_key on bank_accounts (entity_id) where for_invoices;

create table bank_statement_imports (
  id uuid primary key default gen_random_uuid(),
  bank_account_id uuid not null references bank_accounts (id),
  format text not null check (format in ('camt053', 'ofx', 'csv')),
  file_name text not null,
  -- The file as received, kept for audit; its digest tells a file imported twice.
  raw bytea not null,
  sha256 char(64) not null,
  from_date date,
  to_date date,
  closing_balance_cents bigint,
  line_count integer not null check (line_count >= 0),
  new_line_count integer not null check (new_line_count >= 0),
  imported_by text not null,
  imported_at timestamptz not null default now()
);
create index bank_statement_imports_account_idx on bank_statement_imports (bank_account_id, imported_at);

create table bank_statement_lines (
  id uuid primary key default gen_random_uuid(),
  bank_account_id uuid not null references bank_accounts (id),
  import_id uuid not null references bank_statement_imports (id),
  booking_date date not null,
  value_date date,
  amount_cents bigint not null check (amount_cents <> 0),
  label text not null,
  counterparty_name text,
  counterparty_iban text,
  remittance text,
  end_to_end_id text,
  bank_reference text,
  fingerprint text not null,
  status text not null default 'unmatched' check (status in ('unmatched', 'matched', 'ignored')),
  payment_id uuid,
  decided_by text,
  decided_at timestamptz,
  -- Re-importing a file, or an overlapping one, adds nothing.
  constraint bank_statement_lines_fingerprint_key unique (bank_account_id, fingerprint),
  check ((status = 'matched') = (payment_id is not null))
);
create index bank_statement_lines_queue_idx on bank_statement_lines (bank_account_id, status, booking_date);

create table payments (
  id uuid primary key default gen_random_uuid(),
  entity_id uuid not null references legal_entities (id),
  client_id uuid not null references clients (id),
  bank_account_id uuid not null references bank_accounts (id),
  payment_date date not null,
  amount_cents bigint not null check (amount_cents > 0),
  method text not null check (method in ('transfer', 'cheque', 'card', 'cash', 'direct_debit')),
  reference text not null default '',
  -- What was not allocated to an invoice stays as client credit (4191).
  unallocated_cents bigint not null check (unallocated_cents >= 0 and unallocated_cents <= amount_cents),
  statement_line_id uuid unique references bank_statement_lines (id),
  journal_entry_id uuid not null references journal_entries (id),
  created_by text not null,
  created_at timestamptz not null default now()
);
create index payments_client_idx on payments (client_id, payment_date);

alter table bank_statement_lines
  add constraint bank_statement_lines_payment_fk foreign key (payment_id) references payments (id);

create table payment_allocations (
  payment_id uuid not null references payments (id),
  document_id uuid not null references sales_documents (id),
  amount_cents bigint not null check (amount_cents > 0),
  -- The VAT moved from 44580 (awaiting collection) to 44571 by this part of the payment.
  vat_cents bigint not null check (vat_cents >= 0),
  primary key (payment_id, document_id)
);
create index payment_allocations_document_idx on payment_allocations (document_id);
