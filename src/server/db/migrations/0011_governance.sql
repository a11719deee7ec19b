-- Governance: the share register of each legal entity (parts sociales), its colleges of vote, and
-- general assemblies with proxies and secret, verifiable online votes (ADR 0014).
--
-- Secrecy: a ballot never names its voter. `governance_ballots.voter_key` is an HMAC of the
-- assembly and the represented member under a server secret, so the unique key that forbids a second
-- ballot (a second vote replaces the first) needs no voter id; who took part is recorded apart, in
-- `governance_participations`, which holds no choice. Ballots carry no time either, so the two
-- tables cannot be joined on a timestamp.

create table governance_settings (
  entity_id uuid primary key references legal_entities (id),
  -- Nominal value of one share (valeur nominale d'une part sociale).
  share_nominal_cents bigint not null check (share_nominal_cents between 1 and 100000000),
  -- How many proxies one sociétaire may carry at an assembly.
  proxy_cap integer not null default 2 check (proxy_cap between 0 and 50),
  -- Vote by colleges (SCIC, loi 47-1775 art. 19 octies) or one person one vote.
  weighted_colleges boolean not null default false,
  updated_at timestamptz not null default now()
);

create table governance_colleges (
  id uuid primary key default gen_random_uuid(),
  entity_id uuid not null references legal_entities (id),
  name text not null check (length(name) between 1 and 80),
  -- Basis points of the votes at assemblies (10 % to 50 % each in a SCIC, summing to 100 %).
  weight_bp integer not null check (weight_bp between 0 and 10000),
  position integer not null default 0,
  active boolean not null default true,
  constraint governance_colleges_name_key unique (entity_id, name)
);

-- Each sociétaire of an entity sits in one college.
create table governance_college_members (
  entity_id uuid not null references legal_entities (id),
  member_id uuid not null references members (id),
  college_id uuid not null references governance_colleges (id),
  primary key (entity_id, member_id)
);

-- The register: append-only lines with the member's and the entity's running totals after the line.
create table governance_share_lines (
  id uuid primary key default gen_random_uuid(),
  entity_id uuid not null references legal_entities (id),
  seq integer not null,
  member_id uuid not null references members (id),
  kind text not null check (kind in ('subscription', 'payment', 'transfer_out', 'transfer_in', 'refund')),
  -- Shares subscribed (+) or given up (−) by this line; payments move no shares.
  shares_delta integer not null,
  -- Capital paid in (+) or given back (−) by this line.
  paid_delta_cents bigint not null,
  -- The member's totals after this line.
  shares_after integer not null check (shares_after >= 0),
  paid_after_cents bigint not null check (paid_after_cents >= 0),
  -- The entity's subscribed capital (shares) and paid capital after this line.
  entity_shares_after integer not null check (entity_shares_after >= 0),
  entity_paid_after_cents bigint not null check (entity_paid_after_cents >= 0),
  -- A transfer writes two lines that name each other's member.
  counterpart_member_id uuid references members (id),
  transfer_id uuid,
  entry_id uuid references journal_entries (id),
  occurred_on date not null,
  note text not null default '' check (length(note) <= 500),
  created_by text not null,
  created_at timestamptz not null default now(),
  check (paid_after_cents >= 0),
  constraint governance_share_lines_seq_key unique (entity_id, seq)
);
create index governance_share_lines_member on governance_share_lines (member_id, entity_id, seq);

create function governance_share_lines_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'the share register is append-only' using errcode = 'CG001';
end $$;
create trigger governance_share_lines_append_only
  before update or delete on governance_share_lines
  for each row execute function governance_share_lines_append_only();

create table governance_assemblies (
  id uuid primary key default gen_random_uuid(),
  entity_id uuid not null references legal_entities (id),
  kind text not null check (kind in ('ordinary', 'extraordinary')),
  title text not null check (length(title) between 1 and 160),
  place text not null default '' check (length(place) <= 300),
  agenda text not null default '' check (length(agenda) <= 10000),
  -- When the session is held, and the window of online votes.
  held_at timestamptz not null,
  opens_at timestamptz not null,
  closes_at timestamptz not null,
  -- Quorum: share of the sociétaires taking part (present, voting or represented), in basis points.
  quorum_bp integer not null check (quorum_bp between 0 and 10000),
  proxy_cap integer not null check (proxy_cap between 0 and 50),
  weighted_colleges boolean not null,
  -- The colleges and their weights when the notice went out: later changes do not move this assembly's results.
  colleges jsonb not null default '[]' check (jsonb_typeof(colleges) = 'array'),
  status text not null default 'draft' check (status in ('draft', 'convened')),
  convened_at timestamptz,
  closed_early_at timestamptz,
  created_by text not null,
  created_at timestamptz not null default now(),
  check (closes_at > opens_at),
  check ((status = 'convened') = (convened_at is not null))
);
create index governance_assemblies_entity on governance_assemblies (entity_id, held_at);

create table governance_resolutions (
  id uuid primary key default gen_random_uuid(),
  assembly_id uuid not null references governance_assemblies (id),
  position integer not null,
  title text not null check (length(title) between 1 and 200),
  body text not null default '' check (length(body) <= 10000),
  -- Simple majority of votes cast, or two thirds (extraordinary decisions).
  majority text not null check (majority in ('simple', 'two_thirds')),
  constraint governance_resolutions_position_key unique (assembly_id, position)
);

create table governance_documents (
  id uuid primary key default gen_random_uuid(),
  assembly_id uuid not null references governance_assemblies (id),
  position integer not null,
  title text not null check (length(title) between 1 and 160),
  url text not null check (length(url) between 1 and 500)
);

-- Who may vote: the sociétaires of the entity when the notice went out, each with their college.
create table governance_electors (
  assembly_id uuid not null references governance_assemblies (id),
  member_id uuid not null references members (id),
  college_id uuid references governance_colleges (id),
  primary key (assembly_id, member_id)
);

create table governance_proxies (
  id uuid primary key default gen_random_uuid(),
  assembly_id uuid not null references governance_assemblies (id),
  grantor_member_id uuid not null references members (id),
  holder_member_id uuid not null references members (id),
  created_at timestamptz not null,
  revoked_at timestamptz,
  revoked_reason text check (revoked_reason in ('withdrawn', 'voted_in_person')),
  check (grantor_member_id <> holder_member_id),
  check ((revoked_at is null) = (revoked_reason is null))
);
create unique index governance_proxies_live on governance_proxies (assembly_id, grantor_member_id)
  where revoked_at is null;
create index governance_proxies_holder on governance_proxies (assembly_id, holder_member_id)
  where revoked_at is null;

-- Who took part (for the quorum and the list of attendance), never what they chose.
create table governance_participations (
  assembly_id uuid not null references governance_assemblies (id),
  member_id uuid not null references members (id),
  -- The holder of the proxy when someone voted for this member.
  voted_by_member_id uuid not null references members (id),
  first_voted_at timestamptz not null,
  last_voted_at timestamptz not null,
  primary key (assembly_id, member_id)
);

-- The ballots: one per resolution and voter, replaced (never added) when the voter changes their mind.
create table governance_ballots (
  id uuid primary key default gen_random_uuid(),
  assembly_id uuid not null references governance_assemblies (id),
  resolution_id uuid not null references governance_resolutions (id),
  voter_key text not null check (length(voter_key) = 64),
  college_id uuid references governance_colleges (id),
  choice text not null check (choice in ('for', 'against', 'abstain')),
  -- Shown to the voter; published with the choice after the close so they can check it was counted.
  receipt text not null unique check (length(receipt) between 16 and 64),
  constraint governance_ballots_voter_key unique (resolution_id, voter_key)
);
create index governance_ballots_assembly on governance_ballots (assembly_id);

-- The capital accounts the register posts to, for entities whose chart was set up before them.
insert into ledger_accounts (entity_id, number, label, auxiliary_kind)
select e.entity_id, a.number, a.label, a.auxiliary_kind
from (select distinct entity_id from ledger_accounts) e
cross join (values
  ('1012', 'Capital souscrit – appelé, non versé', null),
  ('1013', 'Capital souscrit – appelé, versé', null),
  ('4562', 'Associés – capital appelé, non versé', 'member'),
  ('4567', 'Associés – capital à rembourser', 'member')
) as a (number, label, auxiliary_kind)
on conflict (entity_id, number) do nothing;
