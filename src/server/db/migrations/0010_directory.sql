-- The directory of members by trade: profiles a member chooses to publish (with a recorded consent),
-- trade networks (filières métiers) they join, and clients' requests (mise en relation) that reach
-- chosen members without showing their e-mail, answered by a relayed message or a draft quote.
--
-- Full-text search: the application folds accents and case (NFD, marks stripped) into the search_*
-- columns; the tsvector is generated from them with PostgreSQL's built-in 'french' configuration
-- (Snowball stemming) and 'simple' (words as written), so PGlite and PostgreSQL index and match the
-- same way without `unaccent`.

create table directory_profiles (
  member_id uuid primary key references members (id) on delete cascade,
  trade text not null check (length(trade) between 1 and 80),
  skills text[] not null default '{}' check (cardinality(skills) <= 15),
  city text not null check (length(city) between 1 and 80),
  presentation text not null default '' check (length(presentation) <= 1200),
  portfolio_url text check (length(portfolio_url) <= 300),
  availability text not null default 'available' check (availability in ('available', 'busy', 'unavailable')),
  -- Public only with a consent: the version of the text the member agreed to, and when.
  published boolean not null default false,
  consent_at timestamptz,
  consent_version text,
  published_at timestamptz,
  withdrawn_at timestamptz,
  -- Folded text (lower case, accents removed, inclusive forms expanded) kept by the application:
  -- A the trade and networks, B the skills, C the city, D the presentation and the name.
  search_a text not null default '',
  search_b text not null default '',
  search_c text not null default '',
  search_d text not null default '',
  city_key text not null default '',
  skill_keys text[] not null default '{}',
  -- French stems, plus the words as written ('simple'): French stop words such as "son" (sound) are
  -- also trade words, and the 'french' configuration drops them.
  search tsvector generated always as (
    setweight(to_tsvector('french'::regconfig, search_a) || to_tsvector('simple'::regconfig, search_a), 'A')
      || setweight(to_tsvector('french'::regconfig, search_b) || to_tsvector('simple'::regconfig, search_b), 'B')
      || setweight(to_tsvector('french'::regconfig, search_c) || to_tsvector('simple'::regconfig, search_c), 'C')
      || setweight(to_tsvector('french'::regconfig, search_d) || to_tsvector('simple'::regconfig, search_d), 'D')
  ) stored,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint directory_profiles_published_needs_consent
    check (not published or (consent_at is not null and consent_version is not null and published_at is not null))
);
create index directory_profiles_search_idx on directory_profiles using gin (search) where published;
create index directory_profiles_city_idx on directory_profiles (city_key) where published;
create index directory_profiles_skills_idx on directory_profiles using gin (skill_keys) where published;

-- Every consent given or withdrawn, kept after the profile changes (the audit trail of publication).
create table directory_consents (
  -- In the order they were given: the trail reads by this, whatever the clocks said.
  id bigint generated always as identity primary key,
  member_id uuid not null references members (id) on delete cascade,
  kind text not null check (kind in ('granted', 'withdrawn')),
  version text not null,
  at timestamptz not null,
  user_id text not null,
  request_id text
);
create index directory_consents_member_idx on directory_consents (member_id, at);

create table directory_networks (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 60),
  name text not null unique check (length(name) between 1 and 80),
  description text not null default '' check (length(description) <= 2000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table directory_network_members (
  network_id uuid not null references directory_networks (id) on delete cascade,
  member_id uuid not null references members (id) on delete cascade,
  joined_at timestamptz not null,
  primary key (network_id, member_id)
);
create index directory_network_members_member_idx on directory_network_members (member_id);

-- A client's request (no account): who asks, what for; it reaches each chosen member.
create table directory_requests (
  id uuid primary key default gen_random_uuid(),
  reference text not null unique,
  requester_name text not null check (length(requester_name) between 1 and 120),
  requester_email text not null check (length(requester_email) between 3 and 254),
  organisation text check (length(organisation) <= 160),
  phone text check (length(phone) <= 40),
  city text check (length(city) <= 80),
  subject text not null check (length(subject) between 1 and 160),
  message text not null check (length(message) between 1 and 4000),
  created_at timestamptz not null
);
create index directory_requests_email_idx on directory_requests (lower(requester_email), created_at);

create table directory_request_recipients (
  request_id uuid not null references directory_requests (id) on delete cascade,
  member_id uuid not null references members (id) on delete cascade,
  status text not null default 'new' check (status in ('new', 'read', 'answered', 'declined')),
  read_at timestamptz,
  answered_at timestamptz,
  -- "Answer with a quote": the client made (or found) from the request and the draft quote.
  client_id uuid references clients (id),
  quote_id uuid references sales_documents (id),
  primary key (request_id, member_id)
);
create index directory_request_recipients_member_idx on directory_request_recipients (member_id, request_id);

create table directory_request_replies (
  id uuid primary key default gen_random_uuid(),
  request_id uuid not null,
  member_id uuid not null,
  message text not null check (length(message) between 1 and 4000),
  created_at timestamptz not null,
  foreign key (request_id, member_id) references directory_request_recipients (request_id, member_id) on delete cascade
);
create index directory_request_replies_idx on directory_request_replies (request_id, member_id, created_at);
