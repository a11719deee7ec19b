// The direction's dashboard from plain rows: the database sums ledger lines per entity, office,
// month and account (see the back-office store); this file says what each account means here, with
// the same definitions as the activity account (ledger/statement.ts), so that the dashboard of an
// entity over a year equals the sum of its activities' statements over that year.
//
// An activity's office is the office of its first member (ADR 0017). Lines with no activity (the
// cooperative's own side of an analytic entry) belong to no office.
import { hasRole } from '../ledger/chart.ts';
import type { DashboardFigures, DashboardView } from './schemas.ts';

export type LedgerAggregateRow = {
  entityId: string;
  officeId: string | null;
  /** `YYYY-MM` within the year, or null for what came before the year (balances only). */
  month: string | null;
  accountNumber: string;
  /** Whether the lines carry an activity. */
  tagged: boolean;
  /** Whether the lines' entries touch a bank account (class 5): a collection. */
  touchesTreasury: boolean;
  debitCents: number;
  creditCents: number;
};

/** Distinct active members: per entity and office (both null for the whole selection), per month (null: the year). */
export type ActiveMembersRow = {
  entityId: string | null;
  officeId: string | null;
  whole: boolean;
  month: string | null;
  members: number;
};

export const monthsOf = (year: number): string[] =>
  Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);

export const emptyDashboardFigures = (): DashboardFigures => ({
  invoicedCents: 0,
  collectedCents: 0,
  feeCents: 0,
  grossSalariesCents: 0,
  payrollCostCents: 0,
  activeMembers: 0,
});

/** What one aggregated row adds to the period's flows (the same definitions as statement.ts). */
export function flowsOf(r: LedgerAggregateRow): Omit<DashboardFigures, 'activeMembers'> {
  const out = {
    invoicedCents: 0,
    collectedCents: 0,
    feeCents: 0,
    grossSalariesCents: 0,
    payrollCostCents: 0,
  };
  if (!r.tagged) return out;
  const credit = r.creditCents - r.debitCents;
  const n = r.accountNumber;
  if (hasRole(n, 'revenue')) out.invoicedCents = credit;
  if (hasRole(n, 'client') && r.touchesTreasury) out.collectedCents = credit;
  if (hasRole(n, 'fee')) out.feeCents = -credit;
  if (hasRole(n, 'payroll')) out.payrollCostCents = -credit;
  if (n.startsWith('641')) out.grossSalariesCents = -credit;
  return out;
}

/** Covers granted by the fund and not yet released or written off: net debit of 962. */
export const exposureOf = (r: Pick<LedgerAggregateRow, 'accountNumber' | 'debitCents' | 'creditCents'>) =>
  r.accountNumber.startsWith('962') ? r.debitCents - r.creditCents : 0;

/** The fund's own money: its share of the fees (973) less the losses it absorbed (974). */
export const isFundAccount = (n: string) => n.startsWith('973') || n.startsWith('974');
export const fundOf = (r: Pick<LedgerAggregateRow, 'accountNumber' | 'debitCents' | 'creditCents'>) =>
  isFundAccount(r.accountNumber) ? r.creditCents - r.debitCents : 0;

export type CellMonth = DashboardFigures & { exposureCents: number };
export type Cell = { entityId: string; officeId: string | null; months: CellMonth[]; year: CellMonth };

const cellKey = (entityId: string | null, officeId: string | null) => `${entityId ?? ''}|${officeId ?? ''}`;
const addFlows = (to: DashboardFigures, f: Omit<DashboardFigures, 'activeMembers'>) => {
  to.invoicedCents += f.invoicedCents;
  to.collectedCents += f.collectedCents;
  to.feeCents += f.feeCents;
  to.grossSalariesCents += f.grossSalariesCents;
  to.payrollCostCents += f.payrollCostCents;
};

/** Figures per entity and office, month by month, with exposure at each month's end. */
export function dashboardCells(
  year: number,
  rows: readonly LedgerAggregateRow[],
  active: readonly ActiveMembersRow[],
): Cell[] {
  const months = monthsOf(year);
  const index = new Map(months.map((m, i) => [m, i]));
  const cells = new Map<string, Cell & { exposureDelta: number[]; opening: number }>();
  const cellOf = (entityId: string, officeId: string | null) => {
    const key = cellKey(entityId, officeId);
    let c = cells.get(key);
    if (!c) {
      c = {
        entityId,
        officeId,
        months: months.map(() => ({ ...emptyDashboardFigures(), exposureCents: 0 })),
        year: { ...emptyDashboardFigures(), exposureCents: 0 },
        exposureDelta: months.map(() => 0),
        opening: 0,
      };
      cells.set(key, c);
    }
    return c;
  };
  for (const r of rows) {
    const i = r.month === null ? -1 : index.get(r.month);
    if (i === undefined) continue;
    const flows = flowsOf(r);
    const exposure = exposureOf(r);
    if (exposure === 0 && Object.values(flows).every((v) => v === 0)) continue;
    const c = cellOf(r.entityId, r.officeId);
    if (i === -1) {
      c.opening += exposure;
      continue;
    }
    addFlows(c.months[i] as CellMonth, flows);
    addFlows(c.year, flows);
    (c.exposureDelta as number[])[i] = (c.exposureDelta[i] ?? 0) + exposure;
  }
  for (const a of active) {
    if (a.whole || a.entityId === null) continue;
    const c = cellOf(a.entityId, a.officeId);
    if (a.month === null) c.year.activeMembers = a.members;
    else {
      const i = index.get(a.month);
      if (i !== undefined) (c.months[i] as CellMonth).activeMembers = a.members;
    }
  }
  const out: Cell[] = [];
  for (const c of cells.values()) {
    let running = c.opening;
    c.months.forEach((m, i) => {
      running += c.exposureDelta[i] ?? 0;
      m.exposureCents = running;
    });
    c.year.exposureCents = running;
    out.push({ entityId: c.entityId, officeId: c.officeId, months: c.months, year: c.year });
  }
  return out;
}

/** The fund's balance at each month's end (null when no entity keeps the fund's accounts). */
export function fundBalances(
  year: number,
  rows: readonly LedgerAggregateRow[],
  tracked: boolean,
): (number | null)[] {
  const months = monthsOf(year);
  if (!tracked) return months.map(() => null);
  let running = 0;
  const delta = months.map(() => 0);
  for (const r of rows) {
    const v = fundOf(r);
    if (v === 0) continue;
    if (r.month === null) running += v;
    else {
      const i = months.indexOf(r.month);
      if (i >= 0) delta[i] = (delta[i] ?? 0) + v;
    }
  }
  return delta.map((d) => {
    running += d;
    return running;
  });
}

type Named = {
  entities: ReadonlyMap<string, { id: string; code: string; name: string }>;
  offices: ReadonlyMap<string, { id: string; name: string }>;
};

/** The dashboard: the selection month by month, its totals, and the year per entity and office. */
export function buildDashboard(
  q: { year: number; entityId: string | null; officeId: string | null },
  rows: readonly LedgerAggregateRow[],
  active: readonly ActiveMembersRow[],
  fundTracked: boolean,
  names: Named,
): DashboardView {
  const cells = dashboardCells(q.year, rows, active);
  const months = monthsOf(q.year);
  const fund = fundBalances(q.year, rows, fundTracked);
  const wholeActive = new Map(active.filter((a) => a.whole).map((a) => [a.month ?? 'year', a.members]));
  const series = months.map((month, i) => {
    const m = { month, ...emptyDashboardFigures(), exposureCents: 0, fundBalanceCents: fund[i] ?? null };
    for (const c of cells) {
      const cm = c.months[i] as CellMonth;
      addFlows(m, cm);
      m.exposureCents += cm.exposureCents;
    }
    m.activeMembers = wholeActive.get(month) ?? 0;
    return m;
  });
  const totals = { ...emptyDashboardFigures(), exposureCents: 0, fundBalanceCents: fund[11] ?? null };
  for (const c of cells) {
    addFlows(totals, c.year);
    totals.exposureCents += c.year.exposureCents;
  }
  totals.activeMembers = wholeActive.get('year') ?? 0;
  const breakdown = cells
    .flatMap((c) => {
      const entity = names.entities.get(c.entityId);
      if (!entity) return [];
      const office = c.officeId ? (names.offices.get(c.officeId) ?? { id: c.officeId, name: '?' }) : null;
      const { activeMembers, exposureCents, ...flows } = c.year;
      return [{ entity, office, ...flows, activeMembers, exposureCents }];
    })
    .sort(
      (a, b) =>
        a.entity.code.localeCompare(b.entity.code) ||
        (a.office === null ? 1 : b.office === null ? -1 : a.office.name.localeCompare(b.office.name, 'fr')),
    );
  return {
    year: q.year,
    entityId: q.entityId,
    officeId: q.officeId,
    months: series,
    totals,
    rows: breakdown,
  };
}

/** One line per entity, office and month: what a spreadsheet pivots on. */
export type DashboardExportRow = {
  month: string;
  entityCode: string;
  entityName: string;
  officeName: string;
} & CellMonth;

export function dashboardExportRows(
  year: number,
  cells: readonly Cell[],
  names: Named,
  noOffice: string,
): DashboardExportRow[] {
  const months = monthsOf(year);
  const rows: DashboardExportRow[] = [];
  for (const c of cells) {
    const entity = names.entities.get(c.entityId);
    if (!entity) continue;
    const officeName = c.officeId ? (names.offices.get(c.officeId)?.name ?? '?') : noOffice;
    c.months.forEach((m, i) => {
      rows.push({
        month: months[i] as string,
        entityCode: entity.code,
        entityName: entity.name,
        officeName,
        ...m,
      });
    });
  }
  return rows.sort(
    (a, b) =>
      a.month.localeCompare(b.month) ||
      a.entityCode.localeCompare(b.entityCode) ||
      a.officeName.localeCompare(b.officeName, 'fr'),
  );
}
