// Payroll use cases: the public simulator; members' employment contracts; salary requests that hold
// part of an activity's balance; payroll runs that compute each payslip with its contract's pinned
// rules and post it to the payroll journal; payslips, the SEPA file of the net salaries and the
// contribution totals per body.
//
// Journal: each payslip is posted when it is computed (journal SAL, dated the last day of the
// month), in the same transaction as the payslip and the request becoming paid, a batch of payslips
// per transaction. A run that stops midway has posted exactly the batches it committed, and resuming
// computes only the others; closing the run posts nothing more (ADR 0010, ADR 0018).
import { performance } from 'node:perf_hooks';
import type { Transaction } from 'kysely';
import { type Actor, can, type EmployeeResource, memberScope } from '../../domain/access.ts';
import { type IsoDate, toIsoDate } from '../../domain/dates.ts';
import { DomainError, type ErrorCode, notFound } from '../../domain/errors.ts';
import { type PayableSummary, summarizePayable } from '../../domain/guarantee/payable.ts';
import { validateIban } from '../../domain/members/bank.ts';
import { formatNir, maskNir, validateNir } from '../../domain/members/nir.ts';
import { type Language, messageFor } from '../../domain/messages.ts';
import {
  type ContractTerms,
  type ContractView,
  contractIssues,
  coversPeriod,
  type EmploymentContractInput,
  type EmploymentContractPatch,
} from '../../domain/payroll/contracts.ts';
import { addYearToDate, bodies, payrollJournalLines } from '../../domain/payroll/payslip.ts';
import type {
  ContributionTotalsView,
  EmployerInput,
  PayrollRunView,
  PayslipView,
  SalaryBalanceView,
  SalaryPreviewView,
  SalaryRequestInput,
  SalaryRequestView,
} from '../../domain/payroll/requests.ts';
import { decideReservation } from '../../domain/payroll/reservation.ts';
import { payrollRulesets } from '../../domain/payroll/rulesets.ts';
import { type ComputedPayslip, computeSalary } from '../../domain/payroll/salary.ts';
import type { SimulationInput, SimulationView } from '../../domain/payroll/schemas.ts';
import { rulesetOrRefuse, simulateSalary } from '../../domain/payroll/simulation.ts';
import { activityResource, requireActivity } from '../activities/service.ts';
import { diff, recordAudit } from '../audit/service.ts';
import type { Ctx } from '../context.ts';
import { newRowId } from '../db/ids.ts';
import type { Database, PayrollRunsTable } from '../db/schema.ts';
import { transact } from '../db/transaction.ts';
import type { PayslipDocument } from '../documents/payslip-pdf.ts';
import { sepaCreditTransfers } from '../documents/sepa.ts';
import { cancelCoversOfRequestIn, decideCoverIn, grantCoverIn } from '../guarantee/service.ts';
import type { IdempotencyClaim } from '../http/idempotency.ts';
import { storeIdempotentAnswer } from '../http/idempotency.ts';
import { type ListParams, pageOf } from '../http/lists.ts';
import { activityAvailableBalance, postEntries } from '../ledger/service.ts';
import { evaluateRulesCompiled } from './compiled.ts';
import { type PayrollPool, payrollPool, type SalaryTask } from './pool.ts';
import * as store from './store.ts';

// The compiled rules answer what they support and hand the rest to the interpreter (ADR 0018).
export const simulate = (input: SimulationInput, lang: Language): SimulationView =>
  simulateSalary(input, evaluateRulesCompiled, lang);

const employeeOf = (r: { memberId: string; officeId: string | null }): EmployeeResource => ({
  kind: 'employee',
  memberId: r.memberId,
  officeId: r.officeId,
});

const invalid = (pointer: string, code: string) =>
  new DomainError('validation.failed', code, { errors: [{ pointer, code, message: code }] });

const refuse = (code: ErrorCode, pointer?: string) =>
  new DomainError(code, code, pointer ? { errors: [{ pointer, code, message: '' }] } : {});

// ——— Contracts ———

/** A contract's terms, from its row or from a request read with them. */
const termsOf = (
  c: Pick<
    store.ContractRow,
    | 'type'
    | 'noWorkingTime'
    | 'cadre'
    | 'partTimeHoursPerWeek'
    | 'alsaceMoselle'
    | 'intermittent'
    | 'portageLevel'
    | 'portageFixedTerm'
    | 'startDate'
    | 'endDate'
  >,
): ContractTerms => ({
  type: c.type,
  noWorkingTime: c.noWorkingTime,
  cadre: c.cadre,
  partTimeHoursPerWeek: c.partTimeHoursPerWeek === null ? null : Number(c.partTimeHoursPerWeek),
  alsaceMoselle: c.alsaceMoselle,
  intermittent: c.intermittent,
  portageLevel: c.portageLevel,
  portageFixedTerm: c.portageFixedTerm,
  startDate: c.startDate,
  endDate: c.endDate,
});

const presentContract = (c: store.ContractRow): ContractView => ({
  id: c.id,
  member: { id: c.memberId, number: c.memberNumber, firstName: c.firstName, lastName: c.lastName },
  entity: { id: c.entityId, code: c.entityCode, name: c.entityName },
  ...termsOf(c),
  portageFixedTerm: c.portageFixedTerm,
  jobTitle: c.jobTitle,
  withholdingRateBp: c.withholdingRateBp,
  rulesetId: c.rulesetId,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});

async function loadContract(
  ctx: Ctx,
  id: string,
  action: 'contract.read' | 'contract.manage' = 'contract.read',
) {
  const c = await store.findContract(ctx.db, id);
  if (!c || !can(ctx.actor, 'contract.read', employeeOf(c))) throw notFound('Contract');
  if (action === 'contract.manage' && !can(ctx.actor, 'contract.manage'))
    throw new DomainError('auth.forbidden', 'Only the payroll team changes contracts');
  return c;
}

export async function listContracts(
  ctx: Ctx,
  f: { memberId?: string | undefined; entityId?: string | undefined },
  p: ListParams,
) {
  const { rows, total } = await store.listContracts(ctx.db, memberScope(ctx.actor), f, p);
  return pageOf(rows.map(presentContract), total, p);
}

export const getContract = async (ctx: Ctx, id: string) => presentContract(await loadContract(ctx, id));

export async function createContract(ctx: Ctx, input: EmploymentContractInput) {
  if (!can(ctx.actor, 'contract.manage'))
    throw new DomainError('auth.forbidden', 'Only the payroll team creates contracts');
  const member = await store.memberFacts(ctx.db, input.memberId);
  if (!member) throw invalid('/memberId', 'member.unknown');
  if (member.status === 'exited') throw invalid('/memberId', 'member.exited');
  if (!(await store.entityFacts(ctx.db, input.entityId))) throw invalid('/entityId', 'entity.unknown');
  const id = await transact(ctx.db, async (trx) => {
    const { id } = await store.insertContract(trx, input);
    await recordAudit(
      trx,
      ctx,
      'contract.create',
      { type: 'employment_contract', id },
      diff(null, { ...input }),
    );
    return id;
  });
  return getContract(ctx, id);
}

export async function updateContract(ctx: Ctx, id: string, patch: EmploymentContractPatch) {
  const before = await loadContract(ctx, id, 'contract.manage');
  const merged = { ...termsOf(before), ...patch };
  const issues = contractIssues(merged);
  if (issues.length)
    throw new DomainError('validation.failed', 'Inconsistent contract', {
      errors: issues.map((i) => ({ pointer: `/${i.path}`, code: i.code, message: i.code })),
    });
  await transact(ctx.db, async (trx) => {
    await store.updateContract(trx, id, { ...patch, updatedAt: ctx.clock().toISOString() });
    await recordAudit(
      trx,
      ctx,
      'contract.update',
      { type: 'employment_contract', id },
      diff(presentContract(before), { ...presentContract(before), ...patch }),
    );
  });
  return getContract(ctx, id);
}

// ——— Employer identity on payslips ———

export async function getEmployer(ctx: Ctx, entityId: string) {
  if (!can(ctx.actor, 'payroll.read')) throw notFound('Employer');
  const e = await store.entityFacts(ctx.db, entityId);
  if (!e?.siret) throw notFound('Employer');
  return employerView(entityId, e);
}

const employerView = (entityId: string, e: store.EntityFacts) => ({
  entityId,
  siret: e.siret as string,
  nafCode: e.nafCode as string,
  urssafName: e.urssafName as string,
  urssafAccount: e.urssafAccount as string,
  collectiveAgreement: e.collectiveAgreement ?? '',
  bankIban: e.bankIban as string,
  bankBic: e.bankBic as string,
});

export async function setEmployer(ctx: Ctx, entityId: string, input: EmployerInput) {
  if (!can(ctx.actor, 'payroll.read')) throw notFound('Employer');
  if (!can(ctx.actor, 'payroll.run')) throw new DomainError('auth.forbidden', 'Payroll team only');
  const entity = await store.entityFacts(ctx.db, entityId);
  if (!entity) throw notFound('Entity');
  // The SIRET of an establishment starts with its company's SIREN.
  if (!input.siret.startsWith(entity.siren)) throw invalid('/siret', 'siret.siren_mismatch');
  await transact(ctx.db, async (trx) => {
    await store.upsertEmployer(trx, { entityId, ...input, updatedAt: ctx.clock().toISOString() });
    await recordAudit(
      trx,
      ctx,
      'payroll.employer_update',
      { type: 'legal_entity', id: entityId },
      diff(null, { ...input }),
    );
  });
  return getEmployer(ctx, entityId);
}

// ——— Salary requests ———

/** What a request needs before any money is held: the activity, the contract, the computed salary. */
async function prepare(ctx: Ctx, input: SalaryRequestInput) {
  const activity = await requireActivity(ctx, input.activityId);
  if (!can(ctx.actor, 'salary.request', activityResource(activity)))
    throw new DomainError('auth.forbidden', 'Only a member of the activity asks for a salary from it');
  if (activity.status !== 'open') throw refuse('salary.activity_closed', '/activityId');
  const memberId = ctx.actor.memberId as string;
  const member = (await store.memberFacts(ctx.db, memberId)) as store.MemberFacts;
  // Bank details and NIR were checked when entered; checked again as they are opened, since a payslip
  // and a transfer cannot do without them.
  if (!member.ibanEncrypted || !validateIban(ctx.sealer.open(member.ibanEncrypted)).ok)
    throw refuse('salary.missing_iban');
  if (!member.nirEncrypted || !validateNir(ctx.sealer.open(member.nirEncrypted)).ok)
    throw refuse('salary.missing_nir');
  rulesetOrRefuse(input.period);
  const contract = (await store.contractsOf(ctx.db, memberId, activity.entityId)).find((c) =>
    coversPeriod(c, input.period),
  );
  if (!contract) throw refuse('salary.no_contract', '/period');
  const headcount = Math.max(1, await store.headcount(ctx.db, activity.entityId, input.period));
  const computed = computeSalary(
    {
      contract: termsOf(contract),
      period: input.period,
      headcount,
      amount: { kind: input.amountKind, cents: input.amountCents },
      withholdingRateBp: contract.withholdingRateBp,
    },
    evaluateRulesCompiled,
    ctx.lang,
  );
  return { activity, memberId, contract, headcount, computed };
}

async function balanceOf(
  q: Parameters<typeof activityAvailableBalance>[0],
  activityId: string,
): Promise<SalaryBalanceView> {
  const [balanceCents, pendingSalaryCents] = await Promise.all([
    activityAvailableBalance(q, activityId),
    store.pendingOf(q, activityId),
  ]);
  return {
    activityId,
    balanceCents,
    pendingSalaryCents,
    availableForSalaryCents: balanceCents - pendingSalaryCents,
  };
}

export async function getSalaryBalance(ctx: Ctx, activityId: string) {
  const a = await requireActivity(ctx, activityId);
  if (!can(ctx.actor, 'activity.readAccount', activityResource(a))) throw notFound('Activity');
  return balanceOf(ctx.db, activityId);
}

export async function previewSalaryRequest(ctx: Ctx, input: SalaryRequestInput): Promise<SalaryPreviewView> {
  const { contract, headcount, computed } = await prepare(ctx, input);
  return {
    contractId: contract.id,
    headcount,
    hoursPerMonth: computed.hoursPerMonth,
    reservedCents: computed.reservedCents,
    portage: computed.portage,
    balance: await balanceOf(ctx.db, input.activityId),
    simulation: computed.view,
  };
}

const presentRequest = (r: store.RequestRow): SalaryRequestView => ({
  id: r.id,
  activity: { id: r.activityId, name: r.activityName },
  member: { id: r.memberId, number: r.memberNumber, firstName: r.firstName, lastName: r.lastName },
  entity: { id: r.entityId, code: r.entityCode, name: r.entityName },
  contractId: r.contractId,
  period: r.period,
  amountKind: r.amountKind,
  amountCents: Number(r.amountCents),
  grossCents: Number(r.grossCents),
  netCents: Number(r.netCents),
  employerCostCents: Number(r.employerCostCents),
  reservedCents: Number(r.reservedCents),
  status: r.status,
  comment: r.comment,
  decidedAt: r.decidedAt,
  runId: r.runId,
  payslipId: r.payslipId ?? null,
  payableOn: r.payableOn ?? null,
  createdAt: r.createdAt,
});

export async function createSalaryRequest(
  ctx: Ctx,
  input: SalaryRequestInput,
  claim: IdempotencyClaim | null = null,
): Promise<SalaryRequestView> {
  // The rules run before the transaction (a quarter of a second to solve a budget): the activity row
  // is held only while the balance is compared and the request written.
  const { activity, memberId, contract, headcount, computed } = await prepare(ctx, input);
  const id = await transact(ctx.db, async (trx) => {
    await store.lockActivity(trx, activity.id);
    const balance = await balanceOf(trx, activity.id);
    const reservation = {
      balanceCents: balance.balanceCents,
      pendingCents: balance.pendingSalaryCents,
      amountCents: computed.reservedCents,
    };
    let decision = decideReservation(reservation);
    // Beyond the balance, the guarantee fund may cover the salary from the activity's unpaid invoices
    // (ADR 0016): the request then holds the balance plus the cover, which is posted with it.
    const today = toIsoDate(ctx.clock());
    const cover = decision.ok
      ? null
      : await decideCoverIn(trx, {
          entityId: activity.entityId,
          activityId: activity.id,
          memberId,
          neededCents: computed.reservedCents - decision.availableCents,
          today,
        });
    if (cover?.covered) decision = decideReservation({ ...reservation, coverCents: cover.coveredCents });
    if (!decision.ok)
      throw new DomainError('salary.insufficient_balance', 'The balance does not cover this salary', {
        availableCents: decision.availableCents,
        neededCents: computed.reservedCents,
        errors: [{ pointer: '/amountCents', code: 'salary.insufficient_balance', message: '' }],
      });
    const now = ctx.clock().toISOString();
    const { id } = await store.insertRequest(trx, {
      activityId: activity.id,
      memberId,
      entityId: activity.entityId,
      contractId: contract.id,
      period: input.period,
      amountKind: input.amountKind,
      amountCents: input.amountCents,
      headcount,
      reservedCents: computed.reservedCents,
      grossCents: computed.view.grossCents,
      netCents: computed.view.netCents,
      employerCostCents: computed.view.employerCostCents,
      createdBy: ctx.actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(
      trx,
      ctx,
      'salary.request',
      { type: 'salary_request', id },
      diff(null, { ...input, reservedCents: computed.reservedCents }),
    );
    if (cover?.covered)
      await grantCoverIn(trx, ctx, cover, {
        entityId: activity.entityId,
        activityId: activity.id,
        memberId,
        salaryRequestId: id,
        today,
      });
    const view = presentRequest((await store.findRequest(trx, id)) as store.RequestRow);
    await storeIdempotentAnswer(trx, claim, view);
    return id;
  });
  return getSalaryRequest(ctx, id);
}

async function loadRequest(ctx: Ctx, id: string, decide = false) {
  const r = await store.findRequest(ctx.db, id);
  if (!r || !can(ctx.actor, 'salary.read', employeeOf(r))) throw notFound('Salary request');
  if (decide && !can(ctx.actor, 'salary.decide'))
    throw new DomainError('auth.forbidden', 'Only the payroll team decides salary requests');
  return r;
}

export const getSalaryRequest = async (ctx: Ctx, id: string) => presentRequest(await loadRequest(ctx, id));

export async function listSalaryRequests(
  ctx: Ctx,
  f: Parameters<typeof store.listRequests>[2],
  p: ListParams,
) {
  const { rows, total } = await store.listRequests(ctx.db, memberScope(ctx.actor), f, p);
  return pageOf(rows.map(presentRequest), total, p);
}

/**
 * The covered salaries still to pay that the caller sees, for the advisers' cockpit: how many, how
 * many due or past their payable-by day, and the nearest such day (ADR 0016).
 */
export async function coveredSalariesToPay(ctx: Ctx, today: IsoDate): Promise<PayableSummary> {
  const rows = await store.coveredToPay(ctx.db, memberScope(ctx.actor));
  return summarizePayable(
    rows.flatMap((r) => (r.payableOn ? [r.payableOn] : [])),
    today,
  );
}

async function decide(ctx: Ctx, id: string, to: 'validated' | 'returned', comment: string | null) {
  const before = await loadRequest(ctx, id, true);
  // A request already in a run stays there: the run pays it, or returns it if the rules refuse it.
  if (to === 'returned' && before.runId !== null) throw refuse('salary.invalid_status');
  await transact(ctx.db, (trx) => decideIn(trx, ctx, before, to, comment));
  return getSalaryRequest(ctx, id);
}

/**
 * Validates or returns a request inside the caller's transaction, from the status it must have, and
 * audits it. A request returned leaves its run, if any, and its guarantee-fund cover is cancelled.
 */
async function decideIn(
  trx: Transaction<Database>,
  ctx: Ctx,
  before: Pick<store.RequestRow, 'id' | 'status' | 'comment' | 'runId'>,
  to: 'validated' | 'returned',
  comment: string | null,
) {
  const now = ctx.clock().toISOString();
  const leaves = to === 'returned' && before.runId !== null;
  const moved = await store.moveRequest(
    trx,
    before.id,
    to === 'validated' ? ['submitted'] : ['submitted', 'validated'],
    {
      status: to,
      comment,
      decidedAt: now,
      decidedBy: ctx.actor.userId,
      updatedAt: now,
      ...(leaves ? { runId: null } : {}),
    },
  );
  if (!moved) throw refuse('salary.invalid_status');
  // A salary sent back is not paid: the guarantee-fund cover it took is cancelled (ADR 0016).
  if (to === 'returned') await cancelCoversOfRequestIn(trx, ctx, before.id);
  await recordAudit(
    trx,
    ctx,
    `salary.${to === 'validated' ? 'validate' : 'return'}`,
    { type: 'salary_request', id: before.id },
    {
      status: { from: before.status, to },
      ...(comment ? { comment: { from: before.comment, to: comment } } : {}),
      ...(leaves ? { runId: { from: before.runId, to: null } } : {}),
    },
  );
}

export const validateSalaryRequest = (ctx: Ctx, id: string, comment?: string) =>
  decide(ctx, id, 'validated', comment || null);
export const returnSalaryRequest = (ctx: Ctx, id: string, comment: string) =>
  decide(ctx, id, 'returned', comment);

// ——— Payroll runs ———

function allowRuns(actor: Actor, action: 'payroll.read' | 'payroll.run') {
  if (!can(actor, 'payroll.read')) throw notFound('Payroll runs');
  if (!can(actor, action)) throw new DomainError('auth.forbidden', 'Payroll team only');
}

const presentRun = (r: store.RunRow): PayrollRunView => ({
  id: r.id,
  entity: { id: r.entityId, code: r.entityCode, name: r.entityName },
  period: r.period,
  status: r.status,
  rulesetId: r.rulesetId,
  total: Number(r.total),
  done: Number(r.done),
  createdAt: r.createdAt,
  closedAt: r.closedAt,
});

async function loadRun(ctx: Ctx, id: string, action: 'payroll.read' | 'payroll.run' = 'payroll.read') {
  allowRuns(ctx.actor, action);
  const r = await store.findRun(ctx.db, id);
  if (!r) throw notFound('Payroll run');
  return r;
}

export const getRun = async (ctx: Ctx, id: string) => presentRun(await loadRun(ctx, id));

export async function listRuns(ctx: Ctx, f: { entityId?: string | undefined }, p: ListParams) {
  allowRuns(ctx.actor, 'payroll.read');
  const { rows, total } = await store.listRuns(ctx.db, f, p);
  return pageOf(rows.map(presentRun), total, p);
}

export async function createRun(
  ctx: Ctx,
  input: { entityId: string; period: string },
  claim: IdempotencyClaim | null = null,
) {
  allowRuns(ctx.actor, 'payroll.run');
  const entity = await store.entityFacts(ctx.db, input.entityId);
  if (!entity) throw invalid('/entityId', 'entity.unknown');
  const ruleset = rulesetOrRefuse(input.period);
  if (!entity.siret) throw refuse('payroll.employer_missing', '/entityId');
  const id = await transact(ctx.db, async (trx) => {
    const { id } = await store
      .insertRun(trx, { ...input, rulesetId: ruleset.id, createdBy: ctx.actor.userId })
      .catch((e: { code?: string }) => {
        if (e?.code === '23505') throw refuse('payroll.run_open', '/period');
        throw e;
      });
    const attached = await store.attachValidated(trx, id, input.entityId, input.period);
    if (attached.reduce((n, r) => n + Number(r.numUpdatedRows), 0) === 0)
      throw refuse('payroll.run_empty', '/period');
    await recordAudit(trx, ctx, 'payroll.run_create', { type: 'payroll_run', id }, diff(null, { ...input }));
    await storeIdempotentAnswer(trx, claim, presentRun((await store.findRun(trx, id)) as store.RunRow));
    return id;
  });
  return getRun(ctx, id);
}

export type ComputeOptions = {
  /**
   * Stops with an error after this many payslips (a crash in the middle of a run, for tests): between
   * two batches when it falls on a batch's end, else inside the batch's transaction, which rolls back.
   */
  failAfter?: number;
  /** Payslips posted per transaction (200 by default; 1 posts each in its own, as before batching). */
  batchSize?: number;
  /** The worker threads that compute the payslips (the process's pool by default). */
  pool?: PayrollPool;
  /**
   * Hears, for each batch, how many payslips it posted, how long this thread waited for their
   * computation and how long posting them took (its transaction): where a run's time goes
   * (bench/payroll-pool.bench.ts).
   */
  onBatch?: (o: { payslips: number; waitedMs: number; postedMs: number }) => void;
};

export const defaultBatchSize = 200;

const lastDayOf = (period: string) => {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

/**
 * Computes the payslips of a run still missing one and posts them by batches, each batch in one
 * transaction (payslips, lines, journal entries numbered in a row, the requests paid), so progress is
 * kept batch by batch and a crash loses at most the batch being written, computed again on resume. A
 * request never gets two payslips (unique key), nor two entries (ADR 0018).
 */
export async function computeRun(ctx: Ctx, id: string, o: ComputeOptions = {}) {
  const run = await loadRun(ctx, id, 'payroll.run');
  if (run.status === 'closed') throw refuse('payroll.run_closed');
  const batchSize = Math.max(1, Math.floor(o.batchSize ?? defaultBatchSize));
  // Requests validated since the run was opened join it.
  await transact(ctx.db, async (trx) => {
    const locked = await store.lockRun(trx, id);
    if (locked?.status !== 'open') throw refuse('payroll.run_closed');
    await store.attachValidated(trx, id, run.entityId, run.period);
  });
  // The workers compute ahead (two batches and a few more); this thread posts them, in order, a batch per
  // transaction. A crash loses only what was computed and not yet committed: resuming computes it again.
  const todo = await store.requestsToCompute(ctx.db, id);
  const pool = o.pool ?? payrollPool();
  // Requests, with their contracts, are read a batch at a time (one query), when the batch's first starts.
  const reads = new Map<number, Promise<Map<string, store.RequestToPay>>>();
  const readBatch = async (k: number) => {
    const ids = todo.slice(k * batchSize, (k + 1) * batchSize).map((r) => r.id);
    return new Map((await store.requestsToPay(ctx.db, ids)).map((r) => [r.id, r]));
  };
  const read = (index: number) => {
    const k = Math.floor(index / batchSize);
    let found = reads.get(k);
    if (!found) {
      found = readBatch(k);
      found.catch(() => {});
      reads.set(k, found);
      reads.delete(k - 3); // started long ago (a batch read again would only cost a query)
    }
    return found;
  };
  let next = 0;
  const start = () => {
    const index = next++;
    const requestId = (todo[index] as { id: string }).id;
    const job = read(index).then(async (requests): Promise<Outcome> => {
      const request = requests.get(requestId) as store.RequestToPay;
      try {
        const p = preparePayslip(run, request);
        // Drafted as soon as its worker answers: this thread does that work while the database
        // writes the batch before, rather than after it.
        return draftPayslip(run, p, await pool.compute(p.input));
      } catch (error) {
        // What the rules refuse for one request (below the minimum, no rules for the month…) sends
        // that request back to its member; the others are paid. Anything else stops the run.
        if (error instanceof DomainError) return { request, refusal: error };
        throw error;
      }
    });
    job.catch(() => {}); // awaited below, in order; a failure ahead must not go unhandled meanwhile
    return job;
  };
  // Two batches ahead: the workers compute the next batch while this one is posted.
  const window = Math.min(todo.length, 2 * batchSize + pool.size * 2);
  const ahead = Array.from({ length: window }, () => start());
  // Batch k is posted while batch k + 1 is gathered (and its payslips drafted as they arrive).
  const gather = async (size: number) => {
    const batch: Outcome[] = [];
    for (let k = 0; k < size; k++) {
      batch.push(await (ahead.shift() as ReturnType<typeof start>));
      if (next < todo.length) ahead.push(start());
    }
    return batch;
  };
  const sizeAt = (done: number) => Math.min(batchSize, todo.length - done);
  let done = 0;
  let waitFrom = performance.now();
  let gathering = todo.length > 0 ? gather(sizeAt(0)) : null;
  while (gathering) {
    const batch = await gathering;
    gathering = null;
    const size = batch.length;
    if (o.failAfter !== undefined && done >= o.failAfter) {
      await Promise.allSettled(ahead);
      throw new Error(`Payroll run stopped after ${done} payslips`);
    }
    const postFrom = performance.now();
    // A simulated crash falling inside this batch strikes after its writes, before the commit.
    const crash = o.failAfter !== undefined && o.failAfter < done + size ? o.failAfter : undefined;
    const posting = postPayslips(
      ctx,
      run,
      batch.filter((x) => 'draft' in x),
      batch.filter((x) => 'refusal' in x),
      crash === undefined ? {} : { crashAfterWrites: true },
    );
    posting.catch(() => {}); // awaited just below, after the next batch is asked for
    if (done + size < todo.length && crash === undefined) {
      gathering = gather(sizeAt(done + size));
      gathering.catch(() => {}); // awaited at the next turn, unless posting this one fails
    }
    try {
      await posting;
    } catch (error) {
      await Promise.allSettled([...ahead, ...(gathering ? [gathering] : [])]);
      throw crash === undefined
        ? error
        : new Error(`Payroll run stopped at payslip ${crash} of a batch of ${size}, rolled back`);
    }
    const postedAt = performance.now();
    o.onBatch?.({ payslips: size, waitedMs: postFrom - waitFrom, postedMs: postedAt - postFrom });
    waitFrom = postedAt;
    done += size;
  }
  return getRun(ctx, id);
}

type RunRef = Pick<PayrollRunsTable, 'period'> & { id: string; entityId: string };
type Drafted = { draft: ReturnType<typeof draftPayslip>['draft'] };
type Refused = { request: store.RequestToPay; refusal: DomainError };
type Outcome = Drafted | Refused;

/** What a payslip is computed from: the request, its contract and the rules for the month. */
function preparePayslip(run: RunRef, request: store.RequestToPay) {
  // The rules pinned by the contract, when they cover the month; else the month's own.
  const pinned = payrollRulesets.find((r) => r.id === request.rulesetId);
  const ruleset =
    pinned && pinned.firstPeriod <= run.period && run.period <= pinned.lastPeriod
      ? pinned
      : rulesetOrRefuse(run.period);
  const input: SalaryTask = {
    contract: termsOf(request),
    period: run.period,
    headcount: request.headcount,
    amount: { kind: request.amountKind, cents: Number(request.amountCents) },
    withholdingRateBp: request.withholdingRateBp,
  };
  return { request, ruleset, input };
}

/**
 * A computed payslip (checked to add up, its lines made by the worker) made ready to write, without
 * the database: its payroll entry and its row; only its year to date and its entry's number wait for the transaction.
 */
function draftPayslip(run: RunRef, p: ReturnType<typeof preparePayslip>, computed: ComputedPayslip) {
  const { request, ruleset } = p;
  const { view, lines } = computed;
  const id = newRowId();
  const label = `Salaire ${run.period} ${request.lastName} ${request.firstName}`.slice(0, 200);
  const monthEnd = lastDayOf(run.period);
  const entry = {
    entityId: request.entityId,
    journalCode: 'SAL',
    entryDate: monthEnd,
    label,
    pieceRef: `BS-${run.period}-${request.memberNumber}`.slice(0, 60),
    pieceDate: monthEnd,
    lines: payrollJournalLines({
      lines,
      netPaidCents: view.netAfterTaxCents,
      withholdingCents: view.withholding.amountCents,
      activityId: request.activityId,
      memberId: request.memberId,
      label,
    }),
    source: { type: 'payslip', id },
  };
  const payslip = {
    id,
    runId: run.id,
    salaryRequestId: request.id,
    memberId: request.memberId,
    activityId: request.activityId,
    entityId: request.entityId,
    contractId: request.contractId,
    period: run.period,
    rulesetId: ruleset.id,
    rulesPackage: ruleset.package,
    rulesVersion: ruleset.version,
    hoursPerMonth: computed.hoursPerMonth,
    grossCents: view.grossCents,
    grossPayCents: view.grossPayCents,
    employeeContributionsCents: view.employeeContributionsCents,
    employerContributionsCents: view.employerContributionsCents,
    rgduCents: view.rgduCents,
    netBeforeTaxCents: view.netCents,
    netTaxableCents: view.netTaxableCents,
    withholdingRateBp: view.withholding.rateBp,
    withholdingCents: view.withholding.amountCents,
    netPaidCents: view.netAfterTaxCents,
    employerCostCents: view.employerCostCents,
    portageReserveCents: computed.portage?.financialReserveCents ?? 0,
  };
  return {
    draft: {
      request,
      view,
      entry,
      payslip,
      lines: store.serializePayslipLines(lines.map((l, i) => ({ payslipId: id, lineNo: i + 1, ...l }))),
    },
  };
}

/**
 * Posts a batch of drafted payslips in one transaction: each SAL entry balanced and numbered after
 * the previous one (postEntries reserves the batch's numbers at once), the payslips with their year
 * to date and their lines in bulk inserts, every request paid, or nothing at all.
 */
async function postPayslips(
  ctx: Ctx,
  run: RunRef,
  batch: readonly Drafted[],
  refused: readonly Refused[],
  test: { crashAfterWrites?: boolean } = {},
) {
  if (batch.length === 0 && refused.length === 0) return;
  const now = ctx.clock();
  const drafts = batch.map((x) => x.draft);
  await transact(ctx.db, async (trx) => {
    const locked = await store.lockRun(trx, run.id);
    if (locked?.status !== 'open') throw refuse('payroll.run_closed');
    for (const { request, refusal } of refused) await returnFromRun(trx, ctx, request, refusal);
    if (drafts.length === 0) return;
    // The year so far of each member, then each payslip of the batch adds to it, in order (a member
    // with two requests in the month counts the first in the second's year to date).
    const ytdOf = await store.yearToDateOf(
      trx,
      [...new Set(drafts.map((x) => x.request.memberId))],
      run.entityId,
      run.period,
    );
    const zero = {
      grossCents: 0,
      netTaxableCents: 0,
      withholdingCents: 0,
      netPaidCents: 0,
      employerCostCents: 0,
    };
    const ytds = drafts.map(({ request, view }) => {
      const key = request.memberId;
      const ytd = addYearToDate(ytdOf.get(key) ?? zero, view);
      ytdOf.set(key, ytd);
      return ytd;
    });
    const entries = await postEntries(
      trx,
      ctx.actor,
      drafts.map((x) => x.entry),
      { now },
    );
    await store.insertPayslips(
      trx,
      drafts.map(({ payslip }, i) => {
        const ytd = ytds[i] as (typeof ytds)[number];
        return {
          ...payslip,
          ytdGrossCents: ytd.grossCents,
          ytdNetTaxableCents: ytd.netTaxableCents,
          ytdWithholdingCents: ytd.withholdingCents,
          ytdNetPaidCents: ytd.netPaidCents,
          ytdEmployerCostCents: ytd.employerCostCents,
          journalEntryId: (entries[i] as { id: string }).id,
          computedAt: now.toISOString(),
        };
      }),
      drafts.flatMap((x) => x.lines),
    );
    const paid = await store.moveRequests(
      trx,
      drafts.map((x) => x.request.id),
      ['validated'],
      { status: 'paid', updatedAt: now.toISOString() },
    );
    // A request returned or paid meanwhile: the whole batch rolls back, nothing half-posted.
    if (paid !== drafts.length) throw refuse('salary.invalid_status');
    if (test.crashAfterWrites) throw new Error('Crash before the commit');
  });
}

/** Sends a request the run could not compute back to its member, with the rules' reason (in French, the payroll desk's language). */
const returnFromRun = (
  trx: Transaction<Database>,
  ctx: Ctx,
  request: Pick<store.RequestRow, 'id' | 'status' | 'comment' | 'runId'>,
  refusal: DomainError,
) =>
  decideIn(
    trx,
    ctx,
    request,
    'returned',
    `Renvoyée par le calcul de la paie : ${messageFor(refusal.code, 'fr', refusal.message)}`.slice(0, 1000),
  );

export async function closeRun(ctx: Ctx, id: string) {
  const run = await loadRun(ctx, id, 'payroll.run');
  await transact(ctx.db, async (trx) => {
    const locked = await store.lockRun(trx, id);
    if (locked?.status !== 'open') throw refuse('payroll.run_closed');
    if ((await store.requestsToCompute(trx, id)).length > 0) throw refuse('payroll.run_incomplete');
    await store.closeRun(trx, id, ctx.clock().toISOString(), ctx.actor.userId);
    await recordAudit(
      trx,
      ctx,
      'payroll.run_close',
      { type: 'payroll_run', id },
      { status: { from: run.status, to: 'closed' } },
    );
  });
  return getRun(ctx, id);
}

// ——— Payslips ———

const presentPayslip = (
  p: store.PayslipRow,
  lines: Awaited<ReturnType<typeof store.payslipLinesOf>>,
): PayslipView => ({
  id: p.id,
  runId: p.runId,
  salaryRequestId: p.salaryRequestId,
  member: { id: p.memberId, number: p.memberNumber, firstName: p.firstName, lastName: p.lastName },
  activity: { id: p.activityId, name: p.activityName },
  entity: { id: p.entityId, code: p.entityCode, name: p.entityName },
  period: p.period,
  ruleset: { id: p.rulesetId, package: p.rulesPackage, version: p.rulesVersion },
  hoursPerMonth: Number(p.hoursPerMonth),
  grossCents: Number(p.grossCents),
  grossPayCents: Number(p.grossPayCents),
  employeeContributionsCents: Number(p.employeeContributionsCents),
  employerContributionsCents: Number(p.employerContributionsCents),
  rgduCents: Number(p.rgduCents),
  netBeforeTaxCents: Number(p.netBeforeTaxCents),
  netTaxableCents: Number(p.netTaxableCents),
  withholding: { rateBp: p.withholdingRateBp, amountCents: Number(p.withholdingCents) },
  netPaidCents: Number(p.netPaidCents),
  employerCostCents: Number(p.employerCostCents),
  portageReserveCents: Number(p.portageReserveCents),
  yearToDate: {
    grossCents: Number(p.ytdGrossCents),
    netTaxableCents: Number(p.ytdNetTaxableCents),
    withholdingCents: Number(p.ytdWithholdingCents),
    netPaidCents: Number(p.ytdNetPaidCents),
    employerCostCents: Number(p.ytdEmployerCostCents),
  },
  journalEntry: { id: p.journalEntryId, reference: p.entryReference },
  lines: lines
    .filter((l) => l.payslipId === p.id)
    .map((l) => ({
      family: l.family as PayslipView['lines'][number]['family'],
      code: l.code,
      body: l.body,
      baseCents: Number(l.baseCents),
      employeeRatePpm: l.employeeRatePpm,
      employeeCents: Number(l.employeeCents),
      employerRatePpm: l.employerRatePpm,
      employerCents: Number(l.employerCents),
    })),
  computedAt: p.computedAt,
});

export async function loadPayslip(ctx: Ctx, id: string) {
  const p = await store.findPayslip(ctx.db, id);
  if (!p || !can(ctx.actor, 'payslip.read', employeeOf(p))) throw notFound('Payslip');
  return { row: p, view: presentPayslip(p, await store.payslipLinesOf(ctx.db, [id])) };
}

export const getPayslip = async (ctx: Ctx, id: string) => (await loadPayslip(ctx, id)).view;

export async function listPayslips(
  ctx: Ctx,
  f: { memberId?: string | undefined; runId?: string | undefined },
  p: ListParams,
) {
  // The payroll team sees every payslip; anyone else only their own.
  const all = can(ctx.actor, 'payroll.run');
  if (!all && !ctx.actor.memberId) return pageOf([], 0, p);
  const { rows, total } = await store.listPayslips(
    ctx.db,
    { ...f, ownOnly: all ? null : ctx.actor.memberId },
    p,
  );
  const lines = await store.payslipLinesOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  return pageOf(
    rows.map((r) => presentPayslip(r, lines)),
    total,
    p,
  );
}

// ——— Contribution totals per body ———

export async function contributionTotals(ctx: Ctx, runId: string): Promise<ContributionTotalsView> {
  const run = presentRun(await loadRun(ctx, runId));
  const [rows, paid] = await Promise.all([
    store.runContributions(ctx.db, runId),
    store.runPaid(ctx.db, runId),
  ]);
  return {
    run,
    bodies: bodies.map((body) => {
      const lines = rows
        .filter((r) => r.body === body)
        .map((r) => ({
          family: r.family,
          code: r.code,
          baseCents: Number(r.base),
          employeeCents: Number(r.employee),
          employerCents: Number(r.employer),
          payslips: Number(r.payslips),
        }));
      const employeeCents = lines.reduce((t, l) => t + l.employeeCents, 0);
      const employerCents = lines.reduce((t, l) => t + l.employerCents, 0);
      return { body, employeeCents, employerCents, totalCents: employeeCents + employerCents, lines };
    }),
    netPaidCents: Number(paid.netPaid),
    withholdingCents: Number(paid.withholding),
  };
}

/** The SEPA file of a closed run's net salaries, from the entity's bank account. */
export async function runSepaFile(ctx: Ctx, id: string) {
  const run = await loadRun(ctx, id, 'payroll.run');
  if (run.status !== 'closed') throw refuse('payroll.run_not_closed');
  const employer = (await store.entityFacts(ctx.db, run.entityId)) as store.EntityFacts;
  const transfers = await store.runTransfers(ctx.db, id);
  const xml = sepaCreditTransfers({
    messageId: `SAL${run.period.replace('-', '')}-${run.id.slice(0, 8)}`,
    createdAt: ctx.clock(),
    executionDate: toIsoDate(ctx.clock()),
    debtor: { name: employer.name, iban: employer.bankIban as string, bic: employer.bankBic as string },
    transfers: transfers.map((t) => ({
      endToEndId: `SAL-${t.period}-${t.number}`,
      creditorName: `${t.firstName} ${t.lastName}`,
      creditorIban: ctx.sealer.open(t.ibanEncrypted as string),
      creditorBic: t.bic,
      amountCents: Number(t.netPaidCents),
      remittance: `Salaire ${t.period} ${employer.name}`,
    })),
  });
  return { fileName: `virements-salaires-${run.entityCode}-${run.period}.xml`, xml };
}

const contractNames: Record<ContractTerms['type'], string> = {
  CDI: 'CDI',
  CDD: 'CDD',
  CDD_USAGE: 'CDD d’usage',
  PORTAGE: 'Portage salarial',
};

/** What the printed payslip needs; the NIR in full only for the employee themself. */
export async function payslipDocument(ctx: Ctx, id: string): Promise<PayslipDocument> {
  const { row, view } = await loadPayslip(ctx, id);
  const [member, employer, contract] = await Promise.all([
    store.memberFacts(ctx.db, row.memberId) as Promise<store.MemberFacts>,
    store.entityFacts(ctx.db, row.entityId) as Promise<store.EntityFacts>,
    store.findContract(ctx.db, row.contractId) as Promise<store.ContractRow>,
  ]);
  const nir = member.nirEncrypted ? ctx.sealer.open(member.nirEncrypted) : '';
  const self = ctx.actor.memberId === row.memberId;
  return {
    payslip: view,
    employer: {
      name: employer.name,
      legalForm: employer.legalForm,
      addressLine: employer.addressLine,
      postalCode: employer.postalCode,
      city: employer.city,
      siret: employer.siret ?? '',
      nafCode: employer.nafCode ?? '',
      urssafName: employer.urssafName ?? '',
      urssafAccount: employer.urssafAccount ?? '',
      collectiveAgreement: employer.collectiveAgreement ?? '',
    },
    employee: {
      name: `${member.firstName} ${member.lastName}`,
      number: member.number,
      addressLine: member.addressLine,
      postalCode: member.postalCode,
      city: member.city,
      nir: self ? formatNir(nir) : maskNir(nir),
      jobTitle: contract.jobTitle,
      contract: `${contractNames[contract.type]}${
        contract.type === 'PORTAGE' ? (contract.portageFixedTerm ? ' (CDD)' : ' (CDI)') : ''
      }${contract.noWorkingTime ? ' — sans durée du travail (CAE)' : ''}${
        contract.partTimeHoursPerWeek ? ` — ${Number(contract.partTimeHoursPerWeek)} h/semaine` : ''
      }`,
      startDate: contract.startDate,
      cadre: contract.cadre,
    },
    paidOn: lastDayOf(row.period),
    createdAt: new Date(row.computedAt),
  };
}
