// The demo books: the 2026 fiscal year of each entity (which sets up its chart and journals) and a
// believable year for Léa's and Karim's activities — invoices, the cooperative fee, payments, expense
// claims, a supplier bill, salaries, an advance and a reversal — posted through the ledger like the
// invoicing and payroll modules will. The first half-year is locked, as an accountant would have done.

import type { EntryInput, LineInput } from '../domain/ledger/schemas.ts';
import { applyRate } from '../domain/money.ts';
import type { Ctx } from '../server/context.ts';
import { transact } from '../server/db/transaction.ts';
import {
  createAuxiliary,
  createFiscalYear,
  lockMonth,
  postEntry,
  reverseEntryIn,
} from '../server/ledger/service.ts';

type Refs = {
  entities: Map<string, string>;
  activities: Map<string, string>;
  clients: Map<string, string>;
  members: Map<string, string>;
  feeRateBp: (activityName: string) => number;
};

type Sale = {
  date: string;
  activity: string;
  client: string;
  number: string;
  label: string;
  htCents: number;
  /** 0 for a service to a business elsewhere in the EU (reverse charge, CGI art. 283-2). */
  vatBp: number;
  payments: { date: string; cents: number }[];
};

type Expense = {
  date: string;
  activity: string;
  account: string;
  label: string;
  piece: string;
  htCents: number;
  vatCents: number;
  /** The member paid and is reimbursed (467); otherwise a supplier bill (401). */
  by: { member: string; reimbursedOn: string } | { supplier: string; paidOn: string };
};

type Salary = { date: string; activity: string; member: string; grossCents: number; paidOn: string };

const lea = 'lea.martin@example.org';
const karim = 'karim.benali@example.org';
const sono = 'Sonorisation de concerts';
const mao = 'Cours de MAO';
const montage = 'Montage de documentaires';
const davinci = 'Formation au montage sur DaVinci Resolve';

const entityOf: Record<string, 'SCIC' | 'CAE'> = {
  [sono]: 'SCIC',
  [montage]: 'SCIC',
  [mao]: 'CAE',
  [davinci]: 'CAE',
};

const sales: Sale[] = [
  {
    date: '2026-01-20',
    activity: montage,
    client: 'Les Films du Canal',
    number: 'FA-2026-0001',
    label: 'Montage « Les Rives du canal », 12 jours',
    htCents: 480_000,
    vatBp: 2000,
    payments: [{ date: '2026-02-25', cents: 576_000 }],
  },
  {
    date: '2026-02-10',
    activity: mao,
    client: 'MJC du Vieux-Lille',
    number: 'FA-2026-0002',
    label: 'Ateliers MAO, cycle d’hiver (8 séances)',
    htCents: 120_000,
    vatBp: 2000,
    payments: [{ date: '2026-03-12', cents: 144_000 }],
  },
  {
    date: '2026-03-14',
    activity: sono,
    client: 'Théâtre des Tisserands',
    number: 'FA-2026-0003',
    label: 'Sonorisation, trois représentations',
    htCents: 240_000,
    vatBp: 2000,
    payments: [{ date: '2026-04-10', cents: 288_000 }],
  },
  {
    date: '2026-04-08',
    activity: montage,
    client: 'Atelier Docs & Cie',
    number: 'FA-2026-0004',
    label: 'Montage et étalonnage, court métrage',
    htCents: 275_000,
    vatBp: 2000,
    payments: [{ date: '2026-05-20', cents: 330_000 }],
  },
  {
    date: '2026-05-06',
    activity: mao,
    client: 'Hélène Vandamme',
    number: 'FA-2026-0005',
    label: 'Cours particuliers de MAO (6 heures)',
    htCents: 27_000,
    vatBp: 2000,
    payments: [{ date: '2026-05-18', cents: 32_400 }],
  },
  {
    date: '2026-06-20',
    activity: sono,
    client: 'Festival Les Nuits Wazemmoises',
    number: 'FA-2026-0006',
    label: 'Régie son façade, festival (3 jours)',
    htCents: 350_000,
    vatBp: 2000,
    payments: [{ date: '2026-07-15', cents: 210_000 }],
  },
  {
    date: '2026-07-02',
    activity: davinci,
    client: 'Les Films du Canal',
    number: 'FA-2026-0007',
    label: 'Formation DaVinci Resolve, 3 jours, 4 stagiaires',
    htCents: 210_000,
    vatBp: 2000,
    payments: [{ date: '2026-08-03', cents: 252_000 }],
  },
  {
    date: '2026-09-03',
    activity: montage,
    client: 'Studio Brol SRL',
    number: 'FA-2026-0008',
    label: 'Montage documentaire, autoliquidation (BE)',
    htCents: 320_000,
    vatBp: 0,
    payments: [],
  },
  {
    date: '2026-09-12',
    activity: sono,
    client: 'Ville de Lille',
    number: 'FA-2026-0009',
    label: 'Sonorisation, fête de quartier de Fives',
    htCents: 180_000,
    vatBp: 2000,
    payments: [{ date: '2026-10-28', cents: 216_000 }],
  },
  {
    date: '2026-10-07',
    activity: mao,
    client: 'MJC du Vieux-Lille',
    number: 'FA-2026-0010',
    label: 'Ateliers MAO, cycle d’automne (6 séances)',
    htCents: 90_000,
    vatBp: 2000,
    payments: [{ date: '2026-11-05', cents: 108_000 }],
  },
];

const expenses: Expense[] = [
  {
    date: '2026-02-03',
    activity: montage,
    account: '6135',
    label: 'Licence DaVinci Resolve Studio',
    piece: 'BMD-26-01187',
    htCents: 24_000,
    vatCents: 4_800,
    by: { supplier: 'FBLACKMAGIC', paidOn: '2026-02-03' },
  },
  {
    date: '2026-04-22',
    activity: sono,
    account: '6063',
    label: 'Câbles XLR et adaptateurs',
    piece: 'NDF-2026-014',
    htCents: 15_500,
    vatCents: 3_100,
    by: { member: lea, reimbursedOn: '2026-05-05' },
  },
  {
    date: '2026-06-18',
    activity: sono,
    account: '6251',
    label: 'Train Lille – Paris, repérage festival',
    piece: 'NDF-2026-021',
    htCents: 7_200,
    vatCents: 720,
    by: { member: lea, reimbursedOn: '2026-07-03' },
  },
  {
    date: '2026-09-28',
    activity: mao,
    account: '6135',
    label: 'Abonnement logiciel de MAO (annuel)',
    piece: 'NDF-2026-033',
    htCents: 9_990,
    vatCents: 1_998,
    by: { member: lea, reimbursedOn: '2026-10-06' },
  },
  {
    date: '2026-10-14',
    activity: montage,
    account: '6251',
    label: 'Déplacement tournage Marseille',
    piece: 'NDF-2026-037',
    htCents: 18_600,
    vatCents: 1_860,
    by: { member: karim, reimbursedOn: '2026-10-26' },
  },
];

const salaries: Salary[] = [
  { date: '2026-03-31', activity: montage, member: karim, grossCents: 200_000, paidOn: '2026-04-02' },
  { date: '2026-05-31', activity: sono, member: lea, grossCents: 150_000, paidOn: '2026-06-03' },
  { date: '2026-06-30', activity: montage, member: karim, grossCents: 200_000, paidOn: '2026-07-02' },
  { date: '2026-07-31', activity: mao, member: lea, grossCents: 80_000, paidOn: '2026-08-04' },
  { date: '2026-08-31', activity: davinci, member: karim, grossCents: 120_000, paidOn: '2026-09-02' },
  { date: '2026-09-30', activity: montage, member: karim, grossCents: 200_000, paidOn: '2026-10-02' },
  { date: '2026-10-31', activity: sono, member: lea, grossCents: 150_000, paidOn: '2026-11-03' },
];

/** Rates of this demo's payslips, in basis points of gross (the payroll module will compute real ones). */
const demoRates = {
  urssafEmployer: 3200,
  pensionEmployer: 1000,
  urssafEmployee: 1700,
  pensionEmployee: 500,
  tax: 200,
};

export async function seedDemoLedger(ctx: Ctx, refs: Refs) {
  const entityIds = [...refs.entities.values()];
  for (const entityId of entityIds)
    await createFiscalYear(ctx, entityId, { startDate: '2026-01-01', endDate: '2026-12-31' });
  const scic = refs.entities.get('SCIC') as string;
  const supplier = await createAuxiliary(ctx, scic, {
    kind: 'supplier',
    code: 'FBLACKMAGIC',
    label: 'Blackmagic Design',
  });

  const post = (input: EntryInput) =>
    transact(ctx.db, (trx) => postEntry(trx, ctx.actor, input, { now: ctx.clock() }));
  const ids = (activity: string) => ({
    entityId: refs.entities.get(entityOf[activity] as string) as string,
    activityId: refs.activities.get(activity) as string,
  });

  // Every movement in date order, as it would have been posted through the year.
  const postings: { date: string; run: () => Promise<unknown> }[] = [];

  for (const s of sales) {
    const { entityId, activityId } = ids(s.activity);
    const clientId = refs.clients.get(s.client) as string;
    const vat = applyRate(s.htCents, s.vatBp);
    const ttc = s.htCents + vat;
    const sale: LineInput[] = [
      { accountNumber: '411', clientId, activityId, debitCents: ttc },
      { accountNumber: '706', activityId, creditCents: s.htCents },
    ];
    // Services: VAT falls due on payment, so it waits in 44580 until then.
    if (vat > 0) sale.push({ accountNumber: '44580', activityId, creditCents: vat });
    const label = `${s.number} ${s.client} – ${s.label}`;
    postings.push({
      date: s.date,
      run: async () => {
        await post({
          entityId,
          journalCode: 'VE',
          entryDate: s.date,
          label,
          pieceRef: s.number,
          lines: sale,
        });
        // The cooperative's fee: an analytic allocation from the activity to the cooperative.
        const fee = applyRate(s.htCents, refs.feeRateBp(s.activity));
        await post({
          entityId,
          journalCode: 'ANA',
          entryDate: s.date,
          label: `Contribution coopérative ${s.number}`,
          pieceRef: s.number,
          lines: [
            { accountNumber: '961', activityId, debitCents: fee },
            { accountNumber: '971', creditCents: fee },
          ],
        });
      },
    });
    let vatLeft = vat;
    let paidSoFar = 0;
    for (const p of s.payments) {
      paidSoFar += p.cents;
      const vatPaid = paidSoFar === ttc ? vatLeft : Math.round((p.cents * vat) / ttc);
      vatLeft -= vatPaid;
      const lines: LineInput[] = [
        { accountNumber: '512', activityId, debitCents: p.cents },
        { accountNumber: '411', clientId, activityId, creditCents: p.cents },
      ];
      if (vatPaid > 0)
        lines.push(
          { accountNumber: '44580', activityId, debitCents: vatPaid },
          { accountNumber: '44571', creditCents: vatPaid },
        );
      postings.push({
        date: p.date,
        run: () =>
          post({
            entityId,
            journalCode: 'BQ',
            entryDate: p.date,
            label: `Règlement ${s.client} ${s.number}`,
            pieceRef: s.number,
            lines,
          }),
      });
    }
  }

  for (const e of expenses) {
    const { entityId, activityId } = ids(e.activity);
    const ttc = e.htCents + e.vatCents;
    const byMember = 'member' in e.by;
    const payable: LineInput =
      'member' in e.by
        ? { accountNumber: '467', memberId: refs.members.get(e.by.member) as string, creditCents: ttc }
        : { accountNumber: '401', auxiliaryAccountId: supplier.id, creditCents: ttc };
    postings.push({
      date: e.date,
      run: () =>
        post({
          entityId,
          journalCode: byMember ? 'OD' : 'AC',
          entryDate: e.date,
          label: e.label,
          pieceRef: e.piece,
          lines: [
            { accountNumber: e.account, activityId, debitCents: e.htCents },
            { accountNumber: '44566', debitCents: e.vatCents },
            payable,
          ],
        }),
    });
    const paidOn = 'member' in e.by ? e.by.reimbursedOn : e.by.paidOn;
    postings.push({
      date: paidOn,
      run: () =>
        post({
          entityId,
          journalCode: 'BQ',
          entryDate: paidOn,
          label: byMember ? `Remboursement ${e.piece}` : `Paiement ${e.piece}`,
          pieceRef: e.piece,
          lines: [
            { ...payable, debitCents: ttc, creditCents: 0 },
            { accountNumber: '512', creditCents: ttc },
          ],
        }),
    });
  }

  for (const s of salaries) {
    const { entityId, activityId } = ids(s.activity);
    const memberId = refs.members.get(s.member) as string;
    const part = (bp: number) => applyRate(s.grossCents, bp);
    const employer = { urssaf: part(demoRates.urssafEmployer), pension: part(demoRates.pensionEmployer) };
    const employee = { urssaf: part(demoRates.urssafEmployee), pension: part(demoRates.pensionEmployee) };
    const tax = part(demoRates.tax);
    const net = s.grossCents - employee.urssaf - employee.pension - tax;
    const month = s.date.slice(0, 7);
    postings.push({
      date: s.date,
      run: () =>
        post({
          entityId,
          journalCode: 'SAL',
          entryDate: s.date,
          label: `Salaire ${month}`,
          pieceRef: `BS-${month}-${s.member === lea ? 'LM' : 'KB'}`,
          lines: [
            { accountNumber: '6411', activityId, debitCents: s.grossCents },
            { accountNumber: '6451', activityId, debitCents: employer.urssaf },
            { accountNumber: '6453', activityId, debitCents: employer.pension },
            { accountNumber: '431', creditCents: employer.urssaf + employee.urssaf },
            { accountNumber: '437', creditCents: employer.pension + employee.pension },
            { accountNumber: '4421', creditCents: tax },
            { accountNumber: '421', memberId, creditCents: net },
          ],
        }),
    });
    postings.push({
      date: s.paidOn,
      run: () =>
        post({
          entityId,
          journalCode: 'BQ',
          entryDate: s.paidOn,
          label: `Virement salaire ${month}`,
          lines: [
            { accountNumber: '421', memberId, debitCents: net },
            { accountNumber: '512', creditCents: net },
          ],
        }),
    });
  }

  // An advance on Léa's salary for her MAO lessons, paid from the activity's balance.
  const maoIds = ids(mao);
  postings.push({
    date: '2026-06-12',
    run: () =>
      post({
        entityId: maoIds.entityId,
        journalCode: 'BQ',
        entryDate: '2026-06-12',
        label: 'Avance sur salaire',
        lines: [
          {
            accountNumber: '425',
            memberId: refs.members.get(lea) as string,
            activityId: maoIds.activityId,
            debitCents: 30_000,
          },
          { accountNumber: '512', creditCents: 30_000 },
        ],
      }),
  });

  // A mistake and its correction: a taxi booked as a reception, reversed, then booked right.
  const montageIds = ids(montage);
  postings.push({
    date: '2026-10-20',
    run: async () => {
      const expense = (account: string): EntryInput => ({
        entityId: montageIds.entityId,
        journalCode: 'OD',
        entryDate: '2026-10-20',
        label: 'Taxi gare Saint-Charles',
        pieceRef: 'NDF-2026-038',
        lines: [
          { accountNumber: account, activityId: montageIds.activityId, debitCents: 3_100 },
          { accountNumber: '44566', debitCents: 310 },
          { accountNumber: '467', memberId: refs.members.get(karim) as string, creditCents: 3_410 },
        ],
      });
      const wrong = await post(expense('6257'));
      await transact(ctx.db, (trx) =>
        reverseEntryIn(
          trx,
          ctx.actor,
          wrong.id,
          { label: 'Extourne : compte de réceptions au lieu de déplacements' },
          {
            now: ctx.clock(),
          },
        ),
      );
      await post(expense('6251'));
    },
  });

  postings.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const p of postings) await p.run();

  for (const entityId of entityIds)
    for (const month of ['01', '02', '03', '04', '05', '06']) await lockMonth(ctx, entityId, `2026-${month}`);
}
