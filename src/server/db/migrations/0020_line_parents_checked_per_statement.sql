-- The accounts, auxiliary accounts and activities of journal lines, checked once per statement rather
-- than once per line (ADR 0018). A payroll run writes some ten journal lines a payslip, all on a few
-- accounts; the three foreign keys looked each line's parents up and locked them again, line by line:
-- 15 of a batch's 36 ms of journal lines. The guarantees stay those of the foreign keys:
-- - when lines are written, each account, auxiliary account and activity they name exists in the
--   line's entity (the composite keys (id, entity_id) as before; a null names nothing);
-- - those parents are key-share locked until commit, as a foreign key locks them, but once per
--   parent: a parent being deleted meanwhile makes the lines wait, then fail;
-- - a parent that lines name cannot be deleted, nor change its id or entity (checked on the parent's
--   side below, by the indexes the lines already have).

create or replace function ledger_lines_whole() returns trigger language plpgsql as $$
declare
  missing uuid;
  broken uuid;
  locked bigint;
begin
  select l.entry_id into missing from new_lines l
    where not exists (select 1 from journal_entries e where e.id = l.entry_id) limit 1;
  if found then
    raise exception 'insert on table "journal_entry_lines" violates its entry''s key: entry % does not exist', missing
      using errcode = 'foreign_key_violation', table = 'journal_entry_lines';
  end if;

  -- Each parent the lines name, once: key-share locked as a foreign key locks it, so that it stays
  -- until commit, and found in the line's entity; then, if one is missing, which one.
  perform 1 from ledger_accounts a
    join (select distinct account_id, entity_id from new_lines) l on a.id = l.account_id and a.entity_id = l.entity_id
    for key share of a;
  get diagnostics locked = row_count;
  if locked < (select count(*) from (select distinct account_id, entity_id from new_lines) l) then
    select l.account_id into missing from new_lines l
      where not exists (select 1 from ledger_accounts a where a.id = l.account_id and a.entity_id = l.entity_id)
      limit 1;
    raise exception 'insert on table "journal_entry_lines" violates its account''s key: account % is not of the line''s entity', missing
      using errcode = 'foreign_key_violation', table = 'journal_entry_lines';
  end if;
  perform 1 from ledger_auxiliary_accounts x
    join (select distinct auxiliary_account_id, entity_id from new_lines where auxiliary_account_id is not null) l
      on x.id = l.auxiliary_account_id and x.entity_id = l.entity_id
    for key share of x;
  get diagnostics locked = row_count;
  if locked < (select count(*) from (select distinct auxiliary_account_id, entity_id from new_lines
      where auxiliary_account_id is not null) l) then
    select l.auxiliary_account_id into missing from new_lines l
      where l.auxiliary_account_id is not null and not exists (select 1 from ledger_auxiliary_accounts x
        where x.id = l.auxiliary_account_id and x.entity_id = l.entity_id)
      limit 1;
    raise exception 'insert on table "journal_entry_lines" violates its auxiliary account''s key: % is not of the line''s entity', missing
      using errcode = 'foreign_key_violation', table = 'journal_entry_lines';
  end if;
  perform 1 from activities v
    join (select distinct activity_id, entity_id from new_lines where activity_id is not null) l
      on v.id = l.activity_id and v.entity_id = l.entity_id
    for key share of v;
  get diagnostics locked = row_count;
  if locked < (select count(*) from (select distinct activity_id, entity_id from new_lines
      where activity_id is not null) l) then
    select l.activity_id into missing from new_lines l
      where l.activity_id is not null and not exists (select 1 from activities v
        where v.id = l.activity_id and v.entity_id = l.entity_id)
      limit 1;
    raise exception 'insert on table "journal_entry_lines" violates its activity''s key: % is not of the line''s entity', missing
      using errcode = 'foreign_key_violation', table = 'journal_entry_lines';
  end if;

  -- The first entry that is not whole, then its own check says why (entity, count, numbers, balance).
  select l.entry_id into broken
    from journal_entry_lines l join journal_entries e on e.id = l.entry_id
    where l.entry_id in (select entry_id from new_lines)
    group by l.entry_id
    having not bool_and(l.entity_id = e.entity_id) or count(*) < 2 or max(l.line_no) <> count(*)
      or sum(l.debit_cents) <> sum(l.credit_cents)
    limit 1;
  if found then
    perform ledger_check_entry(broken);
  end if;
  return null;
end $$;

alter table journal_entry_lines
  drop constraint journal_entry_lines_account_id_entity_id_fkey,
  drop constraint journal_entry_lines_auxiliary_account_id_entity_id_fkey,
  drop constraint journal_entry_lines_activity_id_entity_id_fkey;

-- The parent's side: `tg_argv[0]` is the lines' column that names it.
create function ledger_line_parent_kept() returns trigger language plpgsql as $$
declare
  used boolean;
begin
  if tg_op = 'UPDATE' and new.id = old.id and new.entity_id = old.entity_id then
    return new;
  end if;
  execute format('select exists (select 1 from journal_entry_lines where %I = $1)', tg_argv[0])
    into used using old.id;
  if used then
    raise exception '% on table "%" violates the key of journal_entry_lines: % is named by journal lines',
        lower(tg_op), tg_table_name, old.id
      using errcode = 'foreign_key_violation', table = tg_table_name;
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end $$;
create trigger ledger_accounts_kept_for_lines before delete or update of id, entity_id on ledger_accounts
  for each row execute function ledger_line_parent_kept('account_id');
create trigger ledger_auxiliary_accounts_kept_for_lines before delete or update of id, entity_id
  on ledger_auxiliary_accounts for each row execute function ledger_line_parent_kept('auxiliary_account_id');
create trigger activities_kept_for_lines before delete or update of id, entity_id on activities
  for each row execute function ledger_line_parent_kept('activity_id');

-- Emptying a parent table at once would leave lines naming nothing, as a foreign key would not allow.
create function ledger_line_parents_no_truncate() returns trigger language plpgsql as $$
begin
  if exists (select 1 from journal_entry_lines) then
    raise exception 'truncate on table "%" is refused: journal lines name its rows', tg_table_name
      using errcode = 'foreign_key_violation', table = tg_table_name;
  end if;
  return null;
end $$;
create trigger ledger_accounts_no_truncate before truncate on ledger_accounts
  for each statement execute function ledger_line_parents_no_truncate();
create trigger ledger_auxiliary_accounts_no_truncate before truncate on ledger_auxiliary_accounts
  for each statement execute function ledger_line_parents_no_truncate();
create trigger activities_no_truncate before truncate on activities
  for each statement execute function ledger_line_parents_no_truncate();
