-- The ledger: per legal entity, a chart of accounts, auxiliary accounts, journals, fiscal years and
-- month locks, and the journal entries with their lines. Entries are append-only (a correction is a
-- reversal), balanced (checked at commit by a deferred constraint trigger), numbered without gaps per
-- entity, journal and fiscal year (a counter row updated in the posting transaction), and refused in
-- a closed year or a locked month, here as well as in the code.

-- Lines name an activity of the same entity as their entry.
create unique index activities_id_entity_key on activities (id, entity_id);

create table ledger_accounts (
  id uuid primary key default gen_random_uuid(),
  entity_id uuid not null references legal_entities (id),
  number text not null check (number ~ '^[1-9][0-9]{2,9}$'),
  label text not null check (length(label) between 1 and 120),
  auxiliary_kind text check (auxiliary_kind in ('client', 'member', 'supplier')),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint ledger_accounts_number_key unique (entity_id, number),
  unique (id, entity_id)
);

create table ledger_auxiliary_accounts (
  id uuid primary key default gen_random_uuid(),
  entity_id uuid not null references legal_entities (id),
  kind text not null check (kind in ('client', 'member', 'supplier')),
  code text not null check (code ~ '^[A-Z0-9][A-Z0-9._-]{0,16}$'),
  label text not null,
  client_id uuid references clients (id),
  member_id uuid references members (id),
  created_at timestamptz not null default now(),
  constraint ledger_auxiliary_accounts_code_key unique (entity_id, code),
  constraint ledger_auxiliary_accounts_client_key unique (entity_id, client_id),
  constraint ledger_auxiliary_accounts_member_key unique (entity_id, member_id),
  unique (id, entity_id),
  check ((kind = 'client') = (client_id is not null)),
  check ((kind = 'member') = (member_id is not null))
);

create table ledger_journals (
  id uuid primary key default gen_random_uuid(),
  entity_id uuid not null references legal_entities (id),
  code text not null check (code ~ '^[A-Z][A-Z0-9]{1,5}$'),
  label text not null check (length(label) between 1 and 80),
  kind text not null check (kind in ('sales', 'purchases', 'bank', 'payroll', 'misc', 'opening', 'analytic')),
  created_at timestamptz not null default now(),
  constraint ledger_journals_code_key unique (entity_id, code),
  unique (id, entity_id)
);

create table fiscal_years (
  id uuid primary key default gen_random_uuid(),
  entity_id uuid not null references legal_entities (id),
  code text not null check (code ~ '^[0-9]{4}[A-Z0-9-]{0,8}$'),
  start_date date not null,
  end_date date not null,
  status text not null default 'open' check (status in ('open', 'closed')),
  closed_at timestamptz,
  closed_by text,
  -- The highest entry sequence when the year was closed: nothing of this year may come after it.
  closed_seq bigint,
  created_at timestamptz not null default now(),
  constraint fiscal_years_code_key unique (entity_id, code),
  unique (id, entity_id),
  -- C. com. L123-12: twelve months as a rule; a first or last year may run up to twenty-four.
  check (start_date <= end_date and end_date < (start_date + interval '24 months')::date),
  check ((status = 'closed') = (closed_at is not null and closed_seq is not null))
);

create function fiscal_years_no_overlap() returns trigger language plpgsql as $$
begin
  if exists (
    select 1 from fiscal_years f
    where f.entity_id = new.entity_id and f.id <> new.id
      and f.start_date <= new.end_date and new.start_date <= f.end_date
  ) then
    raise exception 'ledger.fiscal_year_overlap' using errcode = 'CL010';
  end if;
  return new;
end $$;
create trigger fiscal_years_no_overlap before insert or update of start_date, end_date on fiscal_years
  for each row execute function fiscal_years_no_overlap();

create table ledger_period_locks (
  entity_id uuid not null references legal_entities (id),
  month date not null check (extract(day from month) = 1),
  locked_at timestamptz not null,
  locked_by text not null,
  -- The highest entry sequence when the month was locked: nothing dated in it may come after it.
  locked_seq bigint not null,
  primary key (entity_id, month)
);

-- One row per journal and fiscal year: its last entry number. Updating it in the posting transaction
-- serialises postings to the same journal and year, and a rolled-back posting gives its number back.
create table ledger_counters (
  journal_id uuid not null references ledger_journals (id),
  fiscal_year_id uuid not null references fiscal_years (id),
  last_number integer not null check (last_number >= 0),
  primary key (journal_id, fiscal_year_id)
);

-- Codes of client auxiliary accounts (C000001…).
create sequence ledger_client_code_seq;

create table journal_entries (
  id uuid primary key default gen_random_uuid(),
  -- Posting order across the whole ledger (used by the checks of locks and closings).
  seq bigint generated always as identity,
  entity_id uuid not null references legal_entities (id),
  journal_id uuid not null,
  fiscal_year_id uuid not null,
  number integer not null check (number > 0),
  entry_date date not null,
  label text not null check (length(label) between 1 and 200),
  piece_ref text not null check (length(piece_ref) between 1 and 60),
  piece_date date not null,
  reverses_entry_id uuid references journal_entries (id),
  source_type text,
  source_id text,
  posted_at timestamptz not null,
  posted_by text not null,
  constraint journal_entries_seq_key unique (seq),
  constraint journal_entries_number_key unique (entity_id, fiscal_year_id, journal_id, number),
  -- An entry is reversed at most once.
  constraint journal_entries_reverses_key unique (reverses_entry_id),
  foreign key (journal_id, entity_id) references ledger_journals (id, entity_id),
  foreign key (fiscal_year_id, entity_id) references fiscal_years (id, entity_id),
  check (reverses_entry_id is null or reverses_entry_id <> id),
  check ((source_type is null) = (source_id is null))
);
create index journal_entries_date_idx on journal_entries (entity_id, entry_date, seq);
create index journal_entries_source_idx on journal_entries (source_type, source_id) where source_type is not null;

create table journal_entry_lines (
  entry_id uuid not null,
  line_no smallint not null check (line_no > 0),
  entity_id uuid not null,
  account_id uuid not null,
  auxiliary_account_id uuid,
  activity_id uuid,
  label text not null check (length(label) <= 200),
  debit_cents bigint not null default 0 check (debit_cents >= 0),
  credit_cents bigint not null default 0 check (credit_cents >= 0),
  primary key (entry_id, line_no),
  -- Exactly one side carries a positive amount.
  check ((debit_cents > 0) <> (credit_cents > 0)),
  -- A line's entity is its entry's: checked with the balance (a composite key here costs a parent-row
  -- lookup per line that does not stay cheap as the books grow).
  foreign key (entry_id) references journal_entries (id),
  foreign key (account_id, entity_id) references ledger_accounts (id, entity_id),
  foreign key (auxiliary_account_id, entity_id) references ledger_auxiliary_accounts (id, entity_id),
  foreign key (activity_id, entity_id) references activities (id, entity_id)
);
create index journal_entry_lines_account_idx on journal_entry_lines (account_id, entry_id);
create index journal_entry_lines_activity_idx on journal_entry_lines (activity_id, entry_id) where activity_id is not null;
create index journal_entry_lines_auxiliary_idx on journal_entry_lines (auxiliary_account_id) where auxiliary_account_id is not null;

-- Append-only: an entry or a line is never changed nor removed.
create function ledger_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'ledger.append_only: % on % is refused; post a reversal instead', tg_op, tg_table_name
    using errcode = 'CL001';
end $$;
create trigger journal_entries_append_only before update or delete on journal_entries
  for each row execute function ledger_refuse_change();
create trigger journal_entries_no_truncate before truncate on journal_entries
  for each statement execute function ledger_refuse_change();
create trigger journal_entry_lines_append_only before update or delete on journal_entry_lines
  for each row execute function ledger_refuse_change();
create trigger journal_entry_lines_no_truncate before truncate on journal_entry_lines
  for each statement execute function ledger_refuse_change();

-- An entry goes only into an open fiscal year of its entity that covers its date, outside locked months.
create function ledger_entry_period_open() returns trigger language plpgsql as $$
declare
  fy record;
begin
  select status, start_date, end_date into fy from fiscal_years
    where id = new.fiscal_year_id and entity_id = new.entity_id;
  if not found or new.entry_date < fy.start_date or new.entry_date > fy.end_date then
    raise exception 'ledger.no_fiscal_year: % is outside the fiscal year', new.entry_date using errcode = 'CL002';
  end if;
  if fy.status <> 'open' then
    raise exception 'ledger.period_closed: the fiscal year of % is closed', new.entry_date using errcode = 'CL003';
  end if;
  if exists (
    select 1 from ledger_period_locks
    where entity_id = new.entity_id and month = date_trunc('month', new.entry_date)::date
  ) then
    raise exception 'ledger.period_locked: the month of % is locked', new.entry_date using errcode = 'CL004';
  end if;
  return new;
end $$;
create trigger journal_entries_period_open before insert on journal_entries
  for each row execute function ledger_entry_period_open();

-- Balance, checked once everything of the transaction is written: lines numbered 1..n with n >= 2,
-- all of the entry's entity, debit = credit. The check remembers, for the rest of the transaction,
-- which entry it saw with how many lines: the other lines of that entry skip it, and a line added
-- later (numbered above n) does not.
create function ledger_check_entry(entry uuid) returns void language plpgsql as $$
declare
  n integer;
  top integer;
  d bigint;
  c bigint;
  same_entity boolean;
begin
  select count(*), coalesce(max(l.line_no), 0), coalesce(sum(l.debit_cents), 0), coalesce(sum(l.credit_cents), 0),
      coalesce(bool_and(l.entity_id = e.entity_id), true)
    into n, top, d, c, same_entity
    from journal_entry_lines l join journal_entries e on e.id = l.entry_id
    where l.entry_id = entry;
  if not same_entity then
    raise exception 'ledger.entity_mismatch: a line of entry % belongs to another entity', entry using errcode = 'CL008';
  end if;
  if n < 2 then
    raise exception 'ledger.too_few_lines: entry % has % line(s)', entry, n using errcode = 'CL005';
  end if;
  if top <> n then
    raise exception 'ledger.line_numbers: entry % has lines numbered up to % for % lines', entry, top, n
      using errcode = 'CL007';
  end if;
  if d <> c then
    raise exception 'ledger.unbalanced: entry % has debit % and credit %', entry, d, c using errcode = 'CL006';
  end if;
  perform set_config('ledger.checked_entry', entry::text || ':' || n, true);
end $$;

create function ledger_entry_balanced() returns trigger language plpgsql as $$
begin
  perform ledger_check_entry(new.id);
  return null;
end $$;
create function ledger_line_balanced() returns trigger language plpgsql as $$
declare
  seen text := coalesce(current_setting('ledger.checked_entry', true), '');
begin
  if split_part(seen, ':', 1) <> new.entry_id::text then
    perform ledger_check_entry(new.entry_id);
  elsif new.line_no > split_part(seen, ':', 2)::integer then
    perform ledger_check_entry(new.entry_id);
  end if;
  return null;
end $$;
create constraint trigger journal_entries_balanced after insert on journal_entries
  deferrable initially deferred for each row execute function ledger_entry_balanced();
create constraint trigger journal_entry_lines_balanced after insert on journal_entry_lines
  deferrable initially deferred for each row execute function ledger_line_balanced();

-- Idempotency-Key: the first answer to a money-moving request, kept so that a retry gets it again.
-- Written in the same transaction as what the request changes.
create table idempotency_keys (
  user_id text not null,
  key text not null check (length(key) between 1 and 255),
  request_hash text not null,
  status_code integer,
  response_body text,
  created_at timestamptz not null default now(),
  primary key (user_id, key)
);
create index idempotency_keys_created_idx on idempotency_keys (created_at);
