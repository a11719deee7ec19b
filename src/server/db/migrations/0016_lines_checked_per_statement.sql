-- The lines of journal entries and of payslips, checked once per statement rather than once per row.
-- A payroll run writes some thirty lines a payslip (ten journal lines, nineteen payslip lines). A
-- foreign-key lookup and a deferred balance trigger for each line were the largest part of posting a
-- month's run (ADR 0018). The guarantees stay the same:
-- - every line's entry (payslip) exists when the line is written. Entries and payslips are never
--   deleted nor changed (0002, and below for payslips), so what holds at insert holds for good:
--   the foreign key's checks on the parent's side and its key-share lock have nothing left to guard;
-- - every entry a statement writes lines for is, at the end of that statement, numbered 1..n with
--   n >= 2, all of its entity and balanced. The ledger writes an entry's lines in one statement. An
--   entry written without lines is still refused at commit (journal_entries_balanced, 0002).

-- Journal lines: their entry exists, and each entry they touch is whole (ledger_check_entry, 0002,
-- says why one is not; the setting it leaves for the per-line trigger dropped here goes unread).
create function ledger_lines_whole() returns trigger language plpgsql as $$
declare
  missing uuid;
  broken uuid;
begin
  select l.entry_id into missing from new_lines l
    where not exists (select 1 from journal_entries e where e.id = l.entry_id) limit 1;
  if found then
    raise exception 'insert on table "journal_entry_lines" violates its entry''s key: entry % does not exist', missing
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

drop trigger journal_entry_lines_balanced on journal_entry_lines;
drop function ledger_line_balanced();
alter table journal_entry_lines drop constraint journal_entry_lines_entry_id_fkey;
create trigger journal_entry_lines_whole after insert on journal_entry_lines
  referencing new table as new_lines for each statement execute function ledger_lines_whole();

-- Payslips: never changed nor removed once computed (a payslip is kept for the employee's working
-- life); their lines' payslip exists.
create function payroll_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'payroll.append_only: % on % is refused', tg_op, tg_table_name using errcode = 'CP001';
end $$;
create trigger payslips_append_only before update or delete on payslips
  for each row execute function payroll_refuse_change();
create trigger payslips_no_truncate before truncate on payslips
  for each statement execute function payroll_refuse_change();
create trigger payslip_lines_append_only before update or delete on payslip_lines
  for each row execute function payroll_refuse_change();
create trigger payslip_lines_no_truncate before truncate on payslip_lines
  for each statement execute function payroll_refuse_change();

create function payroll_lines_have_payslip() returns trigger language plpgsql as $$
declare
  missing uuid;
begin
  select l.payslip_id into missing from new_lines l
    where not exists (select 1 from payslips p where p.id = l.payslip_id) limit 1;
  if found then
    raise exception 'insert on table "payslip_lines" violates its payslip''s key: payslip % does not exist', missing
      using errcode = 'foreign_key_violation', table = 'payslip_lines';
  end if;
  return null;
end $$;

alter table payslip_lines drop constraint payslip_lines_payslip_id_fkey;
create trigger payslip_lines_have_payslip after insert on payslip_lines
  referencing new table as new_lines for each statement execute function payroll_lines_have_payslip();
