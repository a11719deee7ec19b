-- Portage salarial on a fixed-term contract (C. trav. L1254-10 to L1254-18) as well as on an
-- open-ended one (L1254-19): the payslip then follows the general rules of a CDD (end-of-contract
-- indemnity, CPF-CDD contribution). Only a portage contract with an end date can be one.
alter table employment_contracts add column portage_fixed_term boolean not null default false;
alter table employment_contracts add constraint employment_contracts_portage_fixed_term
  check (not portage_fixed_term or (type = 'PORTAGE' and end_date is not null));
