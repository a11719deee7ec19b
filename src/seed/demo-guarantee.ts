// The demo's guarantee fund and advances, made through the services so that every entry is real:
// each entity's fund is endowed and runs on explicit rules; Mai (portage, translation) was paid her
// October salary before her publisher paid — the cover was released when it did — and her November
// salary is covered by an invoice still awaiting payment; a theatre company went into liquidation
// and the fund absorbed the invoice Thomas could never collect; Thomas asked for a loan for his
// touring equipment, approved by his adviser, and Chloé's advance request waits for a decision.
import type { Actor } from '../domain/access.ts';
import { decideAdvance, requestAdvance, runInstalments } from '../server/advances/service.ts';
import type { Ctx } from '../server/context.ts';
import { declareIrrecoverable, endowFund, setSettings } from '../server/guarantee/service.ts';
import { createInvoice, issueInvoice } from '../server/invoicing/service.ts';
import { createSalaryRequest } from '../server/payroll/service.ts';
import { listBankAccounts, recordPayment, sendToLitigation } from '../server/treasury/service.ts';

type Refs = {
  entities: Map<string, string>;
  activities: Map<string, string>;
  clients: Map<string, string>;
  members: Map<string, string>;
};

const on = (ctx: Ctx, instant: string): Ctx => ({ ...ctx, clock: () => new Date(instant) });

const terms = {
  serviceDate: null,
  lastServiceDate: null,
  notes: '',
  paymentTerm: 'days' as const,
  paymentDays: 30,
  purchaseOrder: null,
  buyerReference: null,
  language: 'fr' as const,
};

async function issued(
  ctx: Ctx,
  activityId: string,
  clientId: string,
  subject: string,
  designation: string,
  cents: number,
) {
  const draft = await createInvoice(ctx, {
    ...terms,
    activityId,
    clientId,
    subject,
    lines: [
      {
        designation,
        quantity: 1,
        unitCode: 'C62',
        unitPriceCents: cents,
        discountCents: 0,
        vatCategory: 'standard',
      },
    ],
  });
  const done = await issueInvoice(ctx, draft.id);
  return { id: draft.id, totalInclVatCents: done.totalInclVatCents as number };
}

/** The member acting for themselves (salary requests and advances are asked by the member only). */
async function asMember(ctx: Ctx, memberId: string, email: string): Promise<Ctx> {
  const row = await ctx.db
    .selectFrom('members')
    .select(['userId', 'firstName', 'lastName', 'officeId'])
    .where('id', '=', memberId)
    .executeTakeFirstOrThrow();
  const actor: Actor = {
    userId: row.userId ?? `member-${memberId}`,
    email,
    name: `${row.firstName} ${row.lastName}`,
    roles: ['member'],
    officeIds: [],
    memberId,
  };
  return { ...ctx, actor };
}

export async function seedDemoGuarantee(ctx: Ctx, refs: Refs) {
  const id = (map: Map<string, string>, key: string) => map.get(key) as string;
  // Each entity's fund: explicit rules, endowed from the 2025 reserves in July (the first half-year is closed) (on top of the
  // share of each fee the fee engine credits to it).
  // Portage salaries are higher (the branch minimum): its limit per member is too.
  const endowments: [string, number, number][] = [
    ['SCIC', 1_500_000, 500_000],
    ['CAE', 800_000, 500_000],
    ['PORTAGE', 1_500_000, 800_000],
  ];
  for (const [code, cents, perMember] of endowments) {
    const entityId = refs.entities.get(code);
    if (!entityId) continue;
    await setSettings(on(ctx, '2026-07-01T09:00:00Z'), entityId, {
      enabled: true,
      maxPerMemberCents: perMember,
      maxPerClientCents: 1_500_000,
      maxInvoiceAgeDays: 90,
      maxExposureBp: 8_000,
      delayWorkingDays: 3,
    });
    await endowFund(on(ctx, '2026-07-01T09:00:00Z'), entityId, {
      amountCents: cents,
      entryDate: '2026-07-01',
      label: 'Dotation initiale du fonds de garantie (réserves 2025)',
    });
  }

  // Mai, in portage: her publisher pays at 30 days; the fund paid her salaries in the meantime.
  const mai = id(refs.members, 'mai.nguyen@example.org');
  const translation = id(refs.activities, 'Traduction technique et littéraire (EN, VI → FR)');
  const mekong = id(refs.clients, 'Éditions Mekong');
  const portage = id(refs.entities, 'PORTAGE');
  const october = on(ctx, '2026-10-26T09:00:00Z');
  const novel = await issued(
    october,
    translation,
    mekong,
    'Traduction du roman « Le fleuve »',
    'Traduction VI → FR, 420 feuillets',
    560_000,
  );
  const maiOct = await asMember(on(ctx, '2026-10-28T09:00:00Z'), mai, 'mai.nguyen@example.org');
  // An employer budget of 4,600 € a month (the portage minimum is about 3,000 € gross).
  const ask = (c: Ctx, period: string) =>
    createSalaryRequest(c, {
      activityId: translation,
      period,
      amountKind: 'employerCost',
      amountCents: 460_000,
    });
  await ask(maiOct, '2026-10');
  const [bank] = (await listBankAccounts(ctx, portage)).items;
  if (bank)
    await recordPayment(on(ctx, '2026-11-16T10:00:00Z'), {
      bankAccountId: bank.id,
      clientId: mekong,
      paymentDate: '2026-11-16',
      amountCents: novel.totalInclVatCents,
      method: 'transfer',
      reference: 'EDITIONS MEKONG VIR FACTURE',
      allocations: [{ documentId: novel.id, amountCents: novel.totalInclVatCents }],
    });
  const november = on(ctx, '2026-11-09T09:00:00Z');
  await issued(
    november,
    translation,
    mekong,
    'Sous-titrage du documentaire « Delta »',
    'Sous-titres VI → FR, 92 minutes, et traduction du dossier de presse',
    620_000,
  );
  await ask(await asMember(on(ctx, '2026-11-12T09:00:00Z'), mai, 'mai.nguyen@example.org'), '2026-11');

  // Thomas's client, a touring theatre company, went into liquidation: after the reminders and the
  // litigation, the accountant declared the invoice irrecoverable and the fund absorbed it.
  const touring = id(refs.activities, 'Régie générale de tournées');
  const company = id(refs.clients, 'Compagnie du Vent Debout');
  const august = on(ctx, '2026-08-24T09:00:00Z');
  const lost = await issued(
    august,
    touring,
    company,
    'Régie de la tournée d’été',
    'Régie générale, 6 dates en juillet',
    185_000,
  );
  await sendToLitigation(on(ctx, '2026-10-20T09:00:00Z'), lost.id);
  await declareIrrecoverable(on(ctx, '2026-11-12T09:00:00Z'), lost.id, {
    reason: 'Liquidation judiciaire de la compagnie (jugement du 4 novembre 2026), créance non admise',
  });

  // The same company owed Olivier for two readings: in litigation too, waiting for the accountant to
  // declare it irrecoverable.
  const readings = await issued(
    on(ctx, '2026-09-10T09:00:00Z'),
    id(refs.activities, 'Lectures et spectacles'),
    company,
    'Lectures au festival de la compagnie',
    'Deux lectures-spectacles, 12 et 13 septembre',
    96_000,
  );
  await sendToLitigation(on(ctx, '2026-11-05T09:00:00Z'), readings.id);

  // Advances: Thomas's equipment loan over six months, approved by his adviser with a 1.5 % file fee;
  // Chloé's cash advance waits for a decision.
  const thomas = id(refs.members, 'thomas.girard@example.org');
  const loan = await requestAdvance(
    await asMember(on(ctx, '2026-09-02T09:00:00Z'), thomas, 'thomas.girard@example.org'),
    {
      activityId: touring,
      kind: 'loan',
      purpose: 'Kit d’intercom sans fil et flight-cases pour les tournées',
      amountCents: 360_000,
      repayment: 'schedule',
      instalments: 6,
      firstDueOn: '2026-10-05',
    },
  );
  await decideAdvance(on(ctx, '2026-09-04T09:00:00Z'), loan.id, {
    approve: true,
    fileFeeBp: 150,
    comment: 'Matériel indispensable aux tournées, échéancier validé avec Thomas.',
  });
  await runInstalments(on(ctx, '2026-11-20T06:00:00Z'));
  const chloe = id(refs.members, 'chloe.lefevre@example.org');
  await requestAdvance(await asMember(on(ctx, '2026-11-18T09:00:00Z'), chloe, 'chloe.lefevre@example.org'), {
    activityId: id(refs.activities, 'Illustration et fresques participatives'),
    kind: 'advance',
    purpose: 'Trésorerie en attendant le versement de la subvention de la Ville pour la fresque du quartier',
    amountCents: 150_000,
    repayment: 'revenue',
    revenueShareBp: 3_000,
  });
}
