// The access matrix: every operation of the OpenAPI document × every persona, with the status each
// must get. A refusal (401, 403, 404) must leave every table as it was. An operation missing from
// the table fails the test, so a new endpoint cannot ship without its row.
//
// Rule of the platform: a resource (or collection) the persona may not see answers 404; a resource
// they see but may not change answers 403; without a session, 401.

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestAdvance } from './advances/service.ts';
import { pngBytes, receiptOf } from './expenses/fixtures.ts';
import { createInvoice, issueInvoice, quoteToken } from './invoicing/service.ts';
import {
  anonymous,
  createTestApp,
  frIban,
  mailText,
  type Session,
  signIn,
  snapshot,
  type TestApp,
  testSecrets,
} from './testing.ts';
import { sendToLitigation } from './treasury/service.ts';

const personas = ['anon', 'lea', 'karim', 'adviser', 'lyon', 'compta', 'paie', 'admin'] as const;
type Persona = (typeof personas)[number];

const logins: Record<Exclude<Persona, 'anon'>, string> = {
  lea: 'lea.martin@example.org', // member, Lille office
  karim: 'karim.benali@example.org', // another member, acting on Léa's things
  adviser: 'conseil.lille@commune.coop', // adviser of Léa's office
  lyon: 'conseil.lyon@commune.coop', // adviser of another office
  compta: 'compta@commune.coop',
  paie: 'paie@commune.coop',
  admin: 'admin@commune.coop',
};

type Fixtures = {
  lea: { memberId: string; userId: string; activityId: string; individualClientId: string };
  chloeMemberId: string; // another member of the Lille office
  lilleOfficeId: string;
  entityId: string;
  companyClientId: string;
};

type Request = { url: string; payload?: unknown; headers?: Record<string, string> };
/** Builds the request; may first create a throwaway resource (as admin) for operations that consume it. */
type Target = (f: Fixtures, admin: Session, persona: Persona) => Promise<Request> | Request;

// Expected statuses of the signed-in personas, in the order of `personas` after anon.
type Row = { target: Target; expect: [number, number, number, number, number, number, number] };

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

/** A valid SIREN (Luhn key) that no one else uses. */
function freshSiren(): string {
  for (;;) {
    const body = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
    for (let key = 0; key < 10; key++) {
      const s = body + key;
      const sum = [...s].reduce((acc, ch, i) => {
        let d = Number(ch);
        if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
        return acc + d;
      }, 0);
      if (sum % 10 === 0) return s;
    }
  }
}

const json = async (res: { statusCode: number; body: string; json: () => { id: string } }) => {
  if (res.statusCode >= 300) throw new Error(`setup failed: ${res.statusCode} ${res.body}`);
  return res.json();
};

async function throwawayMember(f: Fixtures, admin: Session) {
  const id = unique();
  return json(
    await admin.post('/api/v1/members', {
      firstName: 'Essai',
      lastName: `Matrice ${id}`,
      email: `essai.${id}@example.org`,
      officeId: f.lilleOfficeId,
    }),
  );
}

async function throwawayActivity(f: Fixtures, admin: Session, memberIds: string[]) {
  return json(
    await admin.post('/api/v1/activities', {
      entityId: f.entityId,
      name: `Activité d’essai ${unique()}`,
      memberIds,
    }),
  );
}

/** An invoice of Léa's activity issued on 1 October at 30 days: overdue on the tests' date. */
async function overdueInvoice(f: Fixtures) {
  const october = { ...t.system, clock: () => new Date('2026-10-01T09:00:00Z') };
  const draft = await createInvoice(october, {
    activityId: f.lea.activityId,
    clientId: f.companyClientId,
    subject: 'Facture en retard',
    serviceDate: null,
    lastServiceDate: null,
    notes: '',
    paymentTerm: 'days',
    paymentDays: 30,
    purchaseOrder: null,
    buyerReference: null,
    language: 'fr',
    lines: [
      {
        designation: 'Régie',
        quantity: 1,
        unitCode: 'DAY',
        unitPriceCents: 10_000,
        discountCents: 0,
        vatCategory: 'standard',
      },
    ],
  });
  await issueInvoice(october, draft.id);
  return draft.id as string;
}

/** A loan Léa asks for on her activity, waiting for a decision. */
async function leaAdvance(f: Fixtures) {
  const ctx = {
    ...t.system,
    actor: {
      userId: f.lea.userId,
      email: 'lea.martin@example.org',
      name: 'Léa Martin',
      roles: ['member' as const],
      officeIds: [],
      memberId: f.lea.memberId,
    },
  };
  const advance = await requestAdvance(ctx, {
    activityId: f.lea.activityId,
    kind: 'loan',
    purpose: 'Micros sans fil',
    amountCents: 80_000,
    repayment: 'schedule',
    instalments: 2,
  });
  return advance.id;
}

let versionCounter = 0;
/** A version of a policy planned for a day of its own, years ahead. */
const plannedVersion = (f: Fixtures) => ({
  entityId: f.entityId,
  activityKind: 'consulting',
  effectiveFrom: new Date(Date.UTC(2030, 0, 1 + versionCounter++)).toISOString().slice(0, 10),
  rateBp: 900,
  base: 'invoiced',
});

/** The id of a client's request in Léa's inbox (the demo sends her one). */
async function leaRequest(): Promise<string> {
  const inbox = (await sessions.lea.get('/api/v1/directory/inbox')).json() as { items: { id: string }[] };
  const first = inbox.items[0];
  if (!first) throw new Error('setup failed: no request in Léa’s inbox');
  return first.id;
}

let ibanCounter = 0;
/** A bank account of the entity, with a statement line of `cents` waiting to be matched. */
async function throwawayBankLine(f: Fixtures, admin: Session, cents = 12_000) {
  const account = await json(
    await admin.post('/api/v1/treasury/bank-accounts', {
      entityId: f.entityId,
      label: `Compte d’essai ${unique()}`,
      iban: frIban(String(Date.now() % 1e8).padStart(8, '0') + String(ibanCounter++ % 1000).padStart(3, '0')),
    }),
  );
  const csv = `date;montant;libellé\n2026-11-19;${(cents / 100).toFixed(2)};VIR ESSAI ${unique()}\n`;
  await json(
    await admin.post(`/api/v1/treasury/bank-accounts/${account.id}/statements?fileName=essai.csv`, csv, {
      'content-type': 'text/csv',
    }),
  );
  const lines = (await admin.get(`/api/v1/treasury/bank-accounts/${account.id}/lines`)).json().items;
  return { accountId: account.id as string, lineId: lines[0].id as string };
}

async function throwawayCompany(admin: Session) {
  return json(
    await admin.post('/api/v1/clients', {
      kind: 'company',
      name: `Société d’essai ${unique()}`,
      siren: freshSiren(),
      addressLine: '1 place du Théâtre',
      postalCode: '59000',
      city: 'Lille',
    }),
  );
}

async function throwawayContact(f: Fixtures, admin: Session) {
  const client = (await json(
    await admin.post(`/api/v1/clients/${f.lea.individualClientId}/contacts`, { name: `Contact ${unique()}` }),
  )) as unknown as { contacts: { id: string; name: string }[] };
  const contact = client.contacts.at(-1);
  if (!contact) throw new Error('setup failed: no contact');
  return contact.id;
}

// Community: throwaway events and spaces of the Lille office, made by the admin.
let communityDay = 0;
async function throwawayEvent(f: Fixtures, admin: Session, over: Record<string, unknown> = {}) {
  communityDay += 1;
  const start = new Date(Date.UTC(2026, 11, 1, 8, 0) + communityDay * 3_600_000);
  const created = (await json(
    await admin.post('/api/v1/events', {
      officeId: f.lilleOfficeId,
      kind: 'workshop',
      title: `Atelier d’essai ${unique()}`,
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
      place: { kind: 'address', address: '5 rue Nationale, 59000 Lille' },
      capacity: 10,
      audience: 'public',
      ...over,
    }),
  )) as unknown as { items: { id: string }[] };
  return created.items[0]!.id;
}

async function throwawaySpace(f: Fixtures, admin: Session) {
  const day = { open: '08:00', close: '20:00' };
  return (
    await json(
      await admin.post('/api/v1/spaces', {
        officeId: f.lilleOfficeId,
        name: `Bureau d’essai ${unique()}`,
        kind: 'desk',
        capacity: 1,
        openingHours: [day, day, day, day, day, null, null],
      }),
    )
  ).id;
}

/** A prospect's registration and the token of the link e-mailed to confirm it. */
async function prospectToken(f: Fixtures, admin: Session) {
  const eventId = await throwawayEvent(f, admin);
  const email = `prospect.${unique()}@example.net`;
  const res = await sessions.anon.post(`/api/v1/public/events/${eventId}/registrations`, {
    name: 'Prospect',
    email,
  });
  if (res.statusCode !== 202) throw new Error(`setup failed: ${res.statusCode} ${res.body}`);
  // Every queued e-mail goes (the demo's reminders and others may be due before it).
  while ((await t.deliver()) > 0);
  const token = /token=([\w-]{20,})/.exec(
    mailText(t.mailbox.findLast((m) => m.to === email)?.raw ?? ''),
  )?.[1];
  if (!token) throw new Error('setup failed: no confirmation link');
  return token;
}

/** A prospect's registration and the token of the link in their e-mails to free the place. */
async function prospectCancelLink(f: Fixtures, admin: Session) {
  const eventId = await throwawayEvent(f, admin);
  const email = `prospect.${unique()}@example.net`;
  const res = await sessions.anon.post(`/api/v1/public/events/${eventId}/registrations`, {
    name: 'Prospect',
    email,
  });
  if (res.statusCode !== 202) throw new Error(`setup failed: ${res.statusCode} ${res.body}`);
  while ((await t.deliver()) > 0);
  const link = /desinscription\?registration=([0-9a-f-]{36})&token=([\w-]{20,})/.exec(
    mailText(t.mailbox.findLast((m) => m.to === email)?.raw ?? ''),
  );
  if (!link) throw new Error('setup failed: no link to unregister');
  return { registrationId: link[1], token: link[2] };
}

const companyPayload = () => ({
  kind: 'company',
  name: `Nouvelle société ${unique()}`,
  siren: freshSiren(),
  addressLine: '3 rue Nationale',
  postalCode: '59000',
  city: 'Lille',
});

// Sales documents on Léa's activity, made by an admin (who may write on any activity).
const salesLine = { designation: 'Atelier', quantity: 1, unitPriceCents: 10_000, vatCategory: 'standard' };
const salesDraft = (f: Fixtures, activityId = f.lea.activityId) => ({
  activityId,
  clientId: f.companyClientId,
  validUntil: '2026-12-31',
  lines: [salesLine],
});

async function throwawayQuote(f: Fixtures, admin: Session, stage: 'draft' | 'sent' | 'accepted' = 'draft') {
  const quote = await json(await admin.post('/api/v1/quotes', salesDraft(f)));
  if (stage !== 'draft') await json(await admin.post(`/api/v1/quotes/${quote.id}/send`, {}));
  if (stage === 'accepted')
    await json(await admin.post(`/api/v1/quotes/${quote.id}/decision`, { decision: 'accepted' }));
  return quote;
}

/** An activity of Léa's whose members may issue alone (so that issuing is a matter of access only). */
async function selfIssuingActivity(f: Fixtures, admin: Session) {
  const activity = await throwawayActivity(f, admin, [f.lea.memberId]);
  await json(
    await admin.put(`/api/v1/activities/${activity.id}/sales-settings`, { selfIssueCapCents: 1_000_000 }),
  );
  return activity;
}

async function throwawayInvoice(
  f: Fixtures,
  admin: Session,
  stage: 'draft' | 'awaiting' | 'issued' = 'draft',
) {
  const activity = await selfIssuingActivity(f, admin);
  const { validUntil: _v, ...draft } = salesDraft(f, activity.id);
  const invoice = await json(await admin.post('/api/v1/invoices', draft));
  if (stage === 'awaiting')
    await json(await admin.post(`/api/v1/invoices/${invoice.id}/validation-request`, {}));
  if (stage === 'issued') await json(await admin.post(`/api/v1/invoices/${invoice.id}/issue`));
  return invoice;
}

// Expenses: Léa's claims on her MAO activity (Lille office), approved by an admin when needed.
const pngReceipt = () => receiptOf('ticket.png', pngBytes(2, 2));
const expenseDraft = (f: Fixtures) => ({
  kind: 'receipt',
  activityId: f.lea.activityId,
  expenseDate: '2026-11-12',
  label: 'Câble XLR',
  supplierName: 'Boutique du son',
  category: 'equipment',
  amountExclVatCents: 1_000,
  vatCents: 200,
  amountInclVatCents: 1_200,
  invoiceToCoop: true,
  receipt: pngReceipt(),
});

async function throwawayExpense(f: Fixtures, stage: 'draft' | 'submitted' | 'approved' = 'draft') {
  const expense = await json(await sessions.lea.post('/api/v1/expenses', expenseDraft(f)));
  if (stage !== 'draft') await json(await sessions.lea.post(`/api/v1/expenses/${expense.id}/submit`, {}));
  if (stage === 'approved')
    await json(await sessions.admin.post(`/api/v1/expenses/${expense.id}/approve`, {}));
  return expense.id;
}

const payoutDebtor = {
  name: 'Commune Création CAE',
  iban: 'FR7642559100000801123456155',
  bic: 'CCOPFRPPXXX',
};
async function throwawayPayout(f: Fixtures) {
  const expenseId = await throwawayExpense(f, 'approved');
  const batch = await json(
    await sessions.admin.post('/api/v1/payouts', {
      entityId: f.entityId,
      executionDate: '2026-11-25',
      expenseIds: [expenseId],
      debtor: payoutDebtor,
    }),
  );
  return batch.id;
}

const expenseRead: Row['expect'] = [200, 404, 200, 404, 200, 200, 200];
const expenseWrite = (ok: number): Row['expect'] => [ok, 404, 403, 404, 403, 403, 403];
const expenseDecide: Row['expect'] = [403, 404, 200, 404, 200, 403, 200];
const payouts = (ok: number): Row['expect'] => [404, 404, 404, 404, ok, 404, ok];

const salesRead: Row['expect'] = [200, 404, 200, 404, 200, 200, 200];
const salesWrite: Row['expect'] = [200, 404, 200, 404, 403, 403, 200];
const salesCreate: Row['expect'] = [201, 404, 201, 404, 403, 403, 201];
const everyone: Row['expect'] = [200, 200, 200, 200, 200, 200, 200];

// Salaries: Léa asks from her MAO activity (CAE, where she has a contract); runs use one month each
// (July to December: the first half of 2026 is locked in the demo books).
const salaryAsk = { amountKind: 'employerCost', amountCents: 50_000 };
const payrollCache: { request?: string; payslip?: string; computeRun?: string; closedRun?: string } = {};

async function salaryRequest(f: Fixtures, period: string, validated = false): Promise<string> {
  const request = await json(
    await sessions.lea.post('/api/v1/salary-requests', {
      activityId: f.lea.activityId,
      period,
      ...salaryAsk,
    }),
  );
  if (validated)
    await json(await sessions.admin.post(`/api/v1/salary-requests/${request.id}/validation`, {}));
  return request.id;
}

/** A request still waiting for a decision (reused while the refusals leave it so). */
async function submittedRequest(f: Fixtures): Promise<string> {
  const known =
    payrollCache.request &&
    (await sessions.admin.get(`/api/v1/salary-requests/${payrollCache.request}`)).json();
  if (known?.status !== 'submitted') payrollCache.request = await salaryRequest(f, '2026-12');
  return payrollCache.request as string;
}

async function payrollRun(f: Fixtures, period: string, stage: 'open' | 'computed' | 'closed') {
  await salaryRequest(f, period, true);
  const run = await json(await sessions.admin.post('/api/v1/payroll/runs', { entityId: f.entityId, period }));
  if (stage !== 'open') await json(await sessions.admin.post(`/api/v1/payroll/runs/${run.id}/computation`));
  if (stage === 'closed') await json(await sessions.admin.post(`/api/v1/payroll/runs/${run.id}/closure`));
  return run.id;
}

async function closedRun(f: Fixtures) {
  payrollCache.closedRun ??= await payrollRun(f, '2026-12', 'closed');
  return payrollCache.closedRun;
}

async function leaPayslip(f: Fixtures) {
  if (!payrollCache.payslip) {
    const runId = await closedRun(f);
    payrollCache.payslip = (await sessions.admin.get(`/api/v1/payslips?runId=${runId}`)).json().items[0].id;
  }
  return payrollCache.payslip as string;
}

async function leaContract(f: Fixtures) {
  const list = (
    await sessions.admin.get(`/api/v1/employment-contracts?memberId=${f.lea.memberId}&entityId=${f.entityId}`)
  ).json();
  return list.items[0].id as string;
}

const demoEmployer = {
  siret: '79136042300010',
  nafCode: '70.22Z',
  urssafName: 'URSSAF Nord – Pas-de-Calais',
  urssafAccount: '317 0000079136',
  bankIban: 'FR7642559100000801123456252',
  bankBic: 'CCOPFRPPXXX',
};

const payrollStaff: Row['expect'] = [404, 404, 404, 404, 200, 200, 200];
const payrollTeam: Row['expect'] = [404, 404, 404, 404, 403, 200, 200];

const payrollRows: Record<string, Row> = {
  'GET /api/v1/employment-contracts': {
    target: () => ({ url: '/api/v1/employment-contracts' }),
    expect: everyone,
  },
  'POST /api/v1/employment-contracts': {
    target: (f) => ({
      url: '/api/v1/employment-contracts',
      payload: {
        memberId: f.chloeMemberId,
        entityId: f.entityId,
        type: 'CDD',
        jobTitle: 'Régisseuse',
        startDate: '2026-12-01',
        endDate: '2026-12-31',
      },
    }),
    expect: [403, 403, 403, 403, 403, 201, 201],
  },
  'GET /api/v1/employment-contracts/{id}': {
    target: async (f) => ({ url: `/api/v1/employment-contracts/${await leaContract(f)}` }),
    expect: [200, 404, 200, 404, 200, 200, 200],
  },
  'PATCH /api/v1/employment-contracts/{id}': {
    target: async (f) => ({
      url: `/api/v1/employment-contracts/${await leaContract(f)}`,
      payload: { withholdingRateBp: 450 },
    }),
    expect: [403, 404, 403, 404, 403, 200, 200],
  },
  'GET /api/v1/payroll/employers/{entityId}': {
    target: (f) => ({ url: `/api/v1/payroll/employers/${f.entityId}` }),
    expect: payrollStaff,
  },
  'PUT /api/v1/payroll/employers/{entityId}': {
    target: (f) => ({ url: `/api/v1/payroll/employers/${f.entityId}`, payload: demoEmployer }),
    expect: payrollTeam,
  },
  'GET /api/v1/activities/{id}/salary-balance': {
    target: (f) => ({ url: `/api/v1/activities/${f.lea.activityId}/salary-balance` }),
    expect: [200, 404, 200, 404, 200, 200, 200],
  },
  'POST /api/v1/salary-requests/preview': {
    target: (f) => ({
      url: '/api/v1/salary-requests/preview',
      payload: { activityId: f.lea.activityId, period: '2026-12', ...salaryAsk },
    }),
    expect: [200, 404, 403, 404, 403, 403, 403],
  },
  'POST /api/v1/salary-requests': {
    target: (f) => ({
      url: '/api/v1/salary-requests',
      payload: { activityId: f.lea.activityId, period: '2026-12', ...salaryAsk },
    }),
    expect: [201, 404, 403, 404, 403, 403, 403],
  },
  'GET /api/v1/salary-requests': { target: () => ({ url: '/api/v1/salary-requests' }), expect: everyone },
  'GET /api/v1/salary-requests/{id}': {
    target: async (f) => ({ url: `/api/v1/salary-requests/${await submittedRequest(f)}` }),
    expect: [200, 404, 200, 404, 200, 200, 200],
  },
  'POST /api/v1/salary-requests/{id}/validation': {
    target: async (f) => ({
      url: `/api/v1/salary-requests/${await submittedRequest(f)}/validation`,
      payload: {},
    }),
    expect: [403, 404, 403, 404, 403, 200, 200],
  },
  'POST /api/v1/salary-requests/{id}/return': {
    target: async (f) => ({
      url: `/api/v1/salary-requests/${await submittedRequest(f)}/return`,
      payload: { comment: 'Le mois est déjà payé.' },
    }),
    expect: [403, 404, 403, 404, 403, 200, 200],
  },
  'GET /api/v1/payroll/runs': { target: () => ({ url: '/api/v1/payroll/runs' }), expect: payrollStaff },
  'POST /api/v1/payroll/runs': {
    target: async (f, _admin, persona) => {
      const period = persona === 'admin' ? '2026-08' : '2026-07';
      if (persona === 'paie' || persona === 'admin') await salaryRequest(f, period, true);
      return { url: '/api/v1/payroll/runs', payload: { entityId: f.entityId, period } };
    },
    expect: [404, 404, 404, 404, 403, 201, 201],
  },
  'GET /api/v1/payroll/runs/{id}': {
    target: async (f) => ({ url: `/api/v1/payroll/runs/${await closedRun(f)}` }),
    expect: payrollStaff,
  },
  'POST /api/v1/payroll/runs/{id}/computation': {
    target: async (f) => {
      payrollCache.computeRun ??= await payrollRun(f, '2026-09', 'open');
      return { url: `/api/v1/payroll/runs/${payrollCache.computeRun}/computation` };
    },
    expect: payrollTeam,
  },
  'POST /api/v1/payroll/runs/{id}/closure': {
    target: async (f, _admin, persona) => {
      const period = persona === 'admin' ? '2026-11' : '2026-10';
      const id =
        persona === 'paie' || persona === 'admin'
          ? await payrollRun(f, period, 'computed')
          : await closedRun(f);
      return { url: `/api/v1/payroll/runs/${id}/closure` };
    },
    expect: payrollTeam,
  },
  'GET /api/v1/payroll/runs/{id}/sepa': {
    target: async (f) => ({ url: `/api/v1/payroll/runs/${await closedRun(f)}/sepa` }),
    expect: payrollTeam,
  },
  'GET /api/v1/payroll/runs/{id}/contributions': {
    target: async (f) => ({ url: `/api/v1/payroll/runs/${await closedRun(f)}/contributions` }),
    expect: payrollStaff,
  },
  'GET /api/v1/payslips': { target: () => ({ url: '/api/v1/payslips' }), expect: everyone },
  // A payslip carries the NIR and the whole pay: its employee and the payroll team only.
  'GET /api/v1/payslips/{id}': {
    target: async (f) => ({ url: `/api/v1/payslips/${await leaPayslip(f)}` }),
    expect: [200, 404, 404, 404, 404, 200, 200],
  },
  'GET /api/v1/payslips/{id}/pdf': {
    target: async (f) => ({ url: `/api/v1/payslips/${await leaPayslip(f)}/pdf` }),
    expect: [200, 404, 404, 404, 404, 200, 200],
  },
};

// Governance: the demo SCIC (colleges, Léa and Karim sociétaires, an open assembly); throwaway members
// subscribed through the service, throwaway assemblies made by the admin.
const governance = { scic: '', college: '', karim: '', openAssembly: '' };
async function governanceFixtures(admin: Session) {
  if (governance.scic) return governance;
  const entities = (await admin.get('/api/v1/governance/entities')).json().items;
  const scic = entities.find((e: { entityCode: string }) => e.entityCode === 'SCIC');
  governance.scic = scic.entityId;
  governance.college = scic.colleges[0].id;
  governance.karim = (await admin.get('/api/v1/members?q=karim.benali')).json().items[0].id;
  const list = (await admin.get('/api/v1/governance/assemblies')).json().items;
  governance.openAssembly = list.find((a: { phase: string }) => a.phase === 'open').id;
  return governance;
}
/** A member (not a prospect) of the Lille office, who may subscribe shares. */
async function governanceMember(f: Fixtures, admin: Session) {
  const id = unique();
  return json(
    await admin.post('/api/v1/members', {
      firstName: 'Essai',
      lastName: `Sociétaire ${id}`,
      email: `societaire.${id}@example.org`,
      officeId: f.lilleOfficeId,
      status: 'member',
    }),
  );
}
async function shareholderMember(f: Fixtures, admin: Session, paidShares: number) {
  const g = await governanceFixtures(admin);
  const m = await governanceMember(f, admin);
  await json(
    await admin.post(`/api/v1/governance/entities/${g.scic}/subscriptions`, {
      memberId: m.id,
      shares: 2,
      collegeId: g.college,
      occurredOn: '2026-11-20',
    }),
  );
  if (paidShares > 0)
    await json(
      await admin.post(`/api/v1/governance/entities/${g.scic}/payments`, {
        memberId: m.id,
        amountCents: paidShares * 5000,
        occurredOn: '2026-11-20',
      }),
    );
  return m.id as string;
}
async function throwawayAssembly(admin: Session, o: { convene: boolean; close?: boolean }) {
  const g = await governanceFixtures(admin);
  const a = await json(
    await admin.post('/api/v1/governance/assemblies', {
      entityId: g.scic,
      kind: 'ordinary',
      title: `Assemblée d’essai ${unique()}`,
      heldAt: '2026-12-01T17:00:00Z',
      opensAt: '2026-11-19T08:00:00Z',
      closesAt: '2026-12-01T16:00:00Z',
      resolutions: [{ title: 'Approbation des comptes' }],
    }),
  );
  if (o.convene) await json(await admin.post(`/api/v1/governance/assemblies/${a.id}/convene`));
  if (o.close) await json(await admin.post(`/api/v1/governance/assemblies/${a.id}/close`));
  return a as unknown as { id: string; resolutions: { id: string }[] };
}

//                                       lea  karim adviser lyon compta paie admin
const matrix: Record<string, Row> = {
  // Governance: entity rules for all; the register for accountants and admins; assemblies and
  // colleges for admins; proxies and votes by the convened sociétaires themselves (Léa, Karim).
  'GET /api/v1/governance/entities': {
    target: () => ({ url: '/api/v1/governance/entities' }),
    expect: [200, 200, 200, 200, 200, 200, 200],
  },
  'PUT /api/v1/governance/entities/{entityId}/settings': {
    target: async (_f, admin) => {
      const g = await governanceFixtures(admin);
      const entity = (await admin.get('/api/v1/governance/entities'))
        .json()
        .items.find((e: { entityId: string }) => e.entityId === g.scic);
      return {
        url: `/api/v1/governance/entities/${g.scic}/settings`,
        payload: {
          shareNominalCents: 5000,
          proxyCap: 2,
          weightedColleges: true,
          colleges: entity.colleges.map((c: { id: string; name: string; weightBp: number }) => ({
            id: c.id,
            name: c.name,
            weightBp: c.weightBp,
          })),
        },
      };
    },
    expect: [403, 403, 403, 403, 403, 403, 200],
  },
  'GET /api/v1/governance/entities/{entityId}/register': {
    target: async (_f, admin) => ({
      url: `/api/v1/governance/entities/${(await governanceFixtures(admin)).scic}/register`,
    }),
    expect: [404, 404, 404, 404, 200, 404, 200],
  },
  'POST /api/v1/governance/entities/{entityId}/subscriptions': {
    target: async (f, admin) => {
      const g = await governanceFixtures(admin);
      const m = await governanceMember(f, admin);
      return {
        url: `/api/v1/governance/entities/${g.scic}/subscriptions`,
        payload: { memberId: m.id, shares: 1, collegeId: g.college, occurredOn: '2026-11-20' },
      };
    },
    expect: [404, 404, 404, 404, 201, 404, 201],
  },
  'POST /api/v1/governance/entities/{entityId}/payments': {
    target: async (f, admin) => ({
      url: `/api/v1/governance/entities/${(await governanceFixtures(admin)).scic}/payments`,
      payload: {
        memberId: await shareholderMember(f, admin, 0),
        amountCents: 5000,
        occurredOn: '2026-11-20',
      },
    }),
    expect: [404, 404, 404, 404, 201, 404, 201],
  },
  'POST /api/v1/governance/entities/{entityId}/transfers': {
    target: async (f, admin) => ({
      url: `/api/v1/governance/entities/${(await governanceFixtures(admin)).scic}/transfers`,
      payload: {
        fromMemberId: await shareholderMember(f, admin, 2),
        toMemberId: await shareholderMember(f, admin, 0),
        shares: 1,
        occurredOn: '2026-11-20',
      },
    }),
    expect: [404, 404, 404, 404, 201, 404, 201],
  },
  'POST /api/v1/governance/entities/{entityId}/refunds': {
    target: async (f, admin) => ({
      url: `/api/v1/governance/entities/${(await governanceFixtures(admin)).scic}/refunds`,
      payload: { memberId: await shareholderMember(f, admin, 2), shares: 1, occurredOn: '2026-11-20' },
    }),
    expect: [404, 404, 404, 404, 201, 404, 201],
  },
  'PUT /api/v1/governance/entities/{entityId}/members/{memberId}/college': {
    target: async (f, admin) => {
      const g = await governanceFixtures(admin);
      return {
        url: `/api/v1/governance/entities/${g.scic}/members/${await shareholderMember(f, admin, 1)}/college`,
        payload: { collegeId: g.college },
      };
    },
    expect: [404, 404, 404, 404, 200, 404, 200],
  },
  'GET /api/v1/governance/entities/{entityId}/members/{memberId}/certificate.pdf': {
    target: async (f, admin) => ({
      url: `/api/v1/governance/entities/${(await governanceFixtures(admin)).scic}/members/${f.lea.memberId}/certificate.pdf`,
    }),
    expect: [200, 404, 404, 404, 200, 404, 200],
  },
  'GET /api/v1/governance/my-shares': {
    target: () => ({ url: '/api/v1/governance/my-shares' }),
    expect: [200, 200, 200, 200, 200, 200, 200],
  },
  'GET /api/v1/governance/assemblies': {
    target: () => ({ url: '/api/v1/governance/assemblies' }),
    expect: [200, 200, 200, 200, 200, 200, 200],
  },
  'POST /api/v1/governance/assemblies': {
    target: async (_f, admin) => ({
      url: '/api/v1/governance/assemblies',
      payload: {
        entityId: (await governanceFixtures(admin)).scic,
        kind: 'ordinary',
        title: 'Assemblée d’essai',
        heldAt: '2026-12-01T17:00:00Z',
        opensAt: '2026-11-25T08:00:00Z',
        closesAt: '2026-12-01T16:00:00Z',
        resolutions: [{ title: 'Approbation des comptes' }],
      },
    }),
    expect: [403, 403, 403, 403, 403, 403, 201],
  },
  'GET /api/v1/governance/assemblies/{id}': {
    target: async (_f, admin) => ({
      url: `/api/v1/governance/assemblies/${(await governanceFixtures(admin)).openAssembly}`,
    }),
    expect: [200, 200, 404, 404, 200, 404, 200],
  },
  'POST /api/v1/governance/assemblies/{id}/convene': {
    target: async (_f, admin) => ({
      url: `/api/v1/governance/assemblies/${(await throwawayAssembly(admin, { convene: false })).id}/convene`,
    }),
    expect: [403, 403, 403, 403, 403, 403, 200],
  },
  'POST /api/v1/governance/assemblies/{id}/close': {
    target: async (_f, admin) => ({
      url: `/api/v1/governance/assemblies/${(await throwawayAssembly(admin, { convene: true })).id}/close`,
    }),
    expect: [403, 403, 403, 403, 403, 403, 200],
  },
  'PUT /api/v1/governance/assemblies/{id}/proxy': {
    target: async (f, admin, persona) => ({
      url: `/api/v1/governance/assemblies/${(await throwawayAssembly(admin, { convene: true })).id}/proxy`,
      payload: {
        holderMemberId: persona === 'lea' ? (await governanceFixtures(admin)).karim : f.lea.memberId,
      },
    }),
    expect: [200, 200, 403, 403, 403, 403, 403],
  },
  'DELETE /api/v1/governance/assemblies/{id}/proxy': {
    target: async (_f, admin) => ({
      url: `/api/v1/governance/assemblies/${(await throwawayAssembly(admin, { convene: true })).id}/proxy`,
    }),
    expect: [200, 200, 403, 403, 403, 403, 403],
  },
  'POST /api/v1/governance/assemblies/{id}/votes': {
    target: async (_f, admin) => {
      const a = await throwawayAssembly(admin, { convene: true });
      return {
        url: `/api/v1/governance/assemblies/${a.id}/votes`,
        payload: { ballots: [{ resolutionId: a.resolutions[0]?.id, choice: 'for' }] },
      };
    },
    expect: [200, 200, 403, 403, 403, 403, 403],
  },
  'GET /api/v1/governance/assemblies/{id}/results': {
    target: async (_f, admin) => ({
      url: `/api/v1/governance/assemblies/${(await throwawayAssembly(admin, { convene: true, close: true })).id}/results`,
    }),
    expect: [200, 200, 404, 404, 200, 404, 200],
  },
  'GET /api/v1/governance/assemblies/{id}/minutes.pdf': {
    target: async (_f, admin) => ({
      url: `/api/v1/governance/assemblies/${(await throwawayAssembly(admin, { convene: true, close: true })).id}/minutes.pdf`,
    }),
    expect: [200, 200, 404, 404, 200, 404, 200],
  },
  // Community: events are open to all signed-in people; an office's staff (its advisers, admins) run
  // them; members register themselves; prospects register on the public page without an account.
  'GET /api/v1/events': {
    target: () => ({ url: '/api/v1/events' }),
    expect: [200, 200, 200, 200, 200, 200, 200],
  },
  'POST /api/v1/events': {
    target: (f) => ({
      url: '/api/v1/events',
      payload: {
        officeId: f.lilleOfficeId,
        kind: 'info_session',
        title: 'Découvrir la coopérative',
        startsAt: '2026-12-10T17:00:00Z',
        endsAt: '2026-12-10T18:00:00Z',
        place: { kind: 'online', url: 'https://visio.example.org/commune' },
        capacity: 30,
        audience: 'prospects',
      },
    }),
    expect: [403, 403, 201, 403, 403, 403, 201],
  },
  'GET /api/v1/events/{id}': {
    target: async (f, admin) => ({ url: `/api/v1/events/${await throwawayEvent(f, admin)}` }),
    expect: [200, 200, 200, 200, 200, 200, 200],
  },
  'PATCH /api/v1/events/{id}': {
    target: async (f, admin) => ({
      url: `/api/v1/events/${await throwawayEvent(f, admin)}`,
      payload: { capacity: 12 },
    }),
    expect: [403, 403, 200, 403, 403, 403, 200],
  },
  'POST /api/v1/events/{id}/cancel': {
    target: async (f, admin) => ({ url: `/api/v1/events/${await throwawayEvent(f, admin)}/cancel` }),
    expect: [403, 403, 200, 403, 403, 403, 200],
  },
  'PUT /api/v1/events/{id}/registration': {
    target: async (f, admin) => ({ url: `/api/v1/events/${await throwawayEvent(f, admin)}/registration` }),
    expect: [200, 200, 403, 403, 403, 403, 403],
  },
  'DELETE /api/v1/events/{id}/registration': {
    target: async (f, admin, persona) => {
      const id = await throwawayEvent(f, admin);
      if (persona === 'lea' || persona === 'karim')
        await json((await sessions[persona].put(`/api/v1/events/${id}/registration`)) as never);
      return { url: `/api/v1/events/${id}/registration` };
    },
    expect: [200, 200, 403, 403, 403, 403, 403],
  },
  'GET /api/v1/events/{id}/attendance': {
    target: async (f, admin) => ({ url: `/api/v1/events/${await throwawayEvent(f, admin)}/attendance` }),
    expect: [403, 403, 200, 403, 403, 403, 200],
  },
  'PUT /api/v1/events/{id}/attendance': {
    target: async (f, admin) => {
      const id = await throwawayEvent(f, admin);
      await json((await sessions.lea.put(`/api/v1/events/${id}/registration`)) as never);
      const sheet = (await admin.get(`/api/v1/events/${id}/attendance`)).json();
      return {
        url: `/api/v1/events/${id}/attendance`,
        payload: { marks: [{ registrationId: sheet.registrations[0].id, attended: true }] },
      };
    },
    expect: [403, 403, 200, 403, 403, 403, 200],
  },
  'GET /api/v1/events/{id}/attendance.pdf': {
    target: async (f, admin) => ({ url: `/api/v1/events/${await throwawayEvent(f, admin)}/attendance.pdf` }),
    expect: [403, 403, 200, 403, 403, 403, 200],
  },
  'GET /api/v1/calendar-feed': {
    target: () => ({ url: '/api/v1/calendar-feed' }),
    expect: [200, 200, 404, 404, 404, 404, 404],
  },
  'POST /api/v1/calendar-feed': {
    target: () => ({ url: '/api/v1/calendar-feed' }),
    expect: [200, 200, 404, 404, 404, 404, 404],
  },
  // Public (no session), rate-limited per address: the office page, a prospect's registration and
  // confirmation, a member's calendar feed (its secret token is the address).
  'GET /api/v1/public/offices/{code}': {
    target: () => ({ url: '/api/v1/public/offices/lille' }),
    expect: [200, 200, 200, 200, 200, 200, 200],
  },
  'POST /api/v1/public/events/{id}/registrations': {
    target: async (f, admin) => ({
      url: `/api/v1/public/events/${await throwawayEvent(f, admin)}/registrations`,
      payload: { name: 'Prospect', email: `prospect.${unique()}@example.net` },
    }),
    expect: [202, 202, 202, 202, 202, 202, 202],
  },
  'POST /api/v1/public/registrations/confirm': {
    target: async (f, admin) => ({
      url: '/api/v1/public/registrations/confirm',
      payload: { token: await prospectToken(f, admin) },
    }),
    expect: [200, 200, 200, 200, 200, 200, 200],
  },
  'POST /api/v1/public/registrations/cancel': {
    target: async (f, admin) => ({
      url: '/api/v1/public/registrations/cancel',
      payload: await prospectCancelLink(f, admin),
    }),
    expect: [200, 200, 200, 200, 200, 200, 200],
  },
  'GET /api/v1/public/calendars/{file}': {
    target: async () => ({
      url: new URL((await sessions.lea.get('/api/v1/calendar-feed')).json().url).pathname,
    }),
    expect: [200, 200, 200, 200, 200, 200, 200],
  },
  // Directory, public (no session, rate-limited per address): search and read published profiles and
  // networks, and send a request to published members (Chloé's profile is published in the demo).
  'GET /api/v1/public/directory/profiles': {
    target: () => ({ url: '/api/v1/public/directory/profiles?q=photographe%20lille' }),
    expect: [200, 200, 200, 200, 200, 200, 200],
  },
  'GET /api/v1/public/directory/profiles/{memberId}': {
    target: (f) => ({ url: `/api/v1/public/directory/profiles/${f.chloeMemberId}` }),
    expect: [200, 200, 200, 200, 200, 200, 200],
  },
  'GET /api/v1/public/directory/networks': {
    target: () => ({ url: '/api/v1/public/directory/networks' }),
    expect: [200, 200, 200, 200, 200, 200, 200],
  },
  'GET /api/v1/public/directory/networks/{slug}': {
    target: () => ({ url: '/api/v1/public/directory/networks/photographie' }),
    expect: [200, 200, 200, 200, 200, 200, 200],
  },
  'POST /api/v1/public/directory/requests': {
    target: (f) => ({
      url: '/api/v1/public/directory/requests',
      payload: {
        name: 'Client d’essai',
        email: `client.${unique()}@example.net`,
        subject: 'Reportage photo',
        message: 'Bonjour, pourriez-vous photographier notre événement en décembre ?',
        memberIds: [f.chloeMemberId],
      },
    }),
    expect: [202, 202, 202, 202, 202, 202, 202],
  },
  // Directory, signed in: everyone searches and reads published profiles and networks; a member keeps
  // their own profile, networks and inbox (staff without a member file have none: 404); admins create networks.
  'GET /api/v1/directory/profiles': {
    target: () => ({ url: '/api/v1/directory/profiles?includeUnpublished=true' }),
    expect: [200, 200, 200, 200, 200, 200, 200],
  },
  'GET /api/v1/directory/profiles/{memberId}': {
    target: (f) => ({ url: `/api/v1/directory/profiles/${f.chloeMemberId}` }),
    expect: [200, 200, 200, 200, 200, 200, 200],
  },
  'GET /api/v1/directory/profile': {
    target: () => ({ url: '/api/v1/directory/profile' }),
    expect: [200, 200, 404, 404, 404, 404, 404],
  },
  'PUT /api/v1/directory/profile': {
    target: () => ({
      url: '/api/v1/directory/profile',
      payload: { trade: 'Technicienne son', city: 'Lille', skills: ['Prise de son'] },
    }),
    expect: [200, 200, 404, 404, 404, 404, 404],
  },
  'POST /api/v1/directory/profile/publish': {
    target: () => ({ url: '/api/v1/directory/profile/publish', payload: { consent: true } }),
    expect: [200, 200, 404, 404, 404, 404, 404],
  },
  'POST /api/v1/directory/profile/withdraw': {
    target: () => ({ url: '/api/v1/directory/profile/withdraw' }),
    expect: [200, 200, 404, 404, 404, 404, 404],
  },
  'GET /api/v1/directory/networks': {
    target: () => ({ url: '/api/v1/directory/networks' }),
    expect: [200, 200, 200, 200, 200, 200, 200],
  },
  'POST /api/v1/directory/networks': {
    target: () => {
      const id = unique();
      return {
        url: '/api/v1/directory/networks',
        payload: { slug: `essai-${id}`, name: `Réseau d’essai ${id}` },
      };
    },
    expect: [404, 404, 404, 404, 404, 404, 201],
  },
  'GET /api/v1/directory/networks/{slug}': {
    target: () => ({ url: '/api/v1/directory/networks/photographie' }),
    expect: [200, 200, 200, 200, 200, 200, 200],
  },
  'PUT /api/v1/directory/networks/{slug}/membership': {
    target: () => ({ url: '/api/v1/directory/networks/formation/membership' }),
    expect: [200, 200, 404, 404, 404, 404, 404],
  },
  'DELETE /api/v1/directory/networks/{slug}/membership': {
    target: () => ({ url: '/api/v1/directory/networks/formation/membership' }),
    expect: [200, 200, 404, 404, 404, 404, 404],
  },
  'GET /api/v1/directory/inbox': {
    target: () => ({ url: '/api/v1/directory/inbox' }),
    expect: [200, 200, 404, 404, 404, 404, 404],
  },
  // A request in Léa's inbox (the demo has one): only she reads and answers it.
  'GET /api/v1/directory/inbox/{id}': {
    target: async () => ({ url: `/api/v1/directory/inbox/${await leaRequest()}` }),
    expect: [200, 404, 404, 404, 404, 404, 404],
  },
  'POST /api/v1/directory/inbox/{id}/replies': {
    target: async () => ({
      url: `/api/v1/directory/inbox/${await leaRequest()}/replies`,
      payload: { message: 'Bonjour, je suis disponible.' },
    }),
    expect: [201, 404, 404, 404, 404, 404, 404],
  },
  'POST /api/v1/directory/inbox/{id}/quote': {
    target: async (f) => ({
      url: `/api/v1/directory/inbox/${await leaRequest()}/quote`,
      payload: {
        activityId: f.lea.activityId,
        client: {
          kind: 'association',
          name: 'Association Les Nuits Métisses',
          addressLine: '3 rue Pierre-Legrand',
          postalCode: '59800',
          city: 'Lille',
        },
      },
    }),
    expect: [201, 404, 404, 404, 404, 404, 404],
  },
  // Spaces: listed to all; run by the office's staff; booked by members; a booking cancelled by its
  // member or the office's staff (others do not see it: 404); occupancy for the office's staff.
  'GET /api/v1/spaces': {
    target: () => ({ url: '/api/v1/spaces' }),
    expect: [200, 200, 200, 200, 200, 200, 200],
  },
  'POST /api/v1/spaces': {
    target: (f) => ({
      url: '/api/v1/spaces',
      payload: {
        officeId: f.lilleOfficeId,
        name: `Salle d’essai ${unique()}`,
        kind: 'meeting_room',
        capacity: 8,
        openingHours: [null, null, null, null, null, null, null],
      },
    }),
    expect: [403, 403, 201, 403, 403, 403, 201],
  },
  'GET /api/v1/spaces/{id}': {
    target: async (f, admin) => ({ url: `/api/v1/spaces/${await throwawaySpace(f, admin)}` }),
    expect: [200, 200, 200, 200, 200, 200, 200],
  },
  'PATCH /api/v1/spaces/{id}': {
    target: async (f, admin) => ({
      url: `/api/v1/spaces/${await throwawaySpace(f, admin)}`,
      payload: { rules: 'Au calme.' },
    }),
    expect: [403, 403, 200, 403, 403, 403, 200],
  },
  'GET /api/v1/spaces/{id}/bookings': {
    target: async (f, admin) => ({
      url: `/api/v1/spaces/${await throwawaySpace(f, admin)}/bookings?from=2026-11-23T00:00:00Z&to=2026-11-30T00:00:00Z`,
    }),
    expect: [200, 200, 200, 200, 200, 200, 200],
  },
  'POST /api/v1/spaces/{id}/bookings': {
    target: async (f, admin) => ({
      url: `/api/v1/spaces/${await throwawaySpace(f, admin)}/bookings`,
      payload: { startsAt: '2026-11-23T09:00:00Z', endsAt: '2026-11-23T10:00:00Z' },
    }),
    expect: [201, 201, 403, 403, 403, 403, 403],
  },
  'GET /api/v1/space-bookings': {
    target: () => ({ url: '/api/v1/space-bookings' }),
    expect: [200, 200, 200, 200, 200, 200, 200],
  },
  'POST /api/v1/space-bookings/{id}/cancel': {
    target: async (f, admin) => {
      const spaceId = await throwawaySpace(f, admin);
      const booking = await json(
        (await sessions.lea.post(`/api/v1/spaces/${spaceId}/bookings`, {
          startsAt: '2026-11-24T09:00:00Z',
          endsAt: '2026-11-24T10:00:00Z',
        })) as never,
      );
      return { url: `/api/v1/space-bookings/${booking.id}/cancel` };
    },
    expect: [200, 404, 200, 404, 404, 404, 200],
  },
  'GET /api/v1/offices/{id}/occupancy': {
    target: (f) => ({ url: `/api/v1/offices/${f.lilleOfficeId}/occupancy?month=2026-11` }),
    expect: [404, 404, 200, 404, 404, 404, 200],
  },
  ...payrollRows,
  'GET /healthz': { target: () => ({ url: '/healthz' }), expect: [200, 200, 200, 200, 200, 200, 200] },
  'GET /api/v1/me': { target: () => ({ url: '/api/v1/me' }), expect: [200, 200, 200, 200, 200, 200, 200] },
  'GET /api/v1/home': {
    target: () => ({ url: '/api/v1/home' }),
    expect: [200, 200, 200, 200, 200, 200, 200],
  },
  // The salary simulator is public: anyone, signed in or not, gets an answer.
  'POST /api/v1/payroll/simulations': {
    target: () => ({
      url: '/api/v1/payroll/simulations',
      payload: {
        period: '2026-11',
        contract: { type: 'CDI', cadre: false },
        headcount: 12,
        from: { grossCents: 250_000 },
      },
    }),
    expect: [200, 200, 200, 200, 200, 200, 200],
  },

  // Organisation: read by all, managed by admins.
  'GET /api/v1/entities': {
    target: () => ({ url: '/api/v1/entities' }),
    expect: [200, 200, 200, 200, 200, 200, 200],
  },
  'GET /api/v1/entities/{id}': {
    target: (f) => ({ url: `/api/v1/entities/${f.entityId}` }),
    expect: [200, 200, 200, 200, 200, 200, 200],
  },
  'POST /api/v1/entities': {
    target: () => ({
      url: '/api/v1/entities',
      payload: {
        code: `E${unique().toUpperCase()}`.slice(0, 16),
        name: 'Coopérative d’essai',
        legalForm: 'SCOP SARL',
        kind: 'other',
        siren: freshSiren(),
        vatNumber: 'FR00000000000',
        rcsCity: 'Lille',
        shareCapitalCents: 100_000,
        addressLine: '1 rue du Port',
        postalCode: '59000',
        city: 'Lille',
        feeRateBp: 900,
      },
    }),
    expect: [403, 403, 403, 403, 403, 403, 201],
  },
  'PATCH /api/v1/entities/{id}': {
    target: (f) => ({ url: `/api/v1/entities/${f.entityId}`, payload: { rcsCity: 'Lille' } }),
    expect: [403, 403, 403, 403, 403, 403, 200],
  },
  'GET /api/v1/offices': {
    target: () => ({ url: '/api/v1/offices' }),
    expect: [200, 200, 200, 200, 200, 200, 200],
  },
  'GET /api/v1/offices/{id}': {
    target: (f) => ({ url: `/api/v1/offices/${f.lilleOfficeId}` }),
    expect: [200, 200, 200, 200, 200, 200, 200],
  },
  'POST /api/v1/offices': {
    target: () => ({
      url: '/api/v1/offices',
      payload: { code: `essai-${unique()}`, name: 'Essai', city: 'Douai' },
    }),
    expect: [403, 403, 403, 403, 403, 403, 201],
  },
  'PATCH /api/v1/offices/{id}': {
    target: (f) => ({ url: `/api/v1/offices/${f.lilleOfficeId}`, payload: { city: 'Lille' } }),
    expect: [403, 403, 403, 403, 403, 403, 200],
  },

  // Accounts: admins only; a user reads their own account.
  'GET /api/v1/users': {
    target: () => ({ url: '/api/v1/users' }),
    expect: [404, 404, 404, 404, 404, 404, 200],
  },
  'POST /api/v1/users': {
    target: () => ({
      url: '/api/v1/users',
      payload: { name: 'Compte d’essai', email: `compte.${unique()}@commune.coop`, roles: ['accountant'] },
    }),
    expect: [404, 404, 404, 404, 404, 404, 201],
  },
  'GET /api/v1/users/{id}': {
    target: (f) => ({ url: `/api/v1/users/${f.lea.userId}` }),
    expect: [200, 404, 404, 404, 404, 404, 200],
  },
  'PATCH /api/v1/users/{id}': {
    target: (f) => ({ url: `/api/v1/users/${f.lea.userId}`, payload: { name: 'Léa Martin' } }),
    expect: [403, 404, 404, 404, 404, 404, 200],
  },
  'GET /api/v1/audit-log': {
    target: () => ({ url: '/api/v1/audit-log' }),
    expect: [404, 404, 404, 404, 404, 404, 200],
  },

  // Members: advisers of the office and the back office see them; the member sees only themself.
  'GET /api/v1/members': {
    target: () => ({ url: '/api/v1/members' }),
    expect: [404, 404, 200, 200, 200, 200, 200],
  },
  'POST /api/v1/members': {
    target: (f) => ({
      url: '/api/v1/members',
      payload: {
        firstName: 'Nina',
        lastName: 'Essai',
        email: `nina.${unique()}@example.org`,
        officeId: f.lilleOfficeId,
      },
    }),
    // The Lyon adviser creates members only in the offices they follow: the office field is refused.
    expect: [404, 404, 201, 400, 404, 404, 201],
  },
  'GET /api/v1/members/{id}': {
    target: (f) => ({ url: `/api/v1/members/${f.lea.memberId}` }),
    expect: [200, 404, 200, 404, 200, 200, 200],
  },
  'PATCH /api/v1/members/{id}': {
    target: (f) => ({ url: `/api/v1/members/${f.lea.memberId}`, payload: { city: 'Lille' } }),
    expect: [200, 404, 200, 404, 403, 403, 200],
  },
  'POST /api/v1/members/{id}/status': {
    target: async (f, admin) => ({
      url: `/api/v1/members/${(await throwawayMember(f, admin)).id}/status`,
      payload: { status: 'member' },
    }),
    expect: [404, 404, 200, 404, 403, 403, 200],
  },
  'POST /api/v1/members/{id}/invitation': {
    target: async (f, admin) => ({
      url: `/api/v1/members/${(await throwawayMember(f, admin)).id}/invitation`,
    }),
    expect: [404, 404, 200, 404, 403, 403, 200],
  },

  // Activities: the members on it, the advisers of their office, the back office (read only).
  'GET /api/v1/activities': {
    target: () => ({ url: '/api/v1/activities' }),
    expect: [200, 200, 200, 200, 200, 200, 200],
  },
  'POST /api/v1/activities': {
    target: (f, _admin, persona) => ({
      url: '/api/v1/activities',
      payload: {
        entityId: f.entityId,
        name: `Nouvelle activité ${unique()}`,
        // Members open activities for themselves; staff name the member.
        memberIds: persona === 'lea' || persona === 'karim' ? [] : [f.lea.memberId],
      },
    }),
    // The Lyon adviser may not open one for Léa, who is not in their offices: the member field is refused.
    expect: [201, 201, 201, 400, 404, 404, 201],
  },
  'GET /api/v1/activities/{id}': {
    target: (f) => ({ url: `/api/v1/activities/${f.lea.activityId}` }),
    expect: [200, 404, 200, 404, 200, 200, 200],
  },
  'PATCH /api/v1/activities/{id}': {
    target: (f) => ({ url: `/api/v1/activities/${f.lea.activityId}`, payload: { trade: 'musicien·ne' } }),
    expect: [200, 404, 200, 404, 403, 403, 200],
  },
  // The cooperative fee: policies and budget shares read by all, set by the direction; an activity's
  // fee by those who see its account, its kind by its advisers; the yearly minimum by accountants.
  'GET /api/v1/fees/policies': {
    target: (f) => ({ url: `/api/v1/fees/policies?entityId=${f.entityId}` }),
    expect: [200, 200, 200, 200, 200, 200, 200],
  },
  'POST /api/v1/fees/policies': {
    target: (f) => ({ url: '/api/v1/fees/policies', payload: plannedVersion(f) }),
    expect: [403, 403, 403, 403, 403, 403, 201],
  },
  'DELETE /api/v1/fees/policies/{id}': {
    target: async (f, admin) => ({
      url: `/api/v1/fees/policies/${(await json(await admin.post('/api/v1/fees/policies', plannedVersion(f)))).id}`,
    }),
    expect: [403, 403, 403, 403, 403, 403, 204],
  },
  'GET /api/v1/fees/activities/{id}': {
    target: (f) => ({ url: `/api/v1/fees/activities/${f.lea.activityId}` }),
    expect: [200, 404, 200, 404, 200, 200, 200],
  },
  'PUT /api/v1/fees/activities/{id}/kind': {
    target: (f) => ({
      url: `/api/v1/fees/activities/${f.lea.activityId}/kind`,
      payload: { kind: 'artistic' },
    }),
    expect: [403, 404, 200, 404, 403, 403, 200],
  },
  'GET /api/v1/fees/budget-shares/{id}/{year}': {
    target: (f) => ({ url: `/api/v1/fees/budget-shares/${f.entityId}/2026` }),
    expect: [200, 200, 200, 200, 200, 200, 200],
  },
  'PUT /api/v1/fees/budget-shares/{id}/{year}': {
    target: (f) => ({
      url: `/api/v1/fees/budget-shares/${f.entityId}/2031`,
      payload: { shares: [{ service: 'advisers', shareBp: 10_000 }] },
    }),
    expect: [403, 403, 403, 403, 403, 403, 200],
  },
  'GET /api/v1/fees/contribution': {
    target: (f) => ({ url: `/api/v1/fees/contribution?memberId=${f.lea.memberId}` }),
    expect: [200, 404, 200, 404, 200, 200, 200],
  },
  'POST /api/v1/fees/minimum-runs': {
    // 2025 is over; no policy of the entity had a minimum then, so nothing is posted.
    target: (f) => ({ url: '/api/v1/fees/minimum-runs', payload: { entityId: f.entityId, year: 2025 } }),
    expect: [404, 404, 404, 404, 201, 404, 201],
  },
  'PUT /api/v1/activities/{id}/fee': {
    target: (f) => ({
      url: `/api/v1/activities/${f.lea.activityId}/fee`,
      payload: { feeRateBp: null, reason: null },
    }),
    expect: [403, 404, 200, 404, 403, 403, 200],
  },
  'POST /api/v1/activities/{id}/members': {
    target: async (f, admin) => ({
      url: `/api/v1/activities/${(await throwawayActivity(f, admin, [f.lea.memberId])).id}/members`,
      payload: { memberId: f.chloeMemberId },
    }),
    expect: [403, 404, 200, 404, 403, 403, 200],
  },
  'DELETE /api/v1/activities/{id}/members/{memberId}': {
    target: async (f, admin) => ({
      url: `/api/v1/activities/${(await throwawayActivity(f, admin, [f.lea.memberId, f.chloeMemberId])).id}/members/${f.chloeMemberId}`,
    }),
    expect: [403, 404, 200, 404, 403, 403, 200],
  },

  // Clients: companies are a shared directory; a private person is seen by those who work with them.
  'GET /api/v1/clients': {
    target: () => ({ url: '/api/v1/clients' }),
    expect: [200, 200, 200, 200, 200, 200, 200],
  },
  'POST /api/v1/clients': {
    target: () => ({ url: '/api/v1/clients', payload: companyPayload() }),
    expect: [201, 201, 201, 201, 201, 201, 201],
  },
  'GET /api/v1/clients/{id}': {
    target: (f) => ({ url: `/api/v1/clients/${f.lea.individualClientId}` }),
    expect: [200, 404, 200, 404, 200, 200, 200],
  },
  'PATCH /api/v1/clients/{id}': {
    target: (f) => ({ url: `/api/v1/clients/${f.lea.individualClientId}`, payload: { city: 'Lille' } }),
    expect: [200, 404, 200, 404, 200, 403, 200],
  },
  'POST /api/v1/clients/{id}/contacts': {
    target: (f) => ({
      url: `/api/v1/clients/${f.lea.individualClientId}/contacts`,
      payload: { name: 'Paul Essai' },
    }),
    expect: [201, 404, 201, 404, 201, 403, 201],
  },
  'PATCH /api/v1/clients/{id}/contacts/{contactId}': {
    target: async (f, admin) => ({
      url: `/api/v1/clients/${f.lea.individualClientId}/contacts/${await throwawayContact(f, admin)}`,
      payload: { role: 'Régisseur' },
    }),
    expect: [200, 404, 200, 404, 200, 403, 200],
  },
  'DELETE /api/v1/clients/{id}/contacts/{contactId}': {
    target: async (f, admin) => ({
      url: `/api/v1/clients/${f.lea.individualClientId}/contacts/${await throwawayContact(f, admin)}`,
    }),
    expect: [200, 404, 200, 404, 200, 403, 200],
  },
  'PUT /api/v1/activities/{id}/clients/{clientId}': {
    target: async (f, admin) => ({
      url: `/api/v1/activities/${f.lea.activityId}/clients/${(await throwawayCompany(admin)).id}`,
    }),
    expect: [200, 404, 200, 404, 403, 403, 200],
  },
  'DELETE /api/v1/activities/{id}/clients/{clientId}': {
    target: async (f, admin) => {
      const client = await throwawayCompany(admin);
      await json(await admin.put(`/api/v1/activities/${f.lea.activityId}/clients/${client.id}`));
      return { url: `/api/v1/activities/${f.lea.activityId}/clients/${client.id}` };
    },
    expect: [204, 404, 204, 404, 403, 403, 204],
  },

  // Ledger: the books are for accountants and admins (404 for everyone else); unlocking a month and
  // reopening a year are admin decisions (403 for accountants). The activity account follows the activity.
  'GET /api/v1/ledger/entities/{entityId}/accounts': {
    target: (f) => ({ url: `/api/v1/ledger/entities/${f.entityId}/accounts` }),
    expect: [404, 404, 404, 404, 200, 404, 200],
  },
  'POST /api/v1/ledger/entities/{entityId}/accounts': {
    target: (f) => ({
      url: `/api/v1/ledger/entities/${f.entityId}/accounts`,
      payload: { number: `628${String(counter++).padStart(4, '0')}`, label: 'Compte d’essai' },
    }),
    expect: [404, 404, 404, 404, 201, 404, 201],
  },
  'PATCH /api/v1/ledger/accounts/{id}': {
    target: async (f, admin) => {
      const number = `628${String(counter++).padStart(4, '0')}`;
      const account = await json(
        await admin.post(`/api/v1/ledger/entities/${f.entityId}/accounts`, { number, label: 'Essai' }),
      );
      return { url: `/api/v1/ledger/accounts/${account.id}`, payload: { label: 'Essai renommé' } };
    },
    expect: [404, 404, 404, 404, 200, 404, 200],
  },
  'DELETE /api/v1/ledger/accounts/{id}': {
    target: async (f, admin) => {
      const number = `628${String(counter++).padStart(4, '0')}`;
      const account = await json(
        await admin.post(`/api/v1/ledger/entities/${f.entityId}/accounts`, { number, label: 'Essai' }),
      );
      return { url: `/api/v1/ledger/accounts/${account.id}` };
    },
    expect: [404, 404, 404, 404, 204, 404, 204],
  },
  'GET /api/v1/ledger/entities/{entityId}/auxiliary-accounts': {
    target: (f) => ({ url: `/api/v1/ledger/entities/${f.entityId}/auxiliary-accounts` }),
    expect: [404, 404, 404, 404, 200, 404, 200],
  },
  'POST /api/v1/ledger/entities/{entityId}/auxiliary-accounts': {
    target: (f) => ({
      url: `/api/v1/ledger/entities/${f.entityId}/auxiliary-accounts`,
      payload: {
        kind: 'supplier',
        code: `F${unique().toUpperCase()}`.slice(0, 17),
        label: 'Fournisseur d’essai',
      },
    }),
    expect: [404, 404, 404, 404, 201, 404, 201],
  },
  'GET /api/v1/ledger/entities/{entityId}/journals': {
    target: (f) => ({ url: `/api/v1/ledger/entities/${f.entityId}/journals` }),
    expect: [404, 404, 404, 404, 200, 404, 200],
  },
  'POST /api/v1/ledger/entities/{entityId}/journals': {
    target: (f) => ({
      url: `/api/v1/ledger/entities/${f.entityId}/journals`,
      payload: { code: `J${String(counter++).padStart(4, '0')}`, label: 'Journal d’essai', kind: 'misc' },
    }),
    expect: [404, 404, 404, 404, 201, 404, 201],
  },
  'PATCH /api/v1/ledger/journals/{id}': {
    target: async (f, admin) => {
      const journals = (await admin.get(`/api/v1/ledger/entities/${f.entityId}/journals`)).json().items;
      const od = journals.find((j: { code: string }) => j.code === 'OD');
      return { url: `/api/v1/ledger/journals/${od.id}`, payload: { label: 'Opérations diverses' } };
    },
    expect: [404, 404, 404, 404, 200, 404, 200],
  },
  'GET /api/v1/ledger/entities/{entityId}/fiscal-years': {
    target: (f) => ({ url: `/api/v1/ledger/entities/${f.entityId}/fiscal-years` }),
    expect: [404, 404, 404, 404, 200, 404, 200],
  },
  'POST /api/v1/ledger/entities/{entityId}/fiscal-years': {
    target: (f) => {
      const year = 2100 + counter++;
      return {
        url: `/api/v1/ledger/entities/${f.entityId}/fiscal-years`,
        payload: { startDate: `${year}-01-01`, endDate: `${year}-12-31` },
      };
    },
    expect: [404, 404, 404, 404, 201, 404, 201],
  },
  'POST /api/v1/ledger/fiscal-years/{id}/close': {
    target: async (f, admin) => {
      const year = 2100 + counter++;
      const fy = await json(
        await admin.post(`/api/v1/ledger/entities/${f.entityId}/fiscal-years`, {
          startDate: `${year}-01-01`,
          endDate: `${year}-12-31`,
        }),
      );
      return { url: `/api/v1/ledger/fiscal-years/${fy.id}/close` };
    },
    expect: [404, 404, 404, 404, 200, 404, 200],
  },
  'POST /api/v1/ledger/fiscal-years/{id}/reopen': {
    target: async (f, admin) => {
      const year = 2100 + counter++;
      const fy = await json(
        await admin.post(`/api/v1/ledger/entities/${f.entityId}/fiscal-years`, {
          startDate: `${year}-01-01`,
          endDate: `${year}-12-31`,
        }),
      );
      await json(await admin.post(`/api/v1/ledger/fiscal-years/${fy.id}/close`));
      return { url: `/api/v1/ledger/fiscal-years/${fy.id}/reopen` };
    },
    expect: [404, 404, 404, 404, 403, 404, 200],
  },
  'GET /api/v1/ledger/entities/{entityId}/locks': {
    target: (f) => ({ url: `/api/v1/ledger/entities/${f.entityId}/locks` }),
    expect: [404, 404, 404, 404, 200, 404, 200],
  },
  'PUT /api/v1/ledger/entities/{entityId}/locks/{month}': {
    target: (f) => ({ url: `/api/v1/ledger/entities/${f.entityId}/locks/${2300 + counter++}-01` }),
    expect: [404, 404, 404, 404, 200, 404, 200],
  },
  'DELETE /api/v1/ledger/entities/{entityId}/locks/{month}': {
    target: async (f, admin) => {
      const month = `${2300 + counter++}-01`;
      await json(await admin.put(`/api/v1/ledger/entities/${f.entityId}/locks/${month}`));
      return { url: `/api/v1/ledger/entities/${f.entityId}/locks/${month}` };
    },
    expect: [404, 404, 404, 404, 403, 404, 204],
  },
  'GET /api/v1/ledger/entities/{entityId}/entries': {
    target: (f) => ({ url: `/api/v1/ledger/entities/${f.entityId}/entries` }),
    expect: [404, 404, 404, 404, 200, 404, 200],
  },
  'POST /api/v1/ledger/entries': {
    target: (f) => ({
      url: '/api/v1/ledger/entries',
      payload: {
        entityId: f.entityId,
        entryDate: '2026-11-18',
        label: 'Frais bancaires',
        lines: [
          { accountNumber: '627', debitCents: 1_200 },
          { accountNumber: '512', creditCents: 1_200 },
        ],
      },
    }),
    expect: [404, 404, 404, 404, 201, 404, 201],
  },
  'GET /api/v1/ledger/entries/{id}': {
    target: async (f, admin) => {
      const entries = (await admin.get(`/api/v1/ledger/entities/${f.entityId}/entries?limit=1`)).json().items;
      return { url: `/api/v1/ledger/entries/${entries[0].id}` };
    },
    expect: [404, 404, 404, 404, 200, 404, 200],
  },
  'POST /api/v1/ledger/entries/{id}/reversal': {
    target: async (f, admin) => {
      const entry = await json(
        await admin.post('/api/v1/ledger/entries', {
          entityId: f.entityId,
          entryDate: '2026-11-18',
          label: 'Frais bancaires à extourner',
          lines: [
            { accountNumber: '627', debitCents: 800 },
            { accountNumber: '512', creditCents: 800 },
          ],
        }),
      );
      return { url: `/api/v1/ledger/entries/${entry.id}/reversal` };
    },
    expect: [404, 404, 404, 404, 201, 404, 201],
  },
  'GET /api/v1/ledger/entities/{entityId}/reports/trial-balance': {
    target: (f) => ({ url: `/api/v1/ledger/entities/${f.entityId}/reports/trial-balance` }),
    expect: [404, 404, 404, 404, 200, 404, 200],
  },
  'GET /api/v1/ledger/entities/{entityId}/reports/general-ledger': {
    target: (f) => ({ url: `/api/v1/ledger/entities/${f.entityId}/reports/general-ledger` }),
    expect: [404, 404, 404, 404, 200, 404, 200],
  },
  'GET /api/v1/ledger/entities/{entityId}/reports/journal': {
    target: (f) => ({ url: `/api/v1/ledger/entities/${f.entityId}/reports/journal` }),
    expect: [404, 404, 404, 404, 200, 404, 200],
  },
  'GET /api/v1/ledger/entities/{entityId}/reports/activity-balances': {
    target: (f) => ({ url: `/api/v1/ledger/entities/${f.entityId}/reports/activity-balances` }),
    expect: [404, 404, 404, 404, 200, 404, 200],
  },
  'GET /api/v1/ledger/fiscal-years/{id}/fec': {
    target: async (f, admin) => {
      const years = (await admin.get(`/api/v1/ledger/entities/${f.entityId}/fiscal-years`)).json().items;
      return {
        url: `/api/v1/ledger/fiscal-years/${years.find((y: { code: string }) => y.code === '2026').id}/fec`,
      };
    },
    expect: [404, 404, 404, 404, 200, 404, 200],
  },
  'GET /api/v1/expenses': { target: () => ({ url: '/api/v1/expenses' }), expect: everyone },
  'POST /api/v1/expenses': {
    target: (f) => ({ url: '/api/v1/expenses', payload: expenseDraft(f) }),
    expect: expenseWrite(201),
  },
  'POST /api/v1/expenses/mileage-estimate': {
    target: (f) => ({
      url: '/api/v1/expenses/mileage-estimate',
      payload: {
        activityId: f.lea.activityId,
        expenseDate: '2026-11-12',
        vehicleKind: 'car',
        fiscalCv: 4,
        distanceKm: 30,
      },
    }),
    expect: expenseWrite(200),
  },
  'GET /api/v1/expenses/{id}': {
    target: async (f) => ({ url: `/api/v1/expenses/${await throwawayExpense(f)}` }),
    expect: expenseRead,
  },
  'DELETE /api/v1/expenses/{id}': {
    target: async (f) => ({ url: `/api/v1/expenses/${await throwawayExpense(f)}` }),
    expect: expenseWrite(204),
  },
  'PUT /api/v1/expenses/{id}/receipt': {
    target: async (f) => ({
      url: `/api/v1/expenses/${await throwawayExpense(f)}/receipt`,
      payload: pngReceipt(),
    }),
    expect: expenseWrite(200),
  },
  'GET /api/v1/expenses/{id}/receipt': {
    target: async (f) => ({ url: `/api/v1/expenses/${await throwawayExpense(f)}/receipt` }),
    expect: expenseRead,
  },
  'POST /api/v1/expenses/{id}/submit': {
    target: async (f) => ({ url: `/api/v1/expenses/${await throwawayExpense(f)}/submit`, payload: {} }),
    expect: expenseWrite(200),
  },
  'POST /api/v1/expenses/{id}/approve': {
    target: async (f) => ({
      url: `/api/v1/expenses/${await throwawayExpense(f, 'submitted')}/approve`,
      payload: {},
    }),
    expect: expenseDecide,
  },
  'POST /api/v1/expenses/{id}/reject': {
    target: async (f) => ({
      url: `/api/v1/expenses/${await throwawayExpense(f, 'submitted')}/reject`,
      payload: { comment: 'Ticket illisible' },
    }),
    expect: expenseDecide,
  },
  'GET /api/v1/payouts': { target: () => ({ url: '/api/v1/payouts' }), expect: payouts(200) },
  'GET /api/v1/payouts/debtor': {
    target: (f) => ({ url: `/api/v1/payouts/debtor?entityId=${f.entityId}` }),
    expect: payouts(200),
  },
  'POST /api/v1/payouts': {
    target: async (f) => ({
      url: '/api/v1/payouts',
      payload: {
        entityId: f.entityId,
        executionDate: '2026-11-25',
        expenseIds: [await throwawayExpense(f, 'approved')],
        debtor: payoutDebtor,
      },
    }),
    expect: payouts(201),
  },
  'GET /api/v1/payouts/{id}': {
    target: async (f) => ({ url: `/api/v1/payouts/${await throwawayPayout(f)}` }),
    expect: payouts(200),
  },
  'GET /api/v1/payouts/{id}/sepa': {
    target: async (f) => ({ url: `/api/v1/payouts/${await throwawayPayout(f)}/sepa` }),
    expect: payouts(200),
  },
  'POST /api/v1/payouts/{id}/execute': {
    target: async (f) => ({ url: `/api/v1/payouts/${await throwawayPayout(f)}/execute`, payload: {} }),
    expect: payouts(200),
  },
  'GET /api/v1/activities/{id}/account': {
    target: (f) => ({ url: `/api/v1/activities/${f.lea.activityId}/account` }),
    expect: [200, 404, 200, 404, 200, 200, 200],
  },

  // Sales: lists are scoped (everyone gets 200); a document is seen like its activity, changed by its
  // members, advisers of its office and admins; validated by advisers and admins.
  'GET /api/v1/quotes': { target: () => ({ url: '/api/v1/quotes' }), expect: everyone },
  'GET /api/v1/quotes/export': { target: () => ({ url: '/api/v1/quotes/export' }), expect: everyone },
  'GET /api/v1/invoices': { target: () => ({ url: '/api/v1/invoices' }), expect: everyone },
  'GET /api/v1/invoices/export': { target: () => ({ url: '/api/v1/invoices/export' }), expect: everyone },
  'GET /api/v1/credit-notes': { target: () => ({ url: '/api/v1/credit-notes' }), expect: everyone },
  'GET /api/v1/credit-notes/export': {
    target: () => ({ url: '/api/v1/credit-notes/export' }),
    expect: everyone,
  },
  'GET /api/v1/sales/digest': { target: () => ({ url: '/api/v1/sales/digest' }), expect: everyone },
  'POST /api/v1/quotes': {
    target: (f) => ({ url: '/api/v1/quotes', payload: salesDraft(f) }),
    expect: salesCreate,
  },
  'GET /api/v1/quotes/{id}': {
    target: async (f, admin) => ({ url: `/api/v1/quotes/${(await throwawayQuote(f, admin)).id}` }),
    expect: salesRead,
  },
  'PUT /api/v1/quotes/{id}': {
    target: async (f, admin) => {
      const { activityId: _a, ...update } = salesDraft(f);
      return { url: `/api/v1/quotes/${(await throwawayQuote(f, admin)).id}`, payload: update };
    },
    expect: salesWrite,
  },
  'DELETE /api/v1/quotes/{id}': {
    target: async (f, admin) => ({ url: `/api/v1/quotes/${(await throwawayQuote(f, admin)).id}` }),
    expect: [204, 404, 204, 404, 403, 403, 204],
  },
  'POST /api/v1/quotes/{id}/duplicate': {
    target: async (f, admin) => ({ url: `/api/v1/quotes/${(await throwawayQuote(f, admin)).id}/duplicate` }),
    expect: salesCreate,
  },
  'POST /api/v1/quotes/{id}/send': {
    target: async (f, admin) => ({
      url: `/api/v1/quotes/${(await throwawayQuote(f, admin)).id}/send`,
      payload: {},
    }),
    expect: salesWrite,
  },
  'POST /api/v1/quotes/{id}/decision': {
    target: async (f, admin) => ({
      url: `/api/v1/quotes/${(await throwawayQuote(f, admin, 'sent')).id}/decision`,
      payload: { decision: 'accepted' },
    }),
    expect: salesWrite,
  },
  'POST /api/v1/quotes/{id}/invoices': {
    target: async (f, admin) => ({
      url: `/api/v1/quotes/${(await throwawayQuote(f, admin, 'accepted')).id}/invoices`,
      payload: { mode: 'whole' },
    }),
    expect: salesCreate,
  },
  // The client's link needs no account: anyone holding it gets the same answer.
  'GET /api/v1/public/quotes/{token}': {
    target: async (f, admin) => ({
      url: `/api/v1/public/quotes/${quoteToken({ signingKey: testSecrets.authSecret }, (await throwawayQuote(f, admin, 'sent')).id)}`,
    }),
    expect: everyone,
  },
  'POST /api/v1/public/quotes/{token}/answer': {
    target: async (f, admin) => ({
      url: `/api/v1/public/quotes/${quoteToken({ signingKey: testSecrets.authSecret }, (await throwawayQuote(f, admin, 'sent')).id)}/answer`,
      payload: { name: 'Claire Dumont', decision: 'accept' },
    }),
    expect: everyone,
  },
  'POST /api/v1/invoices': {
    target: (f) => {
      const { validUntil: _v, ...draft } = salesDraft(f);
      return { url: '/api/v1/invoices', payload: draft };
    },
    expect: salesCreate,
  },
  'GET /api/v1/invoices/{id}': {
    target: async (f, admin) => ({ url: `/api/v1/invoices/${(await throwawayInvoice(f, admin)).id}` }),
    expect: salesRead,
  },
  'PUT /api/v1/invoices/{id}': {
    target: async (f, admin) => {
      const invoice = await throwawayInvoice(f, admin);
      const { activityId: _a, validUntil: _v, ...update } = salesDraft(f);
      return { url: `/api/v1/invoices/${invoice.id}`, payload: update };
    },
    expect: salesWrite,
  },
  'DELETE /api/v1/invoices/{id}': {
    target: async (f, admin) => ({ url: `/api/v1/invoices/${(await throwawayInvoice(f, admin)).id}` }),
    expect: [204, 404, 204, 404, 403, 403, 204],
  },
  'POST /api/v1/invoices/{id}/issue': {
    target: async (f, admin) => ({ url: `/api/v1/invoices/${(await throwawayInvoice(f, admin)).id}/issue` }),
    expect: salesWrite,
  },
  'POST /api/v1/invoices/{id}/validation-request': {
    target: async (f, admin) => ({
      url: `/api/v1/invoices/${(await throwawayInvoice(f, admin)).id}/validation-request`,
      payload: {},
    }),
    expect: salesWrite,
  },
  'POST /api/v1/invoices/{id}/validation': {
    target: async (f, admin) => ({
      url: `/api/v1/invoices/${(await throwawayInvoice(f, admin, 'awaiting')).id}/validation`,
      payload: { decision: 'approve' },
    }),
    expect: [403, 404, 200, 404, 403, 403, 200],
  },
  'POST /api/v1/invoices/{id}/send': {
    target: async (f, admin) => ({
      url: `/api/v1/invoices/${(await throwawayInvoice(f, admin, 'issued')).id}/send`,
      payload: {},
    }),
    expect: salesWrite,
  },
  'POST /api/v1/credit-notes': {
    target: async (f, admin) => ({
      url: '/api/v1/credit-notes',
      payload: { invoiceId: (await throwawayInvoice(f, admin, 'issued')).id, reason: 'Annulation' },
    }),
    expect: salesCreate,
  },
  'GET /api/v1/credit-notes/{id}': {
    target: async (f, admin) => {
      const invoice = await throwawayInvoice(f, admin, 'issued');
      const note = await json(
        await admin.post('/api/v1/credit-notes', { invoiceId: invoice.id, reason: 'Essai' }),
      );
      return { url: `/api/v1/credit-notes/${note.id}` };
    },
    expect: salesRead,
  },
  'POST /api/v1/credit-notes/{id}/send': {
    target: async (f, admin) => {
      const invoice = await throwawayInvoice(f, admin, 'issued');
      const note = await json(
        await admin.post('/api/v1/credit-notes', { invoiceId: invoice.id, reason: 'Essai' }),
      );
      return { url: `/api/v1/credit-notes/${note.id}/send`, payload: {} };
    },
    expect: salesWrite,
  },
  'GET /api/v1/quotes/{id}/pdf': {
    target: async (f, admin) => ({ url: `/api/v1/quotes/${(await throwawayQuote(f, admin)).id}/pdf` }),
    expect: salesRead,
  },
  ...Object.fromEntries(
    (['pdf', 'facturx', 'ubl'] as const).flatMap((format) => [
      [
        `GET /api/v1/invoices/{id}/${format}`,
        {
          target: async (f: Fixtures, admin: Session) => ({
            url: `/api/v1/invoices/${(await throwawayInvoice(f, admin, 'issued')).id}/${format}`,
          }),
          expect: salesRead,
        },
      ],
      [
        `GET /api/v1/credit-notes/{id}/${format}`,
        {
          target: async (f: Fixtures, admin: Session) => {
            const invoice = await throwawayInvoice(f, admin, 'issued');
            const note = await json(
              await admin.post('/api/v1/credit-notes', { invoiceId: invoice.id, reason: 'Essai' }),
            );
            return { url: `/api/v1/credit-notes/${note.id}/${format}` };
          },
          expect: salesRead,
        },
      ],
    ]),
  ),
  'GET /api/v1/activities/{id}/sales-settings': {
    target: (f) => ({ url: `/api/v1/activities/${f.lea.activityId}/sales-settings` }),
    expect: salesRead,
  },
  'PUT /api/v1/activities/{id}/sales-settings': {
    target: async (f, admin) => ({
      url: `/api/v1/activities/${(await throwawayActivity(f, admin, [f.lea.memberId])).id}/sales-settings`,
      payload: { selfIssueCapCents: 50_000 },
    }),
    expect: [403, 404, 200, 404, 403, 403, 200],
  },

  // Collection: advisers follow the overdue invoices of their offices (and may pause reminders);
  // the schedule, its runs and litigation are the accountants' and admins'.
  'GET /api/v1/collection/invoices': {
    target: () => ({ url: '/api/v1/collection/invoices' }),
    expect: [404, 404, 200, 200, 200, 404, 200],
  },
  'POST /api/v1/collection/run': {
    target: () => ({ url: '/api/v1/collection/run', payload: {} }),
    expect: [404, 404, 404, 404, 200, 404, 200],
  },
  'POST /api/v1/collection/invoices/{id}/pause': {
    target: async (f) => ({
      url: `/api/v1/collection/invoices/${await overdueInvoice(f)}/pause`,
      payload: { reason: 'Litige en discussion' },
    }),
    expect: [404, 404, 200, 404, 200, 404, 200],
  },
  'POST /api/v1/collection/invoices/{id}/resume': {
    target: async (f) => ({ url: `/api/v1/collection/invoices/${await overdueInvoice(f)}/resume` }),
    expect: [404, 404, 200, 404, 200, 404, 200],
  },
  'POST /api/v1/collection/invoices/{id}/litigation': {
    target: async (f) => ({ url: `/api/v1/collection/invoices/${await overdueInvoice(f)}/litigation` }),
    expect: [404, 404, 404, 404, 201, 404, 201],
  },
  // Back office: the cockpit for advisers (their offices) and the whole staff; the direction
  // dashboard and its export for admins and accountants.
  'GET /api/v1/backoffice/cockpit': {
    target: () => ({ url: '/api/v1/backoffice/cockpit' }),
    expect: [404, 404, 200, 200, 200, 200, 200],
  },
  'GET /api/v1/backoffice/dashboard': {
    target: () => ({ url: '/api/v1/backoffice/dashboard?year=2026' }),
    expect: [404, 404, 404, 404, 200, 404, 200],
  },
  'GET /api/v1/backoffice/dashboard/export': {
    target: () => ({ url: '/api/v1/backoffice/dashboard/export?year=2026&format=csv' }),
    expect: [404, 404, 404, 404, 200, 404, 200],
  },
  // Guarantee fund: its figures for the direction and accountants, its rules and endowments for
  // admins; an activity's covers for whoever reads its account; an invoice in litigation declared
  // irrecoverable by accountants and admins (a fresh one each time).
  'GET /api/v1/guarantee/entities': {
    target: () => ({ url: '/api/v1/guarantee/entities' }),
    expect: [404, 404, 404, 404, 200, 404, 200],
  },
  'GET /api/v1/guarantee/funds/{entityId}': {
    target: (f) => ({ url: `/api/v1/guarantee/funds/${f.entityId}` }),
    expect: [404, 404, 404, 404, 200, 404, 200],
  },
  'GET /api/v1/guarantee/funds/{entityId}/covers': {
    target: (f) => ({ url: `/api/v1/guarantee/funds/${f.entityId}/covers` }),
    expect: [404, 404, 404, 404, 200, 404, 200],
  },
  'GET /api/v1/guarantee/funds/{entityId}/settings': {
    target: (f) => ({ url: `/api/v1/guarantee/funds/${f.entityId}/settings` }),
    expect: [404, 404, 404, 404, 200, 404, 200],
  },
  'PUT /api/v1/guarantee/funds/{entityId}/settings': {
    target: (f) => ({
      url: `/api/v1/guarantee/funds/${f.entityId}/settings`,
      payload: {
        enabled: true,
        maxPerMemberCents: 500_000,
        maxPerClientCents: 1_000_000,
        maxInvoiceAgeDays: 90,
        maxExposureBp: 8_000,
        delayWorkingDays: 3,
      },
    }),
    expect: [404, 404, 404, 404, 403, 404, 200],
  },
  'POST /api/v1/guarantee/funds/{entityId}/endowments': {
    target: (f) => ({
      url: `/api/v1/guarantee/funds/${f.entityId}/endowments`,
      payload: { amountCents: 10_000, entryDate: '2026-11-20', label: 'Dotation du fonds' },
    }),
    expect: [404, 404, 404, 404, 403, 404, 201],
  },
  'GET /api/v1/activities/{id}/guarantee-covers': {
    target: (f) => ({ url: `/api/v1/activities/${f.lea.activityId}/guarantee-covers` }),
    expect: [200, 404, 200, 404, 200, 200, 200],
  },
  'POST /api/v1/activities/{id}/guarantee-covers/preview': {
    target: (f) => ({
      url: `/api/v1/activities/${f.lea.activityId}/guarantee-covers/preview`,
      payload: { neededCents: 10_000 },
    }),
    expect: [200, 404, 200, 404, 200, 200, 200],
  },
  'POST /api/v1/collection/invoices/{id}/irrecoverable': {
    target: async (f) => {
      const id = await overdueInvoice(f);
      await sendToLitigation(t.system, id);
      return {
        url: `/api/v1/collection/invoices/${id}/irrecoverable`,
        payload: { reason: 'Liquidation judiciaire du client' },
      };
    },
    expect: [404, 404, 404, 404, 201, 404, 201],
  },
  // Advances and loans: asked by a member on their activity, read by whoever reads the activity,
  // decided by the office's advisers, accountants and admins (a fresh request each time).
  'GET /api/v1/advances': {
    target: () => ({ url: '/api/v1/advances' }),
    expect: [200, 200, 200, 200, 200, 200, 200],
  },
  'POST /api/v1/advances': {
    target: (f) => ({
      url: '/api/v1/advances',
      payload: {
        activityId: f.lea.activityId,
        kind: 'loan',
        purpose: 'Enceintes de retour',
        amountCents: 120_000,
        repayment: 'schedule',
        instalments: 4,
      },
    }),
    expect: [201, 404, 403, 404, 403, 403, 403],
  },
  'GET /api/v1/advances/{id}': {
    target: async (f) => ({ url: `/api/v1/advances/${await leaAdvance(f)}` }),
    expect: [200, 404, 200, 404, 200, 200, 200],
  },
  'POST /api/v1/advances/{id}/decision': {
    target: async (f) => ({
      url: `/api/v1/advances/${await leaAdvance(f)}/decision`,
      payload: { approve: true, fileFeeBp: 100, comment: '' },
    }),
    expect: [403, 404, 200, 404, 200, 403, 200],
  },
  'POST /api/v1/advances/instalments/run': {
    target: () => ({ url: '/api/v1/advances/instalments/run', payload: {} }),
    expect: [404, 404, 404, 404, 200, 404, 200],
  },
  'GET /api/v1/collection/policies/{entityId}': {
    target: (f) => ({ url: `/api/v1/collection/policies/${f.entityId}` }),
    expect: [404, 404, 404, 404, 200, 404, 200],
  },
  'PUT /api/v1/collection/policies/{entityId}': {
    target: (f) => ({
      url: `/api/v1/collection/policies/${f.entityId}`,
      payload: { steps: [7, 30, 45], enabled: true },
    }),
    expect: [404, 404, 404, 404, 200, 404, 200],
  },
  // Treasury: bank accounts, statements, reconciliation and client payments are the accountants'
  // (and admins'); everyone else is told there is nothing there (404).
  'GET /api/v1/treasury/bank-accounts': {
    target: () => ({ url: '/api/v1/treasury/bank-accounts' }),
    expect: [404, 404, 404, 404, 200, 404, 200],
  },
  'POST /api/v1/treasury/bank-accounts': {
    target: (f) => ({
      url: '/api/v1/treasury/bank-accounts',
      payload: {
        entityId: f.entityId,
        label: `Compte ${unique()}`,
        iban: frIban(
          String(Date.now() % 1e8).padStart(8, '0') + String(ibanCounter++ % 1000).padStart(3, '0'),
        ),
      },
    }),
    expect: [404, 404, 404, 404, 201, 404, 201],
  },
  'GET /api/v1/treasury/bank-accounts/{id}/statements': {
    target: async (f, admin) => ({
      url: `/api/v1/treasury/bank-accounts/${(await throwawayBankLine(f, admin)).accountId}/statements`,
    }),
    expect: [404, 404, 404, 404, 200, 404, 200],
  },
  'POST /api/v1/treasury/bank-accounts/{id}/statements': {
    target: async (f, admin) => ({
      url: `/api/v1/treasury/bank-accounts/${(await throwawayBankLine(f, admin)).accountId}/statements?fileName=b.csv`,
      payload: `date;montant;libellé\n2026-11-20;-3,20;FRAIS ${unique()}\n`,
      headers: { 'content-type': 'text/csv' },
    }),
    expect: [404, 404, 404, 404, 201, 404, 201],
  },
  'GET /api/v1/treasury/bank-accounts/{id}/lines': {
    target: async (f, admin) => ({
      url: `/api/v1/treasury/bank-accounts/${(await throwawayBankLine(f, admin)).accountId}/lines`,
    }),
    expect: [404, 404, 404, 404, 200, 404, 200],
  },
  'POST /api/v1/treasury/lines/{id}/match': {
    target: async (f, admin) => ({
      url: `/api/v1/treasury/lines/${(await throwawayBankLine(f, admin)).lineId}/match`,
      payload: { clientId: f.companyClientId, allocations: [] },
    }),
    expect: [404, 404, 404, 404, 201, 404, 201],
  },
  'POST /api/v1/treasury/lines/{id}/ignore': {
    target: async (f, admin) => ({
      url: `/api/v1/treasury/lines/${(await throwawayBankLine(f, admin)).lineId}/ignore`,
    }),
    expect: [404, 404, 404, 404, 200, 404, 200],
  },
  'POST /api/v1/treasury/lines/{id}/restore': {
    target: async (f, admin) => {
      const { lineId } = await throwawayBankLine(f, admin);
      await json(await admin.post(`/api/v1/treasury/lines/${lineId}/ignore`));
      return { url: `/api/v1/treasury/lines/${lineId}/restore` };
    },
    expect: [404, 404, 404, 404, 200, 404, 200],
  },
  'GET /api/v1/treasury/open-invoices': {
    target: (f) => ({ url: `/api/v1/treasury/open-invoices?entityId=${f.entityId}` }),
    expect: [404, 404, 404, 404, 200, 404, 200],
  },
  'GET /api/v1/payments': {
    target: () => ({ url: '/api/v1/payments' }),
    expect: [404, 404, 404, 404, 200, 404, 200],
  },
  'POST /api/v1/payments': {
    target: async (f, admin) => ({
      url: '/api/v1/payments',
      payload: {
        bankAccountId: (await throwawayBankLine(f, admin)).accountId,
        clientId: f.companyClientId,
        paymentDate: '2026-11-20',
        amountCents: 5_000,
        method: 'cheque',
      },
    }),
    expect: [404, 404, 404, 404, 201, 404, 201],
  },
};

// Operations whose payload changes the rule get extra rows: closing is open to those who may update
// the activity, reopening a closed one is a staff decision (the account may already be settled).
const variants: Record<string, Row & { operation: string }> = {
  'PATCH /api/v1/activities/{id} (close)': {
    operation: 'PATCH /api/v1/activities/{id}',
    target: async (f, admin) => ({
      url: `/api/v1/activities/${(await throwawayActivity(f, admin, [f.lea.memberId])).id}`,
      payload: { status: 'closed' },
    }),
    expect: [200, 404, 200, 404, 403, 403, 200],
  },
  'PATCH /api/v1/activities/{id} (reopen)': {
    operation: 'PATCH /api/v1/activities/{id}',
    target: async (f, admin) => {
      const activity = await throwawayActivity(f, admin, [f.lea.memberId]);
      await json(await admin.patch(`/api/v1/activities/${activity.id}`, { status: 'closed' }));
      return { url: `/api/v1/activities/${activity.id}`, payload: { status: 'open' } };
    },
    expect: [403, 404, 200, 404, 403, 403, 200],
  },
};

let t: TestApp;
const sessions = {} as Record<Persona, Session>;
let fixtures: Fixtures;
let operations: { key: string; public: boolean }[] = [];

beforeAll(async () => {
  t = await createTestApp({ seed: 'demo' });
  sessions.anon = anonymous(t.app);
  for (const [persona, email] of Object.entries(logins))
    sessions[persona as Persona] = await signIn(t.app, email, 'commune-demo');
  const admin = sessions.admin;
  const me = (await sessions.lea.get('/api/v1/me')).json();
  const home = (await sessions.lea.get('/api/v1/home')).json();
  const mao = home.activities.find((a: { name: string }) => a.name === 'Cours de MAO');
  const clients = (await sessions.lea.get('/api/v1/clients?mine=true&kind=individual')).json();
  const individual = clients.items.find((c: { kind: string }) => c.kind === 'individual');
  const offices = (await admin.get('/api/v1/offices')).json();
  const lille = (Array.isArray(offices) ? offices : offices.items).find(
    (o: { code: string }) => o.code === 'lille',
  );
  const chloe = (await admin.get('/api/v1/members?q=chloe.lefevre')).json().items[0];
  const company = (await admin.get('/api/v1/clients?q=Tisserands')).json().items[0];
  fixtures = {
    lea: { memberId: me.memberId, userId: me.id, activityId: mao.id, individualClientId: individual.id },
    chloeMemberId: chloe.id,
    lilleOfficeId: lille.id,
    entityId: mao.entity.id,
    companyClientId: company.id,
  };
  for (const value of [fixtures.lea.activityId, fixtures.lea.individualClientId, chloe.officeId])
    expect(value).toBeTruthy();
  expect(chloe.officeId).toBe(lille.id);
  // Money on Léa's MAO activity for the salary rows (a client's payment booked by the accountant).
  await json(
    await admin.post('/api/v1/ledger/entries', {
      entityId: fixtures.entityId,
      journalCode: 'BQ',
      entryDate: '2026-11-10',
      label: 'Règlement client',
      lines: [
        { accountNumber: '512', debitCents: 2_000_000 },
        { accountNumber: '706', activityId: fixtures.lea.activityId, creditCents: 2_000_000 },
      ],
    }),
  );
  const doc = (await sessions.anon.get('/api/openapi.json')).json();
  operations = Object.entries<Record<string, { security?: unknown[] }>>(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      key: `${method.toUpperCase()} ${path}`,
      public: Array.isArray(op.security) && op.security.length === 0,
    })),
  );
});

afterAll(async () => {
  await t?.close();
});

describe('access matrix', () => {
  it('has a row for every operation of the OpenAPI document, and no row for a missing one', () => {
    const documented = operations.map((o) => o.key).sort();
    expect(Object.keys(matrix).sort()).toEqual(documented);
    for (const variant of Object.values(variants)) expect(documented).toContain(variant.operation);
  });

  const rows = [
    ...Object.entries(matrix).map(([key, row]) => ({ label: key, key, row })),
    ...Object.entries(variants).map(([label, row]) => ({ label, key: row.operation, row })),
  ];
  it.each(rows)('$label', async ({ label, key, row }) => {
    const method = key.split(' ')[0] as string;
    const isPublic = operations.find((o) => o.key === key)?.public ?? false;
    const failures: string[] = [];
    for (const persona of personas) {
      const expected =
        persona === 'anon'
          ? isPublic
            ? row.expect[0]
            : 401
          : (row.expect[personas.indexOf(persona) - 1] as number);
      const request = await row.target(fixtures, sessions.admin, persona);
      expect(request.url, 'every path parameter is filled').not.toMatch(/[{}]/);
      const refused = expected >= 400;
      const before = refused ? await snapshot(t.handle) : '';
      const session = sessions[persona];
      const res = await t.app.inject({
        method: method as 'GET',
        url: request.url,
        headers: { cookie: session.cookie, origin: 'http://commune.test', ...request.headers },
        ...(request.payload !== undefined
          ? { payload: request.payload as object }
          : method === 'GET' || method === 'DELETE'
            ? {}
            : { payload: {} }),
      });
      if (res.statusCode !== expected) {
        failures.push(`${persona}: expected ${expected}, got ${res.statusCode} ${res.body.slice(0, 160)}`);
        continue;
      }
      if (refused) {
        expect(res.headers['content-type'], `${persona} ${key}`).toContain('application/problem+json');
        const code = res.json().code;
        expect(code).toBe(
          {
            400: 'validation.failed',
            401: 'auth.unauthenticated',
            403: 'auth.forbidden',
            404: 'resource.not_found',
          }[expected],
        );
        if ((await snapshot(t.handle)) !== before)
          failures.push(`${persona}: refused with ${expected} but the data changed`);
      }
    }
    expect(failures, key === label ? key : label).toEqual([]);
  });

  it('answers 404, not 403, for an unknown id whatever the role', async () => {
    for (const persona of ['lea', 'adviser', 'admin'] as const) {
      const res = await sessions[persona].get(`/api/v1/activities/${randomUUID()}`);
      expect(res.statusCode).toBe(404);
    }
  });
});
