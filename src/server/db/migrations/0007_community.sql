-- The life of the cooperative: the offices' spaces and their bookings, events (info sessions,
-- workshops, trainings, social evenings) with registrations and a waiting list, and members'
-- calendar feeds.
--
-- Overlapping bookings of a space are impossible in the database itself: an exclusion constraint
-- on the booked time range (btree_gist gives `=` on uuid in a GiST index). PGlite ships btree_gist
-- as a contrib extension loaded in db/client.ts, so both databases enforce it the same way.
create extension if not exists btree_gist;

create table community_spaces (
  id uuid primary key default gen_random_uuid(),
  office_id uuid not null references offices (id),
  name text not null check (length(name) between 1 and 80),
  kind text not null check (kind in ('desk', 'meeting_room', 'studio', 'rehearsal_room')),
  capacity integer not null check (capacity between 1 and 500),
  -- Seven entries, Monday first: null (closed) or {"open": "08:30", "close": "19:00"}, local time of the office.
  opening_hours jsonb not null check (jsonb_typeof(opening_hours) = 'array' and jsonb_array_length(opening_hours) = 7),
  rules text not null default '' check (length(rules) <= 2000),
  -- Charged to the member's activity per hour booked; null: free.
  price_per_hour_cents bigint check (price_per_hour_cents between 1 and 100000000),
  -- A booking cancelled at least this many hours before it starts costs nothing; later, it is charged.
  free_cancel_hours integer not null default 24 check (free_cancel_hours between 0 and 720),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint community_spaces_name_key unique (office_id, name)
);

create table community_space_bookings (
  id uuid primary key default gen_random_uuid(),
  space_id uuid not null references community_spaces (id),
  member_id uuid not null references members (id),
  -- The activity the booking is charged to (required when the space has a price).
  activity_id uuid references activities (id),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  status text not null default 'booked' check (status in ('booked', 'cancelled')),
  price_cents bigint not null default 0 check (price_cents >= 0),
  charge_entry_id uuid references journal_entries (id),
  refund_entry_id uuid references journal_entries (id),
  note text not null default '' check (length(note) <= 500),
  cancelled_at timestamptz,
  created_at timestamptz not null default now(),
  check (ends_at > starts_at),
  check ((status = 'cancelled') = (cancelled_at is not null)),
  constraint community_space_bookings_no_overlap
    exclude using gist (space_id with =, tstzrange(starts_at, ends_at, '[)') with &&)
    where (status = 'booked')
);
create index community_space_bookings_member on community_space_bookings (member_id, starts_at);

create table community_events (
  id uuid primary key default gen_random_uuid(),
  office_id uuid not null references offices (id),
  -- Sessions generated from one recurrence rule share a series id.
  series_id uuid,
  kind text not null check (kind in ('info_session', 'workshop', 'training', 'social')),
  title text not null check (length(title) between 1 and 160),
  description text not null default '' check (length(description) <= 5000),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  place_kind text not null check (place_kind in ('space', 'address', 'online')),
  space_id uuid references community_spaces (id),
  address text check (length(address) <= 300),
  online_url text check (length(online_url) <= 500),
  capacity integer not null check (capacity between 1 and 10000),
  audience text not null check (audience in ('members', 'prospects', 'public')),
  status text not null default 'scheduled' check (status in ('scheduled', 'cancelled')),
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (ends_at > starts_at),
  check ((place_kind = 'space') = (space_id is not null)),
  check ((place_kind = 'address') = (address is not null)),
  check ((place_kind = 'online') = (online_url is not null))
);
create index community_events_office_start on community_events (office_id, starts_at);
create index community_events_start on community_events (starts_at);

create table community_event_registrations (
  id uuid primary key default gen_random_uuid(),
  event_id uuid not null references community_events (id),
  -- A member registers with their account; a prospect with a name and an e-mail, confirmed by a link.
  member_id uuid references members (id),
  name text check (length(name) between 1 and 120),
  email text check (length(email) between 3 and 254),
  status text not null check (status in ('registered', 'waitlisted', 'cancelled', 'expired')),
  -- First come, first served: the waiting list is read in this order.
  seq bigint generated always as identity,
  confirmed_at timestamptz,
  -- An unconfirmed registration holds its place until then.
  expires_at timestamptz,
  confirm_token_hash text unique,
  attended boolean,
  -- The reminder e-mail waiting in the outbox (withdrawn when the person unregisters).
  reminder_outbox_id bigint,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((member_id is null) = (email is not null)),
  check ((member_id is null) = (name is not null)),
  check ((confirmed_at is null) = (expires_at is not null))
);
create unique index community_event_registrations_member_key
  on community_event_registrations (event_id, member_id)
  where member_id is not null and status in ('registered', 'waitlisted');
create unique index community_event_registrations_email_key
  on community_event_registrations (event_id, lower(email))
  where member_id is null and status in ('registered', 'waitlisted');
create index community_event_registrations_event on community_event_registrations (event_id, seq);
create index community_event_registrations_of_member on community_event_registrations (member_id);

-- A member's personal calendar feed: a secret URL their calendar application polls.
create table community_calendar_feeds (
  member_id uuid primary key references members (id),
  token text not null unique check (length(token) >= 32),
  created_at timestamptz not null default now()
);
