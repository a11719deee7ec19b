// The demo's money going out, recorded through the expenses service as members, advisers and the
// accountant would: Chloé's claims paid by a transfer batch (CAE) and a supplier invoice approved and
// waiting for payment (SCIC); Léa's claim waiting in the Lille adviser's queue and a draft; Karim's
// claim sent back with a comment and his trip waiting for the Paris adviser. Only Chloé's activities
// move in the books, so the activity accounts the other demo figures describe stay as they are.
import type { Actor } from '../domain/access.ts';
import type { Ctx } from '../server/context.ts';
import { pdfBytes, pngBytes, receiptOf } from '../server/expenses/fixtures.ts';
import {
  approveExpense,
  createExpense,
  createPayout,
  executePayout,
  rejectExpense,
  submitExpense,
} from '../server/expenses/service.ts';

type Refs = {
  entities: Map<string, string>;
  activities: Map<string, string>;
  members: Map<string, string>;
};

/** The demo's own bank account of each entity, the debtor of its transfer files. */
const debtorIbans: Record<string, string> = {
  CAE: 'FR7642559100000801123456155',
};

export async function seedDemoExpenses(ctx: Ctx, refs: Refs) {
  // A November day of 2026, the demo's fiscal year, whatever the day the demo is seeded.
  const at = (day: string) => ({ ...ctx, clock: () => new Date(`${day}T10:00:00Z`) });
  const userIds = new Map(
    (await ctx.db.selectFrom('user').select(['id', 'email']).execute()).map((u) => [u.email, u.id]),
  );
  const as = (email: string, day: string): Ctx => {
    const actor: Actor = {
      userId: userIds.get(email) ?? 'system',
      email,
      name: email,
      roles: ['member'],
      officeIds: [],
      memberId: refs.members.get(email) ?? null,
    };
    return { ...at(day), actor };
  };
  const activity = (name: string) => refs.activities.get(name) as string;
  const chloe = 'chloe.lefevre@example.org';
  const lea = 'lea.martin@example.org';
  const karim = 'karim.benali@example.org';

  // Chloé (Lille): a printing receipt and a trip, approved and paid by transfer.
  const printing = await createExpense(as(chloe, '2026-11-04'), {
    kind: 'receipt',
    activityId: activity('Identités visuelles pour associations'),
    expenseDate: '2026-11-03',
    label: 'Épreuves d’affiches A2 pour le Secours populaire',
    supplierName: 'Imprimerie Lilloise',
    category: 'printing',
    amountExclVatCents: 8_600,
    vatCents: 1_720,
    amountInclVatCents: 10_320,
    invoiceToCoop: true,
    receipt: receiptOf('facture-imprimerie.pdf', pdfBytes('Imprimerie Lilloise - facture 2026-1183')),
  });
  const trip = await createExpense(as(chloe, '2026-11-06'), {
    kind: 'mileage',
    activityId: activity('Identités visuelles pour associations'),
    expenseDate: '2026-11-05',
    label: 'Présentation de la charte au conseil d’administration',
    vehicleKind: 'car',
    fiscalCv: 4,
    electric: false,
    distanceKm: 64,
    tripFrom: 'Lille',
    tripTo: 'Roubaix et retour',
  });
  for (const e of [printing, trip]) {
    await submitExpense(as(chloe, '2026-11-06'), e.id);
    await approveExpense(at('2026-11-09'), e.id, { comment: 'Conforme.' });
  }
  const batch = await createPayout(at('2026-11-10'), {
    entityId: refs.entities.get('CAE') as string,
    expenseIds: [printing.id, trip.id],
    executionDate: '2026-11-12',
    debtor: { name: 'Commune Entreprendre CAE', iban: debtorIbans.CAE as string, bic: 'CCOPFRPPXXX' },
  });
  await executePayout(at('2026-11-12'), batch.id);

  // A supplier invoice on Chloé's SCIC activity, approved, waiting for the next transfer batch.
  const paint = await createExpense(as(chloe, '2026-11-13'), {
    kind: 'supplier_invoice',
    activityId: activity('Illustration et fresques participatives'),
    expenseDate: '2026-11-12',
    label: 'Peintures acryliques pour la fresque de la médiathèque',
    supplierName: 'Couleurs du Nord',
    supplierSiren: '816472534',
    supplierInvoiceNumber: 'CDN-26-0941',
    dueDate: '2026-12-12',
    supplierIban: 'FR7630003033200005028194633',
    supplierBic: 'SOGEFRPPXXX',
    category: 'supplies',
    amountExclVatCents: 31_250,
    vatCents: 6_250,
    amountInclVatCents: 37_500,
    receipt: receiptOf('CDN-26-0941.pdf', pdfBytes('Couleurs du Nord - facture CDN-26-0941')),
  });
  await submitExpense(as(chloe, '2026-11-13'), paint.id);
  await approveExpense(at('2026-11-16'), paint.id, { comment: '' });

  // Léa: a parking receipt waiting for the Lille adviser, and a draft still without its receipt.
  const parking = await createExpense(as(lea, '2026-11-17'), {
    kind: 'receipt',
    activityId: activity('Sonorisation de concerts'),
    expenseDate: '2026-11-15',
    label: 'Parking du Zénith, déchargement du matériel',
    supplierName: 'Parking Lille Grand Palais',
    category: 'travel',
    amountExclVatCents: 1_500,
    vatCents: 300,
    amountInclVatCents: 1_800,
    invoiceToCoop: false,
    receipt: receiptOf('ticket-parking.png', pngBytes(90, 140, [236, 240, 244])),
  });
  await submitExpense(as(lea, '2026-11-17'), parking.id);
  await createExpense(as(lea, '2026-11-18'), {
    kind: 'receipt',
    activityId: activity('Cours de MAO'),
    expenseDate: '2026-11-18',
    label: 'Banque de sons pour les ateliers',
    supplierName: 'Splice',
    category: 'documentation',
    amountExclVatCents: 2_000,
    vatCents: 400,
    amountInclVatCents: 2_400,
    invoiceToCoop: false,
  });

  // Karim (Paris): a meal sent back for its receipt, and a trip waiting for the Paris adviser.
  const meal = await createExpense(as(karim, '2026-11-10'), {
    kind: 'receipt',
    activityId: activity('Montage de documentaires'),
    expenseDate: '2026-11-09',
    label: 'Déjeuner avec la réalisatrice',
    supplierName: 'Le Bistrot du Canal',
    category: 'reception',
    amountExclVatCents: 3_800,
    vatCents: 380,
    amountInclVatCents: 4_180,
    invoiceToCoop: false,
    receipt: receiptOf('ticket.png', pngBytes(60, 90, [250, 250, 245])),
  });
  await submitExpense(as(karim, '2026-11-10'), meal.id);
  await rejectExpense(at('2026-11-12'), meal.id, {
    comment: 'Le ticket est illisible : joignez la facture du restaurant.',
  });
  const rouen = await createExpense(as(karim, '2026-11-19'), {
    kind: 'mileage',
    activityId: activity('Montage de documentaires'),
    expenseDate: '2026-11-18',
    label: 'Étalonnage chez le laboratoire partenaire',
    vehicleKind: 'car',
    fiscalCv: 6,
    electric: true,
    distanceKm: 270,
    tripFrom: 'Paris',
    tripTo: 'Rouen et retour',
  });
  await submitExpense(as(karim, '2026-11-19'), rouen.id);
}
