-- Money going out of an activity: expense claims (a receipt the member paid, or a trip paid by the
-- mileage scale) and supplier invoices, approved by an adviser, posted to the ledger on approval,
-- then paid by the cooperative in a payout batch (a SEPA credit-transfer file).
--
-- Receipts are kept in the database (bytea), never on disk under the name the browser gave: their
-- type is the one found in their bytes, and they are served back only through the API, to those who
-- may see the expense, as an attachment.

create sequence expense_number_seq;

create table expenses (
  id uuid primary key default gen_random_uuid(),
  -- NDF-000042: the piece reference of a claim in the books (supplier invoices keep their own number).
  reference text not null unique,
  entity_id uuid not null references legal_entities (id),
  activity_id uuid not null,
  kind text not null check (kind in ('receipt', 'mileage', 'supplier_invoice')),
  -- The member who paid and is reimbursed (expense claims); null for supplier invoices.
  member_id uuid references members (id),
  status text not null default 'draft'
    check (status in ('draft', 'submitted', 'rejected', 'approved', 'paid')),
  expense_date date not null,
  category text not null check (category ~ '^[a-z_]{2,30}$'),
  label text not null check (length(label) between 1 and 200),
  supplier_name text check (length(supplier_name) between 1 and 120),
  amount_excl_vat_cents bigint not null check (amount_excl_vat_cents >= 0),
  vat_cents bigint not null check (vat_cents >= 0),
  amount_incl_vat_cents bigint not null check (amount_incl_vat_cents > 0),
  -- Only an invoice made out to the cooperative gives a right to deduct VAT (CGI art. 271 II).
  invoice_to_coop boolean not null default false,
  deductible_vat_cents bigint not null default 0 check (deductible_vat_cents between 0 and vat_cents),
  -- Mileage: the vehicle, the trip, and the year's distance already claimed before this trip.
  vehicle_kind text check (vehicle_kind in ('car', 'motorcycle')),
  fiscal_cv integer check (fiscal_cv between 1 and 50),
  electric boolean,
  distance_km integer check (distance_km between 1 and 100000),
  km_before integer check (km_before >= 0),
  trip_from text check (length(trip_from) between 1 and 120),
  trip_to text check (length(trip_to) between 1 and 120),
  -- Supplier invoices: their number, due date, and where to pay them.
  supplier_siren char(9) check (supplier_siren ~ '^[0-9]{9}$'),
  supplier_invoice_number text check (length(supplier_invoice_number) between 1 and 40),
  due_date date,
  supplier_iban text check (supplier_iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
  supplier_bic text check (supplier_bic ~ '^[A-Z0-9]{8}([A-Z0-9]{3})?$'),
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  submitted_at timestamptz,
  decided_by text,
  decided_at timestamptz,
  decision_comment text not null default '' check (length(decision_comment) <= 1000),
  journal_entry_id uuid references journal_entries (id),
  paid_at timestamptz,
  foreign key (activity_id, entity_id) references activities (id, entity_id),
  check (amount_excl_vat_cents + vat_cents = amount_incl_vat_cents),
  check ((kind = 'supplier_invoice') = (member_id is null)),
  check (kind <> 'mileage' or (vehicle_kind is not null and fiscal_cv is not null and electric is not null
    and distance_km is not null and trip_from is not null and trip_to is not null and vat_cents = 0)),
  check (kind <> 'supplier_invoice' or (supplier_name is not null and supplier_invoice_number is not null
    and due_date is not null and supplier_iban is not null)),
  check ((status in ('approved', 'paid')) = (journal_entry_id is not null)),
  check ((status = 'paid') = (paid_at is not null))
);
create index expenses_activity_idx on expenses (activity_id, expense_date desc);
create index expenses_status_idx on expenses (status, submitted_at);
create index expenses_member_mileage_idx on expenses (member_id, expense_date) where kind = 'mileage';

create table expense_receipts (
  expense_id uuid primary key references expenses (id) on delete cascade,
  -- The type found in the bytes (sniffReceipt), never the one the browser claimed.
  content_type text not null
    check (content_type in ('application/pdf', 'image/jpeg', 'image/png', 'image/webp', 'image/heic')),
  file_name text not null check (length(file_name) between 1 and 120),
  size_bytes integer not null check (size_bytes between 1 and 10485760),
  sha256 char(64) not null,
  content bytea not null,
  uploaded_by text not null,
  uploaded_at timestamptz not null default now()
);

create table payout_batches (
  id uuid primary key default gen_random_uuid(),
  entity_id uuid not null references legal_entities (id),
  status text not null default 'open' check (status in ('open', 'executed')),
  -- The account the transfers leave from (the debtor of the SEPA file).
  debtor_name text not null check (length(debtor_name) between 1 and 70),
  debtor_iban text not null check (debtor_iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
  debtor_bic text not null check (debtor_bic ~ '^[A-Z0-9]{8}([A-Z0-9]{3})?$'),
  execution_date date not null,
  total_cents bigint not null check (total_cents > 0),
  created_by text not null,
  created_at timestamptz not null default now(),
  executed_by text,
  executed_at timestamptz,
  journal_entry_id uuid references journal_entries (id),
  check ((status = 'executed') = (journal_entry_id is not null and executed_at is not null))
);

create table payout_items (
  batch_id uuid not null references payout_batches (id),
  expense_id uuid not null references expenses (id),
  amount_cents bigint not null check (amount_cents > 0),
  primary key (batch_id, expense_id)
);
-- An expense is paid by one batch only: batches are never cancelled, so one row per expense.
create unique index payout_items_expense_key on payout_items (expense_id);
