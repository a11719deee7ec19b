// What the back-office API takes and gives: the advisers' cockpit (validation queues, activities at
// risk) and the direction's dashboard (figures per entity, office and month, with their export).
import { z } from 'zod';

export const queueKeys = ['sales', 'expenses', 'salaries', 'advances', 'members'] as const;
export type QueueKey = (typeof queueKeys)[number];

/** Who decides the items of a queue (the cockpit shows every queue of the office, and says who acts). */
export const queueDeciders = ['adviser', 'payroll', 'staff'] as const;

export const queueItemView = z.object({
  id: z.string(),
  /** What it is: a document number, an expense reference, a member's name. */
  title: z.string(),
  /** Who and where: the activity, the member, the office. */
  detail: z.string(),
  amountCents: z.number().int().nullable(),
  /** The day the item started waiting (submission, request, registration). */
  since: z.string(),
  ageWorkingDays: z.number().int(),
  /** The item's own page. */
  href: z.string(),
  /** The activity's account, when the item belongs to an activity. */
  accountHref: z.string().nullable(),
  /** A salary the guarantee fund covers: the day it is promised to be paid by (null otherwise). */
  payableOn: z.string().nullable(),
});
export type QueueItemView = z.infer<typeof queueItemView>;

export const queueView = z.object({
  key: z.enum(queueKeys),
  decidedBy: z.enum(queueDeciders),
  /** False when the source of this queue is not part of the platform yet. */
  available: z.boolean(),
  count: z.number().int(),
  oldestSince: z.string().nullable(),
  oldestAgeWorkingDays: z.number().int().nullable(),
  /** The oldest items first. */
  items: z.array(queueItemView),
  /** The full list, filtered on what waits. */
  listHref: z.string(),
  /**
   * The salaries queue only: the salaries the guarantee fund covers that are still to pay (submitted
   * or validated), how many are due within two working days or past their payable-by day, and the
   * nearest such day. Null for the other queues.
   */
  payable: z
    .object({
      coveredCount: z.number().int(),
      dueCount: z.number().int(),
      overdueCount: z.number().int(),
      nearestPayableOn: z.string().nullable(),
    })
    .nullable(),
});
export type QueueView = z.infer<typeof queueView>;

export const riskReason = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('negative_balance'), balanceCents: z.number().int() }),
  z.object({
    kind: z.literal('overdue_receivables'),
    overdueCents: z.number().int(),
    invoiceCount: z.number().int(),
    oldestDaysLate: z.number().int(),
  }),
  z.object({
    kind: z.literal('inactive'),
    lastRevenueOn: z.string().nullable(),
    months: z.number().int(),
  }),
]);
export type RiskReason = z.infer<typeof riskReason>;

export const atRiskView = z.object({
  activity: z.object({ id: z.uuid(), name: z.string(), entityCode: z.string() }),
  members: z.array(z.object({ id: z.uuid(), name: z.string() })),
  office: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  balanceCents: z.number().int(),
  overdueCents: z.number().int(),
  lastRevenueOn: z.string().nullable(),
  reasons: z.array(riskReason).min(1),
  accountHref: z.string(),
});
export type AtRiskView = z.infer<typeof atRiskView>;

export const riskThresholds = z.object({
  /** An activity whose available balance is below this is at risk (0: any negative balance). */
  balanceBelowCents: z.number().int().default(0),
  /** Overdue receivables (incl. VAT) from this amount… */
  overdueCents: z.number().int().min(0).default(300_000),
  /** …or an overdue invoice this many days late. */
  overdueDays: z.number().int().min(1).default(60),
  /** An open activity with no revenue for this many months. */
  inactiveMonths: z.number().int().min(1).max(36).default(3),
});
export type RiskThresholds = z.infer<typeof riskThresholds>;
export const defaultRiskThresholds: RiskThresholds = riskThresholds.parse({});

export const cockpitQuery = z.object({
  officeId: z.uuid().optional(),
  balanceBelowCents: z.coerce.number().int().min(-100_000_000).max(100_000_000).optional(),
  overdueCents: z.coerce.number().int().min(0).max(100_000_000).optional(),
  overdueDays: z.coerce.number().int().min(1).max(3650).optional(),
  inactiveMonths: z.coerce.number().int().min(1).max(36).optional(),
});

export const cockpitView = z.object({
  today: z.string(),
  /** The offices shown; empty with `allOffices` for staff who see the whole cooperative. */
  officeIds: z.array(z.uuid()),
  allOffices: z.boolean(),
  /** Offices the viewer may narrow the cockpit to. */
  offices: z.array(z.object({ id: z.uuid(), name: z.string() })),
  queues: z.array(queueView),
  atRisk: z.array(atRiskView),
  thresholds: riskThresholds,
});
export type CockpitView = z.infer<typeof cockpitView>;

// ——— Direction dashboard ———

export const dashboardQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  entityId: z.uuid().optional(),
  officeId: z.uuid().optional(),
});
export type DashboardQuery = z.infer<typeof dashboardQuery>;

const figures = {
  /** Members' revenue excl. VAT: net credit of class 7 on the activities' lines. */
  invoicedCents: z.number().int(),
  /** Client payments incl. VAT: net credit of 411/416 in entries that touch a bank account. */
  collectedCents: z.number().int(),
  /** Cooperative fee charged to the activities: net debit of 961. */
  feeCents: z.number().int(),
  /** Gross salaries: net debit of 641x on the activities. */
  grossSalariesCents: z.number().int(),
  /** Employer cost of pay: net debit of 64x, 631, 633 on the activities (gross + employer contributions + taxes on pay). */
  payrollCostCents: z.number().int(),
  /** Distinct members on an activity that moved in the period (see ADR 0017). */
  activeMembers: z.number().int(),
};
export const dashboardFigures = z.object(figures);
export type DashboardFigures = z.infer<typeof dashboardFigures>;

const fund = {
  /** Guarantee-fund covers not yet released nor written off at the end of the period: net debit of 962. */
  exposureCents: z.number().int(),
  /** The guarantee fund's balance at the end of the period: net credit of 973 and 974 of the entities shown (the fund is the entity's, not an office's); null until the fund is kept in the books. */
  fundBalanceCents: z.number().int().nullable(),
};

export const dashboardView = z.object({
  year: z.number().int(),
  entityId: z.uuid().nullable(),
  officeId: z.uuid().nullable(),
  months: z.array(z.object({ month: z.string(), ...figures, ...fund })),
  totals: z.object({ ...figures, ...fund }),
  rows: z.array(
    z.object({
      entity: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
      office: z.object({ id: z.uuid(), name: z.string() }).nullable(),
      ...figures,
      exposureCents: z.number().int(),
    }),
  ),
});
export type DashboardView = z.infer<typeof dashboardView>;
