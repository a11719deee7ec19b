-- An event placed in one of the office's spaces holds that space for its time, as a member's booking
-- does: the event owns a booking row (no member, no price), so the same exclusion constraint keeps
-- events and bookings apart, on PGlite as on PostgreSQL, and nobody can book the studio during a
-- workshop held there.
alter table community_space_bookings
  alter column member_id drop not null,
  add column event_id uuid references community_events (id),
  -- Either a member's booking or an event's hold, never both.
  add constraint community_space_bookings_owner check ((member_id is null) <> (event_id is null)),
  -- The office runs its events: a hold is charged to nobody.
  add constraint community_space_bookings_event_unpriced check (
    event_id is null or (activity_id is null and price_cents = 0 and charge_entry_id is null)
  );

-- One live hold per event: moving the event cancels its hold and takes a new one.
create unique index community_space_bookings_event_key
  on community_space_bookings (event_id) where status = 'booked';

-- Events already placed in a space take their hold now. Where a member booked that time first, the
-- booking stands and the event goes without a hold (DO NOTHING also answers the exclusion
-- constraint); staff see the booking in the space's week and move one or the other.
insert into community_space_bookings (space_id, event_id, starts_at, ends_at, created_at)
select e.space_id, e.id, e.starts_at, e.ends_at, e.created_at
from community_events e
where e.place_kind = 'space' and e.status = 'scheduled'
order by e.starts_at, e.id
on conflict do nothing;
