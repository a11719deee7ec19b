-- Foundation: sign-in (tables owned by the auth library, camelCase as it expects),
-- the legal entities of the group, offices, roles, members, activities, clients,
-- the audit log and the outbox.

create table "user" (
  "id" text primary key,
  "name" text not null,
  "email" text not null unique,
  "emailVerified" boolean not null,
  "image" text,
  "createdAt" timestamptz not null default current_timestamp,
  "updatedAt" timestamptz not null default current_timestamp
);
create table "session" (
  "id" text primary key,
  "expiresAt" timestamptz not null,
  "token" text not null unique,
  "createdAt" timestamptz not null default current_timestamp,
  "updatedAt" timestamptz not null,
  "ipAddress" text,
  "userAgent" text,
  "userId" text not null references "user" ("id") on delete cascade
);
create index "session_userId_idx" on "session" ("userId");
create table "account" (
  "id" text primary key,
  "accountId" text not null,
  "providerId" text not null,
  "userId" text not null references "user" ("id") on delete cascade,
  "accessToken" text,
  "refreshToken" text,
  "idToken" text,
  "accessTokenExpiresAt" timestamptz,
  "refreshTokenExpiresAt" timestamptz,
  "scope" text,
  "password" text,
  "createdAt" timestamptz not null default current_timestamp,
  "updatedAt" timestamptz not null
);
create index "account_userId_idx" on "account" ("userId");
create table "verification" (
  "id" text primary key,
  "identifier" text not null,
  "value" text not null,
  "expiresAt" timestamptz not null,
  "createdAt" timestamptz not null default current_timestamp,
  "updatedAt" timestamptz not null default current_timestamp
);
create index "verification_identifier_idx" on "verification" ("identifier");
create table "rateLimit" (
  "id" text primary key,
  "key" text not null unique,
  "count" integer not null,
  "lastRequest" bigint not null
);

create table legal_entities (
  id uuid primary key default gen_random_uuid(),
  code text not null unique check (code ~ '^[A-Z0-9-]{2,16}$'),
  name text not null,
  legal_form text not null,
  kind text not null check (kind in ('scic', 'cae', 'portage', 'other')),
  siren char(9) not null unique,
  vat_number text not null,
  rcs_city text not null,
  share_capital_cents bigint not null check (share_capital_cents >= 0),
  address_line text not null,
  postal_code text not null,
  city text not null,
  country char(2) not null default 'FR',
  fee_rate_bp integer not null check (fee_rate_bp between 0 and 10000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table offices (
  id uuid primary key default gen_random_uuid(),
  code text not null unique check (code ~ '^[a-z0-9-]{2,32}$'),
  name text not null,
  address_line text not null default '',
  postal_code text not null default '',
  city text not null,
  email text,
  phone text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table user_roles (
  user_id text not null references "user" ("id") on delete cascade,
  role text not null check (role in ('member', 'adviser', 'accountant', 'payroll', 'admin')),
  primary key (user_id, role)
);

create table adviser_offices (
  user_id text not null references "user" ("id") on delete cascade,
  office_id uuid not null references offices (id),
  primary key (user_id, office_id)
);

create sequence member_number_seq;
create table members (
  id uuid primary key default gen_random_uuid(),
  number text not null unique,
  user_id text unique references "user" ("id") on delete set null,
  first_name text not null,
  last_name text not null,
  email text not null,
  phone text,
  address_line text,
  postal_code text,
  city text,
  country char(2) not null default 'FR',
  birth_date date,
  sex char(1) check (sex in ('F', 'M')),
  -- NIR and IBAN are encrypted at rest (AES-256-GCM); the hint keeps what a masked display shows.
  nir_encrypted text,
  nir_hint text,
  iban_encrypted text,
  iban_hint text,
  bic text,
  trades text[] not null default '{}',
  office_id uuid references offices (id),
  status text not null default 'prospect' check (status in ('prospect', 'member', 'shareholder', 'exited')),
  joined_on date,
  exited_on date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index members_email_key on members (lower(email));
create index members_office_idx on members (office_id, last_name, first_name);
create index members_name_idx on members (lower(last_name), lower(first_name), id);

create table activities (
  id uuid primary key default gen_random_uuid(),
  entity_id uuid not null references legal_entities (id),
  name text not null,
  description text not null default '',
  trade text not null default '',
  status text not null default 'open' check (status in ('open', 'closed')),
  -- null: the entity's rate applies; set only by staff, with a reason.
  fee_rate_bp integer check (fee_rate_bp between 0 and 10000),
  fee_override_reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((fee_rate_bp is null) = (fee_override_reason is null))
);
create index activities_entity_idx on activities (entity_id);

create table activity_members (
  activity_id uuid not null references activities (id) on delete cascade,
  member_id uuid not null references members (id),
  created_at timestamptz not null default now(),
  primary key (activity_id, member_id)
);
create index activity_members_member_idx on activity_members (member_id);

create table clients (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('company', 'association', 'individual')),
  name text not null,
  siren char(9),
  siret char(14),
  vat_number text,
  public_sector boolean not null default false,
  email text,
  phone text,
  address_line text not null,
  postal_code text not null,
  city text not null,
  country char(2) not null default 'FR',
  notes text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (siret is null or siren = left(siret, 9)),
  check (kind <> 'individual' or (siren is null and vat_number is null))
);
create unique index clients_siren_key on clients (siren) where siret is null and siren is not null;
create unique index clients_siret_key on clients (siret) where siret is not null;
create index clients_name_idx on clients (lower(name), id);

create table client_contacts (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references clients (id) on delete cascade,
  name text not null,
  email text,
  phone text,
  role text not null default '',
  created_at timestamptz not null default now()
);
create index client_contacts_client_idx on client_contacts (client_id);

create table activity_clients (
  activity_id uuid not null references activities (id) on delete cascade,
  client_id uuid not null references clients (id),
  created_at timestamptz not null default now(),
  primary key (activity_id, client_id)
);
create index activity_clients_client_idx on activity_clients (client_id);

create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  user_id text,
  action text not null,
  subject_type text not null,
  subject_id text not null,
  changes jsonb not null default '{}',
  request_id text
);
create index audit_log_subject_idx on audit_log (subject_type, subject_id, id);
create index audit_log_at_idx on audit_log (at desc, id desc);

create table outbox (
  id bigint generated always as identity primary key,
  kind text not null,
  payload jsonb not null,
  created_at timestamptz not null default now(),
  available_at timestamptz not null default now(),
  attempts integer not null default 0,
  last_error text,
  done_at timestamptz
);
create index outbox_pending_idx on outbox (available_at, id) where done_at is null;
