// The payroll module's queries: contracts, salary requests, runs, payslips and their lines.
import { type Insertable, type Kysely, sql, type Transaction, type Updateable } from 'kysely';
import type { MemberScope } from '../../domain/access.ts';
import type { YearToDate } from '../../domain/payroll/payslip.ts';
import { insertRows, insertSerialized, type SerializedRows, serializeRows } from '../db/bulk.ts';
import type {
  Database,
  EmploymentContractsTable,
  PayrollEmployersTable,
  PayslipLinesTable,
  PayslipsTable,
  SalaryRequestStatus,
  SalaryRequestsTable,
} from '../db/schema.ts';
import type { ListParams } from '../http/lists.ts';

type Q = Kysely<Database> | Transaction<Database>;

const scoped = (scope: MemberScope) =>
  scope.all
    ? sql<boolean>`true`
    : sql<boolean>`(m.id in (${sql.join([...scope.memberIds, '00000000-0000-0000-0000-000000000000'])}) or m.office_id in (${sql.join([...scope.officeIds, '00000000-0000-0000-0000-000000000000'])}))`;

// ——— Contracts ———

const contractSelect = (db: Q) =>
  db
    .selectFrom('employmentContracts as c')
    .innerJoin('members as m', 'm.id', 'c.memberId')
    .innerJoin('legalEntities as e', 'e.id', 'c.entityId')
    .selectAll('c')
    .select([
      'm.number as memberNumber',
      'm.firstName',
      'm.lastName',
      'm.officeId',
      'e.code as entityCode',
      'e.name as entityName',
    ]);

export const findContract = (db: Q, id: string) =>
  contractSelect(db).where('c.id', '=', id).executeTakeFirst();
export type ContractRow = NonNullable<Awaited<ReturnType<typeof findContract>>>;
export async function listContracts(
  db: Q,
  scope: MemberScope,
  f: { memberId?: string | undefined; entityId?: string | undefined },
  p: ListParams,
) {
  let q = contractSelect(db).where(scoped(scope));
  if (f.memberId) q = q.where('c.memberId', '=', f.memberId);
  if (f.entityId) q = q.where('c.entityId', '=', f.entityId);
  const [rows, count] = await Promise.all([
    q
      .orderBy('m.lastName')
      .orderBy('m.firstName')
      .orderBy('c.startDate', 'desc')
      .limit(p.limit)
      .offset(p.offset)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** The member's contracts with an entity (for the one that covers a month). */
export const contractsOf = (db: Q, memberId: string, entityId: string) =>
  contractSelect(db)
    .where('c.memberId', '=', memberId)
    .where('c.entityId', '=', entityId)
    .orderBy('c.startDate', 'desc')
    .execute();

export const insertContract = (trx: Q, row: Insertable<EmploymentContractsTable>) =>
  trx.insertInto('employmentContracts').values(row).returning('id').executeTakeFirstOrThrow();

export const updateContract = (trx: Q, id: string, patch: Updateable<EmploymentContractsTable>) =>
  trx.updateTable('employmentContracts').set(patch).where('id', '=', id).execute();

/** Employees of an entity in a month: members with a contract covering some day of it. */
export async function headcount(db: Q, entityId: string, period: string) {
  const first = `${period}-01`;
  const r = await db
    .selectFrom('employmentContracts')
    .select(sql<number>`count(distinct member_id)`.as('n'))
    .where('entityId', '=', entityId)
    .where('startDate', '<=', sql<string>`(${first}::date + interval '1 month' - interval '1 day')::date`)
    .where((eb) => eb.or([eb('endDate', 'is', null), eb('endDate', '>=', first)]))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export const memberFacts = (db: Q, id: string) =>
  db
    .selectFrom('members')
    .select([
      'id',
      'number',
      'firstName',
      'lastName',
      'officeId',
      'status',
      'nirEncrypted',
      'ibanEncrypted',
      'bic',
      'addressLine',
      'postalCode',
      'city',
      'birthDate',
      'sex',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
export type MemberFacts = NonNullable<Awaited<ReturnType<typeof memberFacts>>>;

export const entityFacts = (db: Q, id: string) =>
  db
    .selectFrom('legalEntities as e')
    .leftJoin('payrollEmployers as p', 'p.entityId', 'e.id')
    .select([
      'e.id',
      'e.code',
      'e.name',
      'e.legalForm',
      'e.siren',
      'e.addressLine',
      'e.postalCode',
      'e.city',
      'p.siret',
      'p.nafCode',
      'p.urssafName',
      'p.urssafAccount',
      'p.collectiveAgreement',
      'p.bankIban',
      'p.bankBic',
    ])
    .where('e.id', '=', id)
    .executeTakeFirst();
export type EntityFacts = NonNullable<Awaited<ReturnType<typeof entityFacts>>>;

export const upsertEmployer = (trx: Q, row: Insertable<PayrollEmployersTable>) =>
  trx
    .insertInto('payrollEmployers')
    .values(row)
    .onConflict((oc) => oc.column('entityId').doUpdateSet({ ...row, entityId: undefined }))
    .execute();

// ——— Salary requests ———

/** Locks the activity row: requests against one activity are decided one after the other. */
export const lockActivity = (trx: Transaction<Database>, id: string) =>
  trx
    .selectFrom('activities')
    .select(['id', 'status', 'entityId'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();

/** What the activity's requests not yet posted hold. */
export async function pendingOf(db: Q, activityId: string) {
  const r = await db
    .selectFrom('salaryRequests')
    .select(sql<string>`coalesce(sum(reserved_cents), 0)`.as('n'))
    .where('activityId', '=', activityId)
    .where('status', 'in', ['submitted', 'validated'])
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * The day the guarantee fund promised a request's salary by (ADR 0016): its covers', granted together
 * with one date. A cancelled cover promises nothing; a released or absorbed one still does (the client
 * paid the fund back, the member is still owed their salary).
 */
const payableOn = sql<string | null>`(select min(g.payable_on)::text from guarantee_covers g
  where g.salary_request_id = r.id and g.status <> 'cancelled')`;

const requestSelect = (db: Q) =>
  db
    .selectFrom('salaryRequests as r')
    .innerJoin('members as m', 'm.id', 'r.memberId')
    .innerJoin('activities as a', 'a.id', 'r.activityId')
    .innerJoin('legalEntities as e', 'e.id', 'r.entityId')
    .leftJoin('payslips as p', 'p.salaryRequestId', 'r.id')
    .selectAll('r')
    .select([
      'm.number as memberNumber',
      'm.firstName',
      'm.lastName',
      'm.officeId',
      'a.name as activityName',
      'e.code as entityCode',
      'e.name as entityName',
      'p.id as payslipId',
      payableOn.as('payableOn'),
    ]);

export const findRequest = (db: Q, id: string) => requestSelect(db).where('r.id', '=', id).executeTakeFirst();
export type RequestRow = NonNullable<Awaited<ReturnType<typeof findRequest>>>;
export async function listRequests(
  db: Q,
  scope: MemberScope,
  f: {
    status?: SalaryRequestStatus | readonly SalaryRequestStatus[] | undefined;
    entityId?: string | undefined;
    period?: string | undefined;
    activityId?: string | undefined;
    memberId?: string | undefined;
    /** Only the requests the guarantee fund covers (true) or only the others (false). */
    covered?: boolean | undefined;
  },
  p: ListParams,
) {
  let q = requestSelect(db).where(scoped(scope));
  if (typeof f.status === 'string') q = q.where('r.status', '=', f.status);
  else if (f.status)
    q = f.status.length ? q.where('r.status', 'in', [...f.status]) : q.where(sql<boolean>`false`);
  if (f.entityId) q = q.where('r.entityId', '=', f.entityId);
  if (f.period) q = q.where('r.period', '=', f.period);
  if (f.activityId) q = q.where('r.activityId', '=', f.activityId);
  if (f.memberId) q = q.where('r.memberId', '=', f.memberId);
  if (f.covered !== undefined)
    q = q.where(f.covered ? sql<boolean>`${payableOn} is not null` : sql<boolean>`${payableOn} is null`);
  // By payable-by day: covered requests first, the nearest day first (what must be paid first),
  // then the others newest first.
  const ordered =
    p.sort?.column === 'payableOn'
      ? q.orderBy(sql`${payableOn} is null`).orderBy(payableOn).orderBy('r.createdAt', 'desc')
      : q.orderBy('r.createdAt', 'desc');
  const [rows, count] = await Promise.all([
    ordered.orderBy('r.id').limit(p.limit).offset(p.offset).execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/**
 * The payable-by days of the covered requests still to pay that the scope sees: as many as the fund
 * has covers outstanding, a few dozen.
 */
export const coveredToPay = (db: Q, scope: MemberScope) =>
  db
    .selectFrom('salaryRequests as r')
    .innerJoin('members as m', 'm.id', 'r.memberId')
    .select(payableOn.as('payableOn'))
    .where(scoped(scope))
    .where('r.status', 'in', ['submitted', 'validated'])
    .where(sql<boolean>`${payableOn} is not null`)
    .execute();

export const insertRequest = (trx: Q, row: Insertable<SalaryRequestsTable>) =>
  trx.insertInto('salaryRequests').values(row).returning('id').executeTakeFirstOrThrow();

/** Changes a request's status only from the one expected; answers whether it did. */
export async function moveRequest(
  trx: Q,
  id: string,
  from: SalaryRequestStatus[],
  patch: Updateable<SalaryRequestsTable>,
): Promise<boolean> {
  const r = await trx
    .updateTable('salaryRequests')
    .set(patch)
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ——— Runs ———

const runSelect = (db: Q) =>
  db
    .selectFrom('payrollRuns as r')
    .innerJoin('legalEntities as e', 'e.id', 'r.entityId')
    .selectAll('r')
    .select(['e.code as entityCode', 'e.name as entityName'])
    .select([
      sql<number>`(select count(*) from salary_requests q where q.run_id = r.id)`.as('total'),
      sql<number>`(select count(*) from payslips p where p.run_id = r.id)`.as('done'),
    ]);

export const findRun = (db: Q, id: string) => runSelect(db).where('r.id', '=', id).executeTakeFirst();
export type RunRow = NonNullable<Awaited<ReturnType<typeof findRun>>>;

export const lockRun = (trx: Transaction<Database>, id: string) =>
  trx.selectFrom('payrollRuns').select(['id', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();

export async function listRuns(db: Q, f: { entityId?: string | undefined }, p: ListParams) {
  let q = runSelect(db);
  if (f.entityId) q = q.where('r.entityId', '=', f.entityId);
  const [rows, count] = await Promise.all([
    q.orderBy('r.period', 'desc').orderBy('r.createdAt', 'desc').limit(p.limit).offset(p.offset).execute(),
    db
      .selectFrom('payrollRuns')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .$if(Boolean(f.entityId), (qb) => qb.where('entityId', '=', f.entityId as string))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export const insertRun = (
  trx: Q,
  row: { entityId: string; period: string; rulesetId: string; createdBy: string },
) => trx.insertInto('payrollRuns').values(row).returning('id').executeTakeFirstOrThrow();

/** Attaches the validated requests of the entity and month that no run holds yet. */
export const attachValidated = (trx: Q, runId: string, entityId: string, period: string) =>
  trx
    .updateTable('salaryRequests')
    .set({ runId })
    .where('entityId', '=', entityId)
    .where('period', '=', period)
    .where('status', '=', 'validated')
    .where('runId', 'is', null)
    .execute();

/**
 * A batch of a run's requests with what computing and posting them needs, in one query: the
 * request, its member's name and its contract's terms, and nothing else (a run reads 75,000 of
 * them; their timestamps and the names shown elsewhere would only cost parsing).
 */
export const requestsToPay = (db: Q, ids: readonly string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('salaryRequests as r')
        // Each member and contract by its key (a join the planner may do by reading the whole table
        // at every batch: its cost would grow with the cooperative).
        .innerJoinLateral(
          (eb) =>
            eb
              .selectFrom('members')
              .select(['number', 'firstName', 'lastName'])
              .whereRef('members.id', '=', 'r.memberId')
              .limit(1)
              .as('m'),
          (join) => join.onTrue(),
        )
        .innerJoinLateral(
          (eb) =>
            eb
              .selectFrom('employmentContracts')
              .select([
                'type',
                'noWorkingTime',
                'cadre',
                'partTimeHoursPerWeek',
                'alsaceMoselle',
                'intermittent',
                'portageLevel',
                'portageFixedTerm',
                'startDate',
                'endDate',
                'withholdingRateBp',
                'rulesetId',
              ])
              .whereRef('employmentContracts.id', '=', 'r.contractId')
              .limit(1)
              .as('c'),
          (join) => join.onTrue(),
        )
        .select([
          'r.id',
          'r.activityId',
          'r.memberId',
          'r.entityId',
          'r.contractId',
          'r.amountKind',
          'r.amountCents',
          'r.headcount',
          'r.status',
          'r.comment',
          'r.runId',
          'm.number as memberNumber',
          'm.firstName',
          'm.lastName',
          'c.type',
          'c.noWorkingTime',
          'c.cadre',
          'c.partTimeHoursPerWeek',
          'c.alsaceMoselle',
          'c.intermittent',
          'c.portageLevel',
          'c.portageFixedTerm',
          'c.startDate',
          'c.endDate',
          'c.withholdingRateBp',
          'c.rulesetId',
        ])
        .where('r.id', 'in', ids)
        .execute();
export type RequestToPay = Awaited<ReturnType<typeof requestsToPay>>[number];

/** Requests of a run still without a payslip, in a stable order. */
export const requestsToCompute = (db: Q, runId: string) =>
  db
    .selectFrom('salaryRequests as r')
    .leftJoin('payslips as p', 'p.salaryRequestId', 'r.id')
    .select(['r.id'])
    .where('r.runId', '=', runId)
    .where('p.id', 'is', null)
    .orderBy('r.createdAt')
    .orderBy('r.id')
    .execute();

export const closeRun = (trx: Q, id: string, at: string, by: string) =>
  trx
    .updateTable('payrollRuns')
    .set({ status: 'closed', closedAt: at, closedBy: by })
    .where('id', '=', id)
    .execute();

// ——— Payslips ———

/**
 * A batch of payslips and their lines (serialized ahead with serializePayslipLines), two statements
 * whatever their number (a run posts them by the hundred).
 */
export async function insertPayslips(
  trx: Q,
  payslips: readonly Insertable<PayslipsTable>[],
  lines: readonly SerializedRows[],
) {
  await insertRows(trx, 'payslips', payslipColumns, payslips);
  await insertSerialized(trx, 'payslipLines', payslipLineColumns, lines);
}
/** A payslip's lines made ready for insertPayslips: nineteen rows or so, turned into text where the payslip is drafted. */
export const serializePayslipLines = (lines: readonly Insertable<PayslipLinesTable>[]) =>
  serializeRows<'payslipLines'>(payslipLineColumns, lines);
const payslipColumns = {
  id: 'uuid',
  runId: 'uuid',
  salaryRequestId: 'uuid',
  memberId: 'uuid',
  activityId: 'uuid',
  entityId: 'uuid',
  contractId: 'uuid',
  period: 'text',
  rulesetId: 'text',
  rulesPackage: 'text',
  rulesVersion: 'text',
  hoursPerMonth: 'numeric',
  grossCents: 'bigint',
  grossPayCents: 'bigint',
  employeeContributionsCents: 'bigint',
  employerContributionsCents: 'bigint',
  rgduCents: 'bigint',
  netBeforeTaxCents: 'bigint',
  netTaxableCents: 'bigint',
  withholdingRateBp: 'integer',
  withholdingCents: 'bigint',
  netPaidCents: 'bigint',
  employerCostCents: 'bigint',
  portageReserveCents: 'bigint',
  ytdGrossCents: 'bigint',
  ytdNetTaxableCents: 'bigint',
  ytdWithholdingCents: 'bigint',
  ytdNetPaidCents: 'bigint',
  ytdEmployerCostCents: 'bigint',
  journalEntryId: 'uuid',
  computedAt: 'timestamptz',
} as const;
const payslipLineColumns = {
  payslipId: 'uuid',
  lineNo: 'smallint',
  family: 'text',
  code: 'text',
  body: 'text',
  baseCents: 'bigint',
  employeeRatePpm: 'integer',
  employeeCents: 'bigint',
  employerRatePpm: 'integer',
  employerCents: 'bigint',
} as const;

/** Moves these requests from `from`; how many moved. */
export async function moveRequests(
  trx: Q,
  ids: readonly string[],
  from: SalaryRequestStatus[],
  patch: Updateable<SalaryRequestsTable>,
): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await trx
    .updateTable('salaryRequests')
    .set(patch)
    .where('id', 'in', ids)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Totals of these members' payslips of the year up to this period, with this employer, per member. */
export async function yearToDateOf(db: Q, memberIds: readonly string[], entityId: string, period: string) {
  if (memberIds.length === 0) return new Map<string, YearToDate>();
  const rows = await db
    .selectFrom('payslips')
    .select([
      'memberId',
      sql<string>`coalesce(sum(gross_pay_cents), 0)`.as('gross'),
      sql<string>`coalesce(sum(net_taxable_cents), 0)`.as('netTaxable'),
      sql<string>`coalesce(sum(withholding_cents), 0)`.as('withholding'),
      sql<string>`coalesce(sum(net_paid_cents), 0)`.as('netPaid'),
      sql<string>`coalesce(sum(employer_cost_cents), 0)`.as('employerCost'),
    ])
    .where('memberId', 'in', memberIds)
    .where('entityId', '=', entityId)
    .where('period', '>=', `${period.slice(0, 4)}-01`)
    .where('period', '<=', period)
    .groupBy('memberId')
    .execute();
  return new Map<string, YearToDate>(
    rows.map((r) => [
      r.memberId as string,
      {
        grossCents: Number(r.gross),
        netTaxableCents: Number(r.netTaxable),
        withholdingCents: Number(r.withholding),
        netPaidCents: Number(r.netPaid),
        employerCostCents: Number(r.employerCost),
      },
    ]),
  );
}

const payslipSelect = (db: Q) =>
  db
    .selectFrom('payslips as p')
    .innerJoin('members as m', 'm.id', 'p.memberId')
    .innerJoin('activities as a', 'a.id', 'p.activityId')
    .innerJoin('legalEntities as e', 'e.id', 'p.entityId')
    .innerJoin('journalEntries as je', 'je.id', 'p.journalEntryId')
    .innerJoin('ledgerJournals as j', 'j.id', 'je.journalId')
    .innerJoin('fiscalYears as fy', 'fy.id', 'je.fiscalYearId')
    .selectAll('p')
    .select([
      'm.number as memberNumber',
      'm.firstName',
      'm.lastName',
      'm.officeId',
      'a.name as activityName',
      'e.code as entityCode',
      'e.name as entityName',
      sql<string>`j.code || '-' || fy.code || '-' || lpad(je.number::text, 6, '0')`.as('entryReference'),
    ]);

export const findPayslip = (db: Q, id: string) => payslipSelect(db).where('p.id', '=', id).executeTakeFirst();
export type PayslipRow = NonNullable<Awaited<ReturnType<typeof findPayslip>>>;

export const payslipLinesOf = (db: Q, ids: readonly string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('payslipLines')
        .selectAll()
        .where('payslipId', 'in', ids)
        .orderBy('payslipId')
        .orderBy('lineNo')
        .execute();

export async function listPayslips(
  db: Q,
  f: { memberId?: string | undefined; runId?: string | undefined; ownOnly: string | null },
  p: ListParams,
) {
  let q = payslipSelect(db);
  if (f.ownOnly) q = q.where('p.memberId', '=', f.ownOnly);
  if (f.memberId) q = q.where('p.memberId', '=', f.memberId);
  if (f.runId) q = q.where('p.runId', '=', f.runId);
  const [rows, count] = await Promise.all([
    q
      .orderBy('p.period', 'desc')
      .orderBy('m.lastName')
      .orderBy('p.id')
      .limit(p.limit)
      .offset(p.offset)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Every payslip of a run with what a transfer needs (the sealed IBAN is opened by the service). */
export const runTransfers = (db: Q, runId: string) =>
  db
    .selectFrom('payslips as p')
    .innerJoin('members as m', 'm.id', 'p.memberId')
    .select([
      'p.id',
      'p.period',
      'p.netPaidCents',
      'm.number',
      'm.firstName',
      'm.lastName',
      'm.ibanEncrypted',
      'm.bic',
    ])
    .where('p.runId', '=', runId)
    .orderBy('m.lastName')
    .orderBy('p.id')
    .execute();

/** What a run's payslips pay, summed: the nets and the income tax withheld. */
export const runPaid = (db: Q, runId: string) =>
  db
    .selectFrom('payslips')
    .select([
      sql<string>`coalesce(sum(net_paid_cents), 0)`.as('netPaid'),
      sql<string>`coalesce(sum(withholding_cents), 0)`.as('withholding'),
    ])
    .where('runId', '=', runId)
    .executeTakeFirstOrThrow();

/** Contribution totals per body and family over the payslips of a run. */
export const runContributions = (db: Q, runId: string) =>
  db
    .selectFrom('payslipLines as l')
    .innerJoin('payslips as p', 'p.id', 'l.payslipId')
    .select([
      'l.body',
      'l.family',
      'l.code',
      sql<string>`sum(l.base_cents)`.as('base'),
      sql<string>`sum(l.employee_cents)`.as('employee'),
      sql<string>`sum(l.employer_cents)`.as('employer'),
      sql<string>`count(*)`.as('payslips'),
    ])
    .where('p.runId', '=', runId)
    .where('l.body', 'is not', null)
    .groupBy(['l.body', 'l.family', 'l.code'])
    .orderBy('l.body')
    .orderBy('l.family')
    .orderBy('l.code')
    .execute();
