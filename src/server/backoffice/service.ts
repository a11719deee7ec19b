// The back office: the advisers' cockpit (what waits for a decision in their offices, and the
// activities to look at) and the direction's dashboard (figures per entity, office and month).
//
// The cockpit reads each queue from the module that owns it (sales, expenses, salaries, members,
// advances), through that module's own list with its own scoping: it looks at the chosen offices
// as an adviser of those offices does, never with more rights than the person asking.
import { type Actor, can } from '../../domain/access.ts';
import {
  buildDashboard,
  type Cell,
  type DashboardExportRow,
  dashboardCells,
  dashboardExportRows,
} from '../../domain/backoffice/dashboard.ts';
import { summarizeQueue, type WaitingItem, type WaitingItems } from '../../domain/backoffice/queues.ts';
import { assessRisk, compareRisk } from '../../domain/backoffice/risk.ts';
import {
  type AtRiskView,
  type CockpitView,
  type DashboardQuery,
  type DashboardView,
  defaultRiskThresholds,
  type QueueKey,
  type queueDeciders,
  type RiskThresholds,
} from '../../domain/backoffice/schemas.ts';
import type { IsoDate } from '../../domain/dates.ts';
import { notFound } from '../../domain/errors.ts';
import { lineEffect } from '../../domain/ledger/statement.ts';
import { listAdvances, pendingAdvancesByOffice } from '../advances/service.ts';
import type { Ctx } from '../context.ts';
import { listExpenses } from '../expenses/service.ts';
import type { ExportColumn } from '../http/exports.ts';
import type { ListParams } from '../http/lists.ts';
import { listDocuments } from '../invoicing/service.ts';
import { listMembers } from '../members/service.ts';
import { listEntities, listOffices } from '../organisation/service.ts';
import { coveredSalariesToPay, listSalaryRequests } from '../payroll/service.ts';
import { collectionQueue } from '../treasury/service.ts';
import * as store from './store.ts';

const todayOf = (ctx: Ctx): IsoDate => ctx.clock().toISOString().slice(0, 10);
const dayOf = (instant: string): IsoDate => instant.slice(0, 10);
const accountHref = (activityId: string) => `/activities/${activityId}/account`;

// ——— Scope ———

type CockpitScope = { officeIds: string[]; allOffices: boolean; offices: { id: string; name: string }[] };

/** Staff who see the whole cooperative (and may narrow to one office); advisers see their offices. */
async function cockpitScope(ctx: Ctx, officeId: string | undefined): Promise<CockpitScope> {
  if (!can(ctx.actor, 'backoffice.cockpit')) throw notFound('Cockpit');
  const wide = ctx.actor.roles.some((r) => r === 'admin' || r === 'accountant' || r === 'payroll');
  const all = await listOffices(ctx);
  const mine = wide ? all : all.filter((o) => ctx.actor.officeIds.includes(o.id));
  const offices = mine.map((o) => ({ id: o.id, name: o.name }));
  if (officeId !== undefined) {
    if (!mine.some((o) => o.id === officeId)) throw notFound('Office');
    return { officeIds: [officeId], allOffices: false, offices };
  }
  return { officeIds: mine.map((o) => o.id), allOffices: wide, offices };
}

/**
 * The asker as an adviser of these offices and nothing else: the queues' own lists then scope
 * themselves to those offices. Never more than the asker: the cockpit policy already lets them see
 * these offices, and the viewer has no member file, no other role.
 */
const viewerOf = (ctx: Ctx, officeIds: readonly string[]): Ctx => {
  const actor: Actor = {
    userId: ctx.actor.userId,
    email: ctx.actor.email,
    name: ctx.actor.name,
    roles: ['adviser'],
    officeIds,
    memberId: null,
  };
  return { ...ctx, actor };
};

// ——— Queues ———

/** How many waiting items a queue reads to find its oldest (the count is exact whatever). */
const window = 100;

/** The oldest page of a list sorted newest first: its last `window` items. */
async function oldestOf<T>(
  fetch: (p: ListParams) => Promise<{ items: T[]; total: number }>,
): Promise<{ items: T[]; total: number }> {
  const first = await fetch({ limit: window, offset: 0 });
  if (first.total <= window) return first;
  const last = await fetch({ limit: window, offset: first.total - window });
  return { items: last.items, total: first.total };
}

type QueueSource = {
  key: QueueKey;
  decidedBy: (typeof queueDeciders)[number];
  listHref: string;
  /** What waits in the viewer's offices; null when the source is not part of the platform. */
  load: (viewer: Ctx, asker: Ctx) => Promise<WaitingItems | null>;
};

const collectionOfKind = (kind: string) =>
  kind === 'quote' ? 'quotes' : kind === 'credit_note' ? 'credit-notes' : 'invoices';

/** Every queue of the cockpit, in the order shown. Adding a queue is adding an entry here. */
const queueSources: readonly QueueSource[] = [
  {
    // Quotes and invoices above the activity's cap, waiting for an adviser (the advisers' queue of sales).
    key: 'sales',
    decidedBy: 'adviser',
    listHref: '/sales/invoices?status=awaiting_validation',
    load: async (viewer) => {
      const page = await listDocuments(
        viewer,
        ['quote', 'invoice', 'deposit_invoice'],
        { status: 'awaiting_validation' },
        { limit: window, offset: 0, sort: { column: 'createdAt', direction: 'asc' } },
      );
      return {
        total: page.total,
        items: page.items.map(
          (d): WaitingItem => ({
            id: d.id,
            title: d.client.name,
            detail: [d.activity.name, d.subject].filter(Boolean).join(' — '),
            amountCents: d.totalExclVatCents,
            since: dayOf(d.createdAt),
            href: `/sales/${collectionOfKind(d.kind)}/${d.id}`,
            accountHref: accountHref(d.activity.id),
          }),
        ),
      };
    },
  },
  {
    // Expense claims and supplier invoices submitted for approval.
    key: 'expenses',
    decidedBy: 'adviser',
    listHref: '/expenses',
    load: async (viewer) => {
      const page = await oldestOf((p) => listExpenses(viewer, { status: 'submitted' }, p));
      return {
        total: page.total,
        items: page.items.map(
          (e): WaitingItem => ({
            id: e.id,
            title: `${e.reference} · ${e.label}`,
            detail: [e.member ? `${e.member.firstName} ${e.member.lastName}` : null, e.activity.name]
              .filter(Boolean)
              .join(' — '),
            amountCents: e.amountInclVatCents,
            since: e.submittedAt ? dayOf(e.submittedAt) : e.expenseDate,
            href: `/expenses?activityId=${e.activity.id}&status=submitted`,
            accountHref: accountHref(e.activity.id),
          }),
        ),
      };
    },
  },
  {
    // Salary requests waiting for the payroll team.
    key: 'salaries',
    decidedBy: 'payroll',
    listHref: '/payroll',
    load: async (viewer, asker) => {
      const page = await oldestOf((p) => listSalaryRequests(viewer, { status: 'submitted' }, p));
      const decides = can(asker.actor, 'salary.decide');
      return {
        total: page.total,
        items: page.items.map(
          (r): WaitingItem => ({
            id: r.id,
            title: `${r.member.firstName} ${r.member.lastName}`,
            detail: `${r.activity.name} — ${r.period}`,
            amountCents: r.grossCents,
            since: dayOf(r.createdAt),
            href: decides ? '/payroll' : `/members/${r.member.id}`,
            accountHref: accountHref(r.activity.id),
            payableOn: r.payableOn,
          }),
        ),
        // Salaries the fund promised by a day, validated or not: the adviser sees those running late.
        payable: await coveredSalariesToPay(viewer, todayOf(viewer)),
      };
    },
  },
  {
    // Advances and loans requested by activities, waiting for staff (the advances module).
    key: 'advances',
    decidedBy: 'adviser',
    listHref: '/advances',
    load: async (viewer) => {
      // The count and the oldest per office come from the advances module's own summary; the items
      // from its list, scoped as the viewer's.
      const pending = await pendingAdvancesByOffice(viewer.db, viewer.actor.officeIds);
      const list = await listAdvances(viewer, { status: 'requested' });
      return {
        total: pending.reduce((s, p) => s + p.count, 0),
        items: list.items.map(
          (v): WaitingItem => ({
            id: v.id,
            title: v.member.name,
            detail: [v.activity.name, v.purpose].filter(Boolean).join(' — '),
            amountCents: v.amountCents,
            since: dayOf(v.requestedAt),
            href: '/advances',
            accountHref: accountHref(v.activity.id),
          }),
        ),
      };
    },
  },
  {
    // New members: prospects registered in the offices, to welcome and sign up.
    key: 'members',
    decidedBy: 'adviser',
    listHref: '/members?status=prospect',
    load: async (viewer) => {
      const page = await listMembers(
        viewer,
        { status: 'prospect' },
        { limit: window, offset: 0, sort: { column: 'createdAt', direction: 'asc' } },
      );
      return {
        total: page.total,
        items: page.items.map(
          (m): WaitingItem => ({
            id: m.id,
            title: `${m.firstName} ${m.lastName}`,
            detail: [m.officeName, m.trades.join(', ')].filter(Boolean).join(' — '),
            amountCents: null,
            since: dayOf(m.createdAt),
            href: `/members/${m.id}`,
            accountHref: null,
          }),
        ),
      };
    },
  },
];

// ——— Activities at risk ———

async function activitiesAtRisk(
  ctx: Ctx,
  viewer: Ctx,
  officeIds: readonly string[],
  t: RiskThresholds,
  today: IsoDate,
): Promise<AtRiskView[]> {
  const activities = await store.followedActivities(ctx.db, officeIds);
  const [sums, overdue] = await Promise.all([
    store.activityAccountSums(
      ctx.db,
      activities.map((a) => a.id),
    ),
    collectionQueue(viewer, {}),
  ]);
  const balances = new Map<string, number>();
  for (const s of sums) balances.set(s.activityId, (balances.get(s.activityId) ?? 0) + lineEffect(s));
  const late = new Map<string, { cents: number; invoiceCount: number; oldestDaysLate: number }>();
  for (const i of overdue.items) {
    const o = late.get(i.activityId) ?? { cents: 0, invoiceCount: 0, oldestDaysLate: 0 };
    o.cents += i.outstandingCents;
    o.invoiceCount += 1;
    o.oldestDaysLate = Math.max(o.oldestDaysLate, i.daysLate);
    late.set(i.activityId, o);
  }
  const out: (AtRiskView & { name: string })[] = [];
  for (const a of activities) {
    const balanceCents = balances.get(a.id) ?? 0;
    const o = late.get(a.id) ?? { cents: 0, invoiceCount: 0, oldestDaysLate: 0 };
    const reasons = assessRisk(
      { openedOn: a.openedOn, balanceCents, lastRevenueOn: a.lastRevenueOn, overdue: o },
      t,
      today,
    );
    if (reasons.length === 0) continue;
    out.push({
      name: a.name,
      activity: { id: a.id, name: a.name, entityCode: a.entityCode },
      members: a.members,
      office: a.officeId && a.officeName ? { id: a.officeId, name: a.officeName } : null,
      balanceCents,
      overdueCents: o.cents,
      lastRevenueOn: a.lastRevenueOn,
      reasons,
      accountHref: accountHref(a.id),
    });
  }
  return out.sort(compareRisk).map(({ name: _, ...v }) => v);
}

// ——— Cockpit ———

export async function getCockpit(
  ctx: Ctx,
  q: { officeId?: string | undefined } & Partial<RiskThresholds>,
): Promise<CockpitView> {
  const scope = await cockpitScope(ctx, q.officeId);
  const today = todayOf(ctx);
  const thresholds: RiskThresholds = {
    balanceBelowCents: q.balanceBelowCents ?? defaultRiskThresholds.balanceBelowCents,
    overdueCents: q.overdueCents ?? defaultRiskThresholds.overdueCents,
    overdueDays: q.overdueDays ?? defaultRiskThresholds.overdueDays,
    inactiveMonths: q.inactiveMonths ?? defaultRiskThresholds.inactiveMonths,
  };
  const viewer = viewerOf(ctx, scope.officeIds);
  const queues = [];
  // One after the other: on the embedded database queries run one at a time anyway.
  for (const s of queueSources)
    queues.push(summarizeQueue(s.key, s.decidedBy, s.listHref, await s.load(viewer, ctx), today));
  const atRisk = await activitiesAtRisk(ctx, viewer, scope.officeIds, thresholds, today);
  return {
    today,
    officeIds: scope.allOffices ? [] : scope.officeIds,
    allOffices: scope.allOffices,
    offices: scope.offices,
    queues,
    atRisk,
    thresholds,
  };
}

// ——— Direction dashboard ———

async function dashboardInput(ctx: Ctx, q: DashboardQuery) {
  if (!can(ctx.actor, 'backoffice.dashboard')) throw notFound('Dashboard');
  const [entities, offices] = await Promise.all([listEntities(ctx), listOffices(ctx)]);
  if (q.entityId && !entities.some((e) => e.id === q.entityId)) throw notFound('Entity');
  if (q.officeId && !offices.some((o) => o.id === q.officeId)) throw notFound('Office');
  const filter: store.DashboardFilter = {
    entityIds: q.entityId ? [q.entityId] : entities.map((e) => e.id),
    officeId: q.officeId ?? null,
    from: `${q.year}-01-01`,
    to: `${q.year}-12-31`,
  };
  const rows = await store.ledgerAggregate(ctx.db, filter);
  const active = await store.activeMembers(ctx.db, filter);
  const fundTracked = await store.keepsFund(ctx.db, filter.entityIds);
  const names = {
    entities: new Map(entities.map((e) => [e.id, { id: e.id, code: e.code, name: e.name }])),
    offices: new Map(offices.map((o) => [o.id, { id: o.id, name: o.name }])),
  };
  return { rows, active, fundTracked, names };
}

export async function getDashboard(ctx: Ctx, q: DashboardQuery): Promise<DashboardView> {
  const { rows, active, fundTracked, names } = await dashboardInput(ctx, q);
  return buildDashboard(
    { year: q.year, entityId: q.entityId ?? null, officeId: q.officeId ?? null },
    rows,
    active,
    fundTracked,
    names,
  );
}

const exportHeaders = {
  fr: {
    month: 'Mois',
    entityCode: 'Entité',
    entityName: 'Nom de l’entité',
    officeName: 'Agence',
    invoicedCents: 'Chiffre d’affaires facturé HT',
    collectedCents: 'Encaissé TTC',
    feeCents: 'Contribution coopérative',
    grossSalariesCents: 'Salaires bruts',
    payrollCostCents: 'Coût employeur des salaires',
    activeMembers: 'Membres actifs',
    exposureCents: 'Couvertures du fonds en cours (fin de mois)',
    noOffice: 'Sans agence',
  },
  en: {
    month: 'Month',
    entityCode: 'Entity',
    entityName: 'Entity name',
    officeName: 'Office',
    invoicedCents: 'Turnover invoiced excl. VAT',
    collectedCents: 'Collected incl. VAT',
    feeCents: 'Cooperative fee',
    grossSalariesCents: 'Gross salaries',
    payrollCostCents: 'Employer cost of salaries',
    activeMembers: 'Active members',
    exposureCents: 'Fund covers outstanding (month end)',
    noOffice: 'No office',
  },
} as const;

export function dashboardColumns(lang: 'fr' | 'en'): ExportColumn<DashboardExportRow>[] {
  const h = exportHeaders[lang];
  const money = (k: keyof DashboardExportRow & `${string}Cents`): ExportColumn<DashboardExportRow> => ({
    header: h[k],
    kind: 'cents',
    value: (r) => r[k],
    width: 18,
  });
  return [
    { header: h.month, value: (r) => r.month, width: 10 },
    { header: h.entityCode, value: (r) => r.entityCode, width: 10 },
    { header: h.entityName, value: (r) => r.entityName, width: 28 },
    { header: h.officeName, value: (r) => r.officeName, width: 18 },
    money('invoicedCents'),
    money('collectedCents'),
    money('feeCents'),
    money('grossSalariesCents'),
    money('payrollCostCents'),
    { header: h.activeMembers, kind: 'integer', value: (r) => r.activeMembers, width: 14 },
    money('exposureCents'),
  ];
}

/** The dashboard's figures per month, entity and office, ready for a CSV or XLSX file. */
export async function exportDashboard(ctx: Ctx, q: DashboardQuery) {
  const { rows, active, names } = await dashboardInput(ctx, q);
  const cells: Cell[] = dashboardCells(q.year, rows, active);
  const lang = ctx.lang === 'en' ? 'en' : 'fr';
  const entity = q.entityId ? names.entities.get(q.entityId)?.code : null;
  const office = q.officeId ? names.offices.get(q.officeId)?.name : null;
  return {
    fileBase: ['tableau-de-bord', q.year, entity, office].filter(Boolean).join('-'),
    columns: dashboardColumns(lang),
    rows: dashboardExportRows(q.year, cells, names, exportHeaders[lang].noOffice),
  };
}
