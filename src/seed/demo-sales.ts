// The demo's sales documents, made through the sales service so that numbers, history and ledger
// entries are real: Léa's quotes at every stage, an invoice issued from an accepted quote and half
// of a session credited, an invoice waiting for her adviser, and Karim's training invoice now late.
// The 2026 invoice series continue after the ten invoices the demo books record by hand
// (FA-2026-0001 … 0010), and only the CAE's books receive new entries (the SCIC's demo figures stay).
import type { SalesLineInput } from '../domain/invoicing/schemas.ts';
import type { Ctx } from '../server/context.ts';
import {
  continueSeries,
  convertQuote,
  createCreditNote,
  createInvoice,
  createQuote,
  decideQuote,
  issueInvoice,
  requestValidation,
  sendDocument,
} from '../server/invoicing/service.ts';

type Refs = {
  entities: Map<string, string>;
  activities: Map<string, string>;
  clients: Map<string, string>;
};

const on = (ctx: Ctx, instant: string): Ctx => ({ ...ctx, clock: () => new Date(instant) });

const session = (designation: string, quantity: number, unitPriceCents: number): SalesLineInput => ({
  designation,
  quantity,
  unitCode: 'HUR',
  unitPriceCents,
  discountCents: 0,
  vatCategory: 'standard',
});

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

export async function seedDemoSales(ctx: Ctx, refs: Refs) {
  const id = (map: Map<string, string>, key: string) => map.get(key) as string;
  for (const entity of ['SCIC', 'CAE'])
    await continueSeries(ctx, id(refs.entities, entity), 'invoice', 2026, 10);
  const mao = id(refs.activities, 'Cours de MAO');
  const sono = id(refs.activities, 'Sonorisation de concerts');
  const davinci = id(refs.activities, 'Formation au montage sur DaVinci Resolve');
  const mjc = id(refs.clients, 'MJC du Vieux-Lille');
  const helene = id(refs.clients, 'Hélène Vandamme');

  // A training invoice of Karim's, issued on 1 October at 30 days and still unpaid: late.
  const october = on(ctx, '2026-10-01T09:00:00Z');
  const training = await createInvoice(october, {
    ...terms,
    activityId: davinci,
    clientId: id(refs.clients, 'Les Films du Canal'),
    subject: 'Formation DaVinci Resolve, niveau 2',
    lines: [
      {
        designation: 'Formation étalonnage DaVinci Resolve, 2 jours, 3 stagiaires',
        quantity: 2,
        unitCode: 'DAY',
        unitPriceCents: 95_000,
        discountCents: 0,
        vatCategory: 'exempt-training',
      },
    ],
  });
  await issueInvoice(october, training.id);

  // Léa's spring workshops: quoted, accepted, invoiced; one session cancelled and credited.
  const november = on(ctx, '2026-11-16T09:00:00Z');
  const workshops = await createQuote(november, {
    ...terms,
    activityId: mao,
    clientId: mjc,
    validUntil: '2026-12-16',
    subject: 'Ateliers MAO, cycle de printemps (4 séances)',
    lines: [session('Atelier MAO de 3 heures', 12, 5_000), session('Préparation des séances', 4, 5_000)],
  });
  await sendDocument(november, workshops.id, { message: '' }, ['quote']);
  await decideQuote(november, workshops.id, 'accepted');
  const invoice = await convertQuote(november, workshops.id, { mode: 'whole' });
  await issueInvoice(november, invoice.id);
  await createCreditNote(november, {
    invoiceId: invoice.id,
    reason: 'Séance du 12 mars annulée',
    lines: [session('Atelier MAO de 3 heures (annulé)', 3, 5_000)],
  });

  // Quotes waiting: one sent to a private pupil, one still a draft.
  const lessons = await createQuote(november, {
    ...terms,
    activityId: mao,
    clientId: helene,
    validUntil: '2026-12-31',
    subject: 'Cours particuliers de MAO',
    lines: [session('Cours particulier de MAO', 10, 4_500)],
  });
  await sendDocument(november, lessons.id, { message: '' }, ['quote']);
  await createQuote(november, {
    ...terms,
    activityId: mao,
    clientId: mjc,
    validUntil: '2026-12-31',
    subject: 'Stage d’été MAO',
    lines: [session('Stage MAO, 5 demi-journées', 15, 5_000)],
  });

  // A concert invoice of Léa's waiting for her adviser (no entry until it is validated).
  const concert = await createInvoice(november, {
    ...terms,
    activityId: sono,
    clientId: id(refs.clients, 'Théâtre des Tisserands'),
    subject: 'Sonorisation, festival de la Tisse',
    lines: [
      { ...session('Régie son façade', 2, 45_000), unitCode: 'DAY' },
      { ...session('Location de retours de scène', 2, 12_000), unitCode: 'DAY' },
    ],
  });
  await requestValidation(november, concert.id, 'Festival du 5 décembre, bon de commande reçu.');
}
