-- Spaces priced by the day (a coworking desk's day pass) as well as by the hour: a booking costs the
-- hourly price pro rata of its minutes, capped at the day price; with only a day price, any booking
-- (a booking never spans two days) costs the day price. Null: no day price.
alter table community_spaces
  add column price_per_day_cents bigint check (price_per_day_cents between 1 and 100000000);
