-- Sales: quotes, invoices (deposit and balance invoices included) and credit notes in one table of
-- sales documents (they share their lines, parties, totals and history; a credit note is an invoice
-- in its own right), their lines, the continuous number series of each entity, validation requests,
-- quote acceptances and each document's history. Once numbered, an invoice or a credit note is
-- immutable: only its status and sending date may change, here as well as in the code.

-- Whether a member may issue an invoice alone, up to this amount incl. VAT; null: an adviser validates.
alter table activities add column invoice_self_issue_cap_cents bigint
  check (invoice_self_issue_cap_cents is null or invoice_self_issue_cap_cents >= 0);

create table sales_number_series (
  entity_id uuid not null references legal_entities (id),
  kind text not null check (kind in ('quote', 'invoice', 'credit_note')),
  year integer not null check (year between 2000 and 2999),
  last_number integer not null check (last_number >= 0),
  primary key (entity_id, kind, year)
);

create table sales_documents (
  id uuid primary key default gen_random_uuid(),
  entity_id uuid not null references legal_entities (id),
  activity_id uuid not null,
  client_id uuid not null references clients (id),
  kind text not null check (kind in ('quote', 'invoice', 'deposit_invoice', 'credit_note')),
  status text not null check (status in (
    'draft', 'sent', 'accepted', 'refused',
    'awaiting_validation', 'issued', 'partially_paid', 'paid', 'cancelled')),
  number text,
  issue_date date,
  due_date date,
  valid_until date,
  service_date date,
  last_service_date date,
  subject text not null default '',
  notes text not null default '',
  language text not null default 'fr' check (language in ('fr', 'en')),
  payment_term text not null default 'days' check (payment_term in ('on_receipt', 'days', 'end_of_month_45')),
  payment_days integer not null default 30 check (payment_days between 0 and 60),
  purchase_order text,
  buyer_reference text,
  -- The quote an invoice comes from; the invoice a credit note corrects.
  quote_id uuid references sales_documents (id),
  invoice_id uuid references sales_documents (id),
  deposit_rate_bp integer check (deposit_rate_bp between 1 and 9999),
  credit_reason text,
  -- VAT pinned per category (a credit note for what remains gives back exactly the VAT still owed).
  fixed_vat jsonb not null default '{}',
  total_excl_vat_cents bigint not null default 0,
  total_vat_cents bigint not null default 0,
  total_incl_vat_cents bigint not null default 0,
  -- Balance invoices: deposits already invoiced, incl. VAT.
  prepaid_cents bigint not null default 0,
  journal_entry_id uuid references journal_entries (id),
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  issued_at timestamptz,
  issued_by text,
  sent_at timestamptz,
  foreign key (activity_id, entity_id) references activities (id, entity_id),
  constraint sales_documents_number_key unique (entity_id, number),
  -- Drafts have no number; an issued invoice or credit note always has one, with its date.
  check (kind = 'quote' or (number is null) = (status in ('draft', 'awaiting_validation'))),
  check (number is null or issue_date is not null),
  check ((kind = 'credit_note') = (invoice_id is not null)),
  check (kind <> 'quote' or valid_until is not null)
);
create index sales_documents_activity_idx on sales_documents (activity_id, created_at);
create index sales_documents_client_idx on sales_documents (client_id);
create index sales_documents_status_idx on sales_documents (entity_id, kind, status);
create index sales_documents_quote_idx on sales_documents (quote_id) where quote_id is not null;
create index sales_documents_invoice_idx on sales_documents (invoice_id) where invoice_id is not null;

create table sales_document_lines (
  document_id uuid not null references sales_documents (id) on delete cascade,
  position integer not null check (position >= 1),
  designation text not null check (length(designation) between 1 and 200),
  description text not null default '',
  quantity_milli bigint not null check (quantity_milli > 0),
  unit_code text not null,
  unit_price_cents bigint not null check (unit_price_cents >= 0),
  discount_cents bigint not null default 0 check (discount_cents >= 0),
  net_cents bigint not null,
  vat_category text not null,
  primary key (document_id, position)
);

create table sales_validation_requests (
  id uuid primary key default gen_random_uuid(),
  document_id uuid not null references sales_documents (id) on delete cascade,
  requested_by text not null,
  requested_at timestamptz not null,
  comment text not null default '',
  decision text check (decision in ('approved', 'refused')),
  decided_by text,
  decided_at timestamptz,
  decision_comment text not null default ''
);
-- At most one open request per document.
create unique index sales_validation_requests_open_key on sales_validation_requests (document_id)
  where decision is null;

create table quote_acceptances (
  document_id uuid primary key references sales_documents (id),
  decision text not null check (decision in ('accept', 'refuse')),
  name text not null,
  at timestamptz not null,
  ip text,
  via text not null check (via in ('link', 'member'))
);

create table sales_document_events (
  id bigint generated always as identity primary key,
  document_id uuid not null references sales_documents (id) on delete cascade,
  at timestamptz not null,
  user_id text,
  kind text not null,
  detail jsonb not null default '{}'
);
create index sales_document_events_document_idx on sales_document_events (document_id, id);

-- Issued invoices and credit notes are immutable (CGI: a number is never reused, a document never
-- rewritten; corrections are credit notes). Quotes stay editable only as drafts, which the code checks.
create function sales_documents_immutable() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    if old.number is not null and old.kind <> 'quote' then
      raise exception 'invoice.immutable: % is issued', old.number using errcode = 'SD001';
    end if;
    return old;
  end if;
  if old.number is not null and old.kind <> 'quote' and (
    new.number is distinct from old.number or new.issue_date is distinct from old.issue_date
    or new.due_date is distinct from old.due_date or new.client_id is distinct from old.client_id
    or new.activity_id is distinct from old.activity_id or new.kind is distinct from old.kind
    or new.total_excl_vat_cents <> old.total_excl_vat_cents or new.total_vat_cents <> old.total_vat_cents
    or new.total_incl_vat_cents <> old.total_incl_vat_cents or new.prepaid_cents <> old.prepaid_cents
    or new.fixed_vat <> old.fixed_vat or new.subject <> old.subject or new.notes <> old.notes
    or new.invoice_id is distinct from old.invoice_id or new.journal_entry_id is distinct from old.journal_entry_id)
  then
    raise exception 'invoice.immutable: % is issued', old.number using errcode = 'SD001';
  end if;
  return new;
end $$;
create trigger sales_documents_immutable before update or delete on sales_documents
  for each row execute function sales_documents_immutable();

create function sales_document_lines_immutable() returns trigger language plpgsql as $$
declare
  doc record;
begin
  select number, kind into doc from sales_documents
    where id = case when tg_op = 'INSERT' then new.document_id else old.document_id end;
  if doc.number is not null and doc.kind <> 'quote' then
    raise exception 'invoice.immutable: the lines of % are issued', doc.number using errcode = 'SD001';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end $$;
create trigger sales_document_lines_immutable before insert or update or delete on sales_document_lines
  for each row execute function sales_document_lines_immutable();
