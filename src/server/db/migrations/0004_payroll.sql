-- Salaries: members' employment contracts, their salary requests against an activity's balance,
-- payroll runs per legal entity and month, and the payslips they compute (every figure and every
-- contribution line kept as computed, with the rules version that computed them).

create table employment_contracts (
  id uuid primary key default gen_random_uuid(),
  member_id uuid not null references members (id),
  entity_id uuid not null references legal_entities (id),
  type text not null check (type in ('CDI', 'CDD', 'CDD_USAGE', 'PORTAGE')),
  -- A CAE's entrepreneur-salarié has no working time: the RGDU uses equivalent hours (ADR 0010).
  no_working_time boolean not null default false,
  cadre boolean not null default false,
  part_time_hours_per_week numeric(4, 2) check (part_time_hours_per_week >= 1 and part_time_hours_per_week < 35),
  alsace_moselle boolean not null default false,
  intermittent text check (intermittent in ('artist', 'technician')),
  portage_level text check (portage_level in ('junior', 'senior', 'dayRate')),
  job_title text not null check (length(job_title) between 1 and 120),
  start_date date not null,
  end_date date,
  withholding_rate_bp integer not null default 0 check (withholding_rate_bp between 0 and 10000),
  ruleset_id text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (end_date is null or end_date >= start_date),
  check (type not in ('CDD', 'CDD_USAGE') or end_date is not null),
  check ((type = 'PORTAGE') = (portage_level is not null)),
  check (intermittent is null or type = 'CDD_USAGE'),
  check (not no_working_time or (type = 'CDI' and part_time_hours_per_week is null))
);
create index employment_contracts_member_idx on employment_contracts (member_id, start_date);

create table payroll_runs (
  id uuid primary key default gen_random_uuid(),
  entity_id uuid not null references legal_entities (id),
  period text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  status text not null default 'open' check (status in ('open', 'closed')),
  ruleset_id text not null,
  created_at timestamptz not null default now(),
  created_by text not null,
  closed_at timestamptz,
  closed_by text,
  check ((status = 'closed') = (closed_at is not null))
);
-- One open run per entity and month; requests validated after it closed go to the next one.
create unique index payroll_runs_open_key on payroll_runs (entity_id, period) where status = 'open';

create table salary_requests (
  id uuid primary key default gen_random_uuid(),
  activity_id uuid not null references activities (id),
  member_id uuid not null references members (id),
  entity_id uuid not null references legal_entities (id),
  contract_id uuid not null references employment_contracts (id),
  period text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  amount_kind text not null check (amount_kind in ('employerCost', 'gross', 'net')),
  amount_cents bigint not null check (amount_cents > 0),
  headcount integer not null check (headcount > 0),
  -- What the request holds on the activity's balance until its payslip is posted: the employer
  -- cost of the preview (plus the portage financial reserve).
  reserved_cents bigint not null check (reserved_cents > 0),
  gross_cents bigint not null,
  net_cents bigint not null,
  employer_cost_cents bigint not null,
  status text not null default 'submitted'
    check (status in ('submitted', 'validated', 'returned', 'cancelled', 'paid')),
  comment text check (length(comment) <= 1000),
  decided_at timestamptz,
  decided_by text,
  run_id uuid references payroll_runs (id),
  created_at timestamptz not null default now(),
  created_by text not null,
  updated_at timestamptz not null default now()
);
create index salary_requests_activity_idx on salary_requests (activity_id, status);
create index salary_requests_queue_idx on salary_requests (entity_id, period, status);
create index salary_requests_member_idx on salary_requests (member_id, created_at);

create table payslips (
  id uuid primary key default gen_random_uuid(),
  run_id uuid not null references payroll_runs (id),
  -- A request is paid by one payslip, whatever the number of attempts of its run.
  salary_request_id uuid not null references salary_requests (id),
  member_id uuid not null references members (id),
  activity_id uuid not null references activities (id),
  entity_id uuid not null references legal_entities (id),
  contract_id uuid not null references employment_contracts (id),
  period text not null,
  ruleset_id text not null,
  rules_package text not null,
  rules_version text not null,
  hours_per_month numeric(6, 2) not null,
  gross_cents bigint not null,
  gross_pay_cents bigint not null,
  employee_contributions_cents bigint not null,
  employer_contributions_cents bigint not null,
  rgdu_cents bigint not null,
  net_before_tax_cents bigint not null,
  net_taxable_cents bigint not null,
  withholding_rate_bp integer not null,
  withholding_cents bigint not null,
  net_paid_cents bigint not null,
  employer_cost_cents bigint not null,
  portage_reserve_cents bigint not null default 0,
  ytd_gross_cents bigint not null,
  ytd_net_taxable_cents bigint not null,
  ytd_withholding_cents bigint not null,
  ytd_net_paid_cents bigint not null,
  ytd_employer_cost_cents bigint not null,
  journal_entry_id uuid not null references journal_entries (id),
  computed_at timestamptz not null,
  constraint payslips_request_key unique (salary_request_id)
);
create index payslips_member_idx on payslips (member_id, period);
create index payslips_run_idx on payslips (run_id);

create table payslip_lines (
  payslip_id uuid not null references payslips (id),
  line_no smallint not null check (line_no > 0),
  family text not null,
  code text not null,
  -- Who collects it: URSSAF, the retirement schemes (Agirc-Arrco), or another body; null for pay.
  body text check (body in ('urssaf', 'retirement', 'other')),
  base_cents bigint not null,
  -- Rates in millionths (ppm) of the base: the amount divided by the base, as the payslip prints it.
  employee_rate_ppm integer,
  employee_cents bigint not null default 0,
  employer_rate_ppm integer,
  employer_cents bigint not null default 0,
  primary key (payslip_id, line_no)
);

-- What a payslip says of the employer beyond the legal entity (C. trav. R3243-1): the SIRET of the
-- establishment, its NAF code, the URSSAF it pays to and the collective agreement; and the bank
-- account the net salaries are transferred from (the debtor of the SEPA file).
create table payroll_employers (
  entity_id uuid primary key references legal_entities (id),
  siret char(14) not null check (siret ~ '^[0-9]{14}$'),
  naf_code text not null check (naf_code ~ '^[0-9]{2}\.[0-9]{2}[A-Z]$'),
  urssaf_name text not null check (length(urssaf_name) between 1 and 120),
  urssaf_account text not null check (length(urssaf_account) between 1 and 30),
  collective_agreement text not null default '' check (length(collective_agreement) <= 200),
  bank_iban text not null check (bank_iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
  bank_bic text not null check (bank_bic ~ '^[A-Z0-9]{8}([A-Z0-9]{3})?$'),
  updated_at timestamptz not null default now()
);
