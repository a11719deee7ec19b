-- The cooperative fee: dated policy versions per entity and activity kind, every fee charged (one row
-- per source, so a retry cannot charge twice), and the direction's budget shares for transparency.

-- What an activity does, for the fee policy (the free-text trade is left as it is).
alter table activities
  add column kind text not null default 'general'
  check (kind in ('general', 'artistic', 'training', 'consulting'));

create table fee_policy_versions (
  id uuid primary key default gen_random_uuid(),
  entity_id uuid not null references legal_entities (id),
  activity_kind text not null check (activity_kind in ('general', 'artistic', 'training', 'consulting')),
  effective_from date not null,
  rate_bp integer not null check (rate_bp between 0 and 10000),
  base text not null check (base in ('invoiced', 'collected')),
  minimum_year_cents bigint check (minimum_year_cents > 0),
  tier_threshold_cents bigint check (tier_threshold_cents > 0),
  reduced_rate_bp integer check (reduced_rate_bp between 0 and 10000),
  -- Share of each fee that feeds the guarantee fund (credited to 973 instead of 971).
  fund_share_bp integer not null default 0 check (fund_share_bp between 0 and 10000),
  note text not null default '',
  created_by text,
  created_at timestamptz not null default now(),
  constraint fee_policy_versions_start_key unique (entity_id, activity_kind, effective_from),
  check ((tier_threshold_cents is null) = (reduced_rate_bp is null))
);

-- A version is never changed: a new one is added from a date to come (planned ones may be withdrawn).
create function fee_policy_versions_frozen() returns trigger language plpgsql as $$
begin
  raise exception 'fee policy versions are never changed; add a new version instead'
    using errcode = 'restrict_violation';
end;
$$;
create trigger fee_policy_versions_no_update before update on fee_policy_versions
  for each row execute function fee_policy_versions_frozen();

-- Every entity has a general policy from its beginning: its rate, charged on revenue invoiced.
create function fee_policy_first_version() returns trigger language plpgsql as $$
begin
  insert into fee_policy_versions (entity_id, activity_kind, effective_from, rate_bp, base, note)
  values (new.id, 'general', date '2000-01-01', new.fee_rate_bp, 'invoiced', '');
  return new;
end;
$$;
create trigger legal_entities_fee_policy after insert on legal_entities
  for each row execute function fee_policy_first_version();

insert into fee_policy_versions (entity_id, activity_kind, effective_from, rate_bp, base, note)
select id, 'general', date '2000-01-01', fee_rate_bp, 'invoiced', '' from legal_entities;

create table fee_charges (
  id uuid primary key default gen_random_uuid(),
  entity_id uuid not null references legal_entities (id),
  activity_id uuid not null references activities (id),
  -- What triggered the charge: an issued sales document, one invoice's part of a payment
  -- ('<payment id>:<invoice id>'), or an activity's year ('<activity id>:<year>') for the minimum.
  source_type text not null check (source_type in ('sales_document', 'payment', 'activity_year')),
  source_id text not null,
  kind text not null check (kind in ('invoice', 'payment', 'credit_note', 'minimum')),
  -- The invoice whose revenue is charged (or given back by a credit note).
  document_id uuid references sales_documents (id),
  policy_version_id uuid references fee_policy_versions (id),
  exception boolean not null default false,
  rate_bp integer not null check (rate_bp between 0 and 10000),
  reduced_rate_bp integer check (reduced_rate_bp between 0 and 10000),
  -- Signed: a credit note's reversal is negative.
  base_cents bigint not null,
  reduced_base_cents bigint not null default 0,
  fee_cents bigint not null,
  fund_cents bigint not null default 0,
  charge_date date not null,
  journal_entry_id uuid references journal_entries (id),
  created_at timestamptz not null default now(),
  constraint fee_charges_source_key unique (source_type, source_id, kind)
);
create index fee_charges_activity_idx on fee_charges (activity_id, charge_date);
create index fee_charges_document_idx on fee_charges (document_id);

-- Fees charged before this table existed (the ANA entries of issued sales documents) are recorded so
-- the year's base and the credit notes to come find them.
insert into fee_charges (
  entity_id, activity_id, source_type, source_id, kind, document_id, rate_bp, base_cents, fee_cents,
  charge_date, journal_entry_id
)
select je.entity_id, d.activity_id, 'sales_document', d.id::text,
  case when d.kind = 'credit_note' then 'credit_note' else 'invoice' end,
  case when d.kind = 'credit_note' then d.invoice_id else d.id end,
  case when d.total_excl_vat_cents > 0
    then least(10000, round(fee.amount * 10000.0 / d.total_excl_vat_cents))::integer else 0 end,
  case when d.kind = 'credit_note' then -d.total_excl_vat_cents else d.total_excl_vat_cents end,
  case when d.kind = 'credit_note' then -fee.amount else fee.amount end,
  je.entry_date, je.id
from journal_entries je
join ledger_journals j on j.id = je.journal_id and j.code = 'ANA'
join sales_documents d on je.source_type = 'sales_document' and d.id::text = je.source_id
cross join lateral (
  select coalesce(abs(sum(l.debit_cents - l.credit_cents)), 0) as amount
  from journal_entry_lines l join ledger_accounts a on a.id = l.account_id
  where l.entry_id = je.id and a.number = '961'
) fee
where je.reverses_entry_id is null;

-- The direction's split of the budget the pooled fees pay for, per entity and year (in basis points,
-- 10,000 in all; the guarantee fund's part comes from the policies' fund share).
create table fee_budget_shares (
  entity_id uuid not null references legal_entities (id),
  year integer not null check (year between 2000 and 2100),
  service text not null check (
    service in ('advisers', 'accounting_payroll', 'insurance_legal', 'tools', 'premises', 'network_life')
  ),
  share_bp integer not null check (share_bp between 0 and 10000),
  note text not null default '',
  updated_by text,
  updated_at timestamptz not null default now(),
  primary key (entity_id, year, service)
);

-- The guarantee fund's share of each fee is credited here (the chart of entities set up from now on
-- has it already).
insert into ledger_accounts (entity_id, number, label)
select e.id, '973', 'Fonds de garantie – dotations'
from legal_entities e
where exists (select 1 from ledger_accounts a where a.entity_id = e.id)
  and not exists (select 1 from ledger_accounts a where a.entity_id = e.id and a.number = '973');
