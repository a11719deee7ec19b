import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyRate } from '../money.ts';
import { buildSalesDocument, type StoredClient, type StoredDocument, type StoredEntity } from './build.ts';
import {
  buyerKind,
  canMoveInvoice,
  dueDate,
  formatNumber,
  invoiceStatusOn,
  legalMentions,
  mayIssueAlone,
  missingBuyerIds,
  parseNumber,
  quoteStatusOn,
} from './rules.ts';
import { creditNoteInput, invoiceInput, salesLineInput } from './schemas.ts';
import {
  checkCreditCeiling,
  computeTotals,
  coveredBy,
  depositLines,
  fullCreditOf,
  lineNet,
  remainder,
} from './totals.ts';
import { type VatCategoryKey, vatCategoryKeys, vatCategoryOn } from './vat.ts';

const day = '2026-11-20';
const key = fc.constantFrom(...vatCategoryKeys);
const netLine = fc.record({ netCents: fc.integer({ min: 0, max: 5_000_000 }), vatCategory: key });
const netLines = fc.array(netLine, { minLength: 1, maxLength: 30 });

describe('VAT categories', () => {
  it('are dated data with a source, and carry their exemption basis and VATEX code', () => {
    expect(vatCategoryOn('standard', day)).toMatchObject({ code: 'S', rateBp: 2000, source: 'CGI art. 278' });
    expect(vatCategoryOn('reduced', day)?.rateBp).toBe(550);
    expect(vatCategoryOn('super-reduced', day)?.rateBp).toBe(210);
    expect(vatCategoryOn('exempt-training', day)).toMatchObject({
      code: 'E',
      rateBp: 0,
      exemptionCode: 'VATEX-EU-132-1I',
    });
    expect(vatCategoryOn('exempt-training', day)?.exemptionReason).toContain('261-4-4°');
    expect(vatCategoryOn('reverse-charge-eu', day)).toMatchObject({
      code: 'AE',
      exemptionCode: 'VATEX-EU-AE',
    });
    expect(vatCategoryOn('out-of-scope', day)?.code).toBe('O');
    expect(vatCategoryOn('standard', '2013-12-31')).toBeNull();
  });
});

describe('totals', () => {
  it('rounds a line once, half-up, after the discount is taken off', () => {
    expect(lineNet({ quantity: 1.5, unitPriceCents: 333, discountCents: 0 })).toBe(500); // 499.5
    expect(lineNet({ quantity: 3, unitPriceCents: 45_000, discountCents: 5_000 })).toBe(130_000);
    expect(lineNet({ quantity: 0.333, unitPriceCents: 100, discountCents: 0 })).toBe(33);
  });

  it('computes VAT once per rate on the sum of the lines, not per line', () => {
    // Three lines of 0.05 € at 20 %: per line 0.01 each (0.03), per rate total 0.03 → the same here,
    // but 3 × 0.025 € → per line 3 × 0.01, per total round(0.015) = 0.02.
    const t = computeTotals(
      [0, 1, 2].map(() => ({ netCents: 3, vatCategory: 'reduced' as VatCategoryKey })),
      day,
    );
    expect(t.groups).toHaveLength(1);
    expect(t.groups[0]).toMatchObject({ baseCents: 9, vatCents: applyRate(9, 550) });
  });

  it('property: sum of lines = base per rate, VAT per rate rounded once, incl. = excl. + VAT', () => {
    fc.assert(
      fc.property(netLines, (lines) => {
        const t = computeTotals(lines, day);
        for (const g of t.groups) {
          const base = lines.filter((l) => l.vatCategory === g.key).reduce((s, l) => s + l.netCents, 0);
          expect(g.baseCents).toBe(base);
          expect(g.vatCents).toBe(applyRate(base, g.rateBp, 'half-up'));
        }
        expect(t.totalExclVatCents).toBe(lines.reduce((s, l) => s + l.netCents, 0));
        expect(t.totalVatCents).toBe(t.groups.reduce((s, g) => s + g.vatCents, 0));
        expect(t.totalInclVatCents).toBe(t.totalExclVatCents + t.totalVatCents);
        expect(new Set(t.groups.map((g) => g.key)).size).toBe(t.groups.length);
      }),
    );
  });

  it('property: deposit + balance = quote total, per rate and in all', () => {
    fc.assert(
      fc.property(netLines, fc.integer({ min: 1, max: 9999 }), (lines, rateBp) => {
        const quote = computeTotals(lines, day);
        const deposit = computeTotals(depositLines(quote, rateBp), day);
        const balance = remainder(quote, coveredBy([deposit]));
        expect(deposit.totalInclVatCents + balance.totalInclVatCents).toBe(quote.totalInclVatCents);
        for (const g of quote.groups) {
          const d = deposit.groups.find((x) => x.key === g.key);
          const b = balance.groups.find((x) => x.key === g.key);
          expect((d?.baseCents ?? 0) + (b?.baseCents ?? 0)).toBe(g.baseCents);
          expect((d?.vatCents ?? 0) + (b?.vatCents ?? 0)).toBe(g.vatCents);
        }
      }),
    );
  });

  it('property: credit notes never exceed the invoice, and a full credit note cancels exactly what remains', () => {
    fc.assert(
      fc.property(
        netLines,
        fc.array(fc.array(netLine, { minLength: 1, maxLength: 5 }), { maxLength: 6 }),
        (lines, attempts) => {
          const invoice = computeTotals(lines, day);
          const accepted: ReturnType<typeof computeTotals>[] = [];
          for (const attempt of attempts) {
            const credit = computeTotals(attempt, day);
            const left = remainder(invoice, coveredBy(accepted));
            if (checkCreditCeiling(left, credit).length === 0) accepted.push(credit);
          }
          const left = remainder(invoice, coveredBy(accepted));
          for (const g of left.groups) {
            expect(g.baseCents).toBeGreaterThanOrEqual(0);
            expect(g.vatCents).toBeGreaterThanOrEqual(0);
          }
          const full = fullCreditOf(left);
          const last = computeTotals(full.lines.length ? full.lines : [], day, full.fixedVat);
          expect(checkCreditCeiling(left, last)).toEqual([]);
          const credited = [...accepted, last].reduce((s, c) => s + c.totalInclVatCents, 0);
          expect(credited).toBe(invoice.totalInclVatCents);
        },
      ),
    );
  });

  it('refuses a credit note above what remains or on a rate the invoice did not have', () => {
    const invoice = computeTotals([{ netCents: 10_000, vatCategory: 'standard' }], day);
    const half = computeTotals([{ netCents: 5_000, vatCategory: 'standard' }], day);
    const left = remainder(invoice, coveredBy([half]));
    expect(checkCreditCeiling(left, half)).toEqual([]);
    expect(
      checkCreditCeiling(left, computeTotals([{ netCents: 5_001, vatCategory: 'standard' }], day)),
    ).toEqual([{ key: 'standard', code: 'credit_note.above_remaining' }]);
    expect(checkCreditCeiling(left, computeTotals([{ netCents: 1, vatCategory: 'reduced' }], day))).toEqual([
      { key: 'reduced', code: 'credit_note.vat_category_not_invoiced' },
    ]);
  });
});

describe('numbers, due dates and statuses', () => {
  it('formats each series and reads it back', () => {
    expect(formatNumber('invoice', 2026, 42)).toBe('FA-2026-000042');
    expect(formatNumber('credit_note', 2026, 7)).toBe('AV-2026-000007');
    expect(formatNumber('quote', 2026, 3)).toBe('DE-2026-000003');
    fc.assert(
      fc.property(
        fc.constantFrom('quote', 'invoice', 'credit_note' as const),
        fc.integer({ min: 1, max: 999_999 }),
        (k, n) => {
          expect(parseNumber(formatNumber(k, 2026, n))).toEqual({ kind: k, year: 2026, n });
        },
      ),
    );
  });

  it('never gives a due date beyond 60 days, or 45 days end of month', () => {
    expect(dueDate('2026-11-20', 'days', 30)).toBe('2026-12-20');
    expect(dueDate('2026-11-20', 'days', 90)).toBe('2027-01-19');
    expect(dueDate('2026-11-20', 'on_receipt')).toBe('2026-11-20');
    expect(dueDate('2026-11-20', 'end_of_month_45')).toBe('2027-01-31');
    expect(dueDate('2026-01-31', 'end_of_month_45')).toBe('2026-03-31');
  });

  it('reads expired quotes and overdue invoices from the dates', () => {
    expect(quoteStatusOn('sent', '2026-11-19', day)).toBe('expired');
    expect(quoteStatusOn('sent', '2026-11-20', day)).toBe('sent');
    expect(quoteStatusOn('accepted', '2026-01-01', day)).toBe('accepted');
    expect(invoiceStatusOn('sent', '2026-11-19', day)).toBe('overdue');
    expect(invoiceStatusOn('paid', '2026-11-19', day)).toBe('paid');
    expect(canMoveInvoice('issued', 'draft')).toBe(false);
    expect(canMoveInvoice('awaiting_validation', 'issued')).toBe(true);
    expect(mayIssueAlone(null, 1)).toBe(false);
    expect(mayIssueAlone(100_000, 100_000)).toBe(true);
    expect(mayIssueAlone(100_000, 100_001)).toBe(false);
  });
});

const address = (country = 'FR') => ({ line1: '1 rue', postcode: '59000', city: 'Lille', country });

describe('legal mentions per client type', () => {
  const standard = [
    { ...(vatCategoryOn('standard', day) as { code: 'S'; rateBp: number }), baseCents: 100, vatCents: 20 },
  ];
  const base = { kind: 'invoice' as const, vatBreakdown: standard, issueDate: day, language: 'fr' as const };

  it('gives business clients the penalty rate and the 40 € indemnity, coded PMD and PMT', () => {
    const m = legalMentions({ ...base, buyer: { isBusiness: true, address: address() } });
    expect(m.codedNotes.map((n) => n.subject)).toEqual(['AAB', 'PMD', 'PMT']);
    expect(m.recoveryIndemnityCents).toBe(4000);
    expect(m.mentions.join(' ')).toContain('40,00 €');
  });

  it('gives a private person neither penalties nor indemnity', () => {
    const m = legalMentions({ ...base, buyer: { isBusiness: false, address: address() } });
    expect(m.codedNotes.map((n) => n.subject)).toEqual(['AAB']);
    expect(m.recoveryIndemnityCents).toBeUndefined();
  });

  it('states reverse charge for a business elsewhere in the EU, and the public-sector channel', () => {
    const ae = [
      {
        ...(vatCategoryOn('reverse-charge-eu', day) as { code: 'AE'; rateBp: number }),
        baseCents: 100,
        vatCents: 0,
      },
    ];
    const eu = legalMentions({
      ...base,
      vatBreakdown: ae,
      buyer: { isBusiness: true, address: address('BE') },
    });
    expect(eu.mentions).toContain('Autoliquidation');
    expect(eu.mentions.join(' ')).toContain('283-2');
    expect(buyerKind({ isBusiness: true, address: address('BE') })).toBe('eu_business');
    const pub = legalMentions({
      ...base,
      buyer: { isBusiness: true, publicSector: true, address: address() },
    });
    expect(pub.mentions.join(' ')).toContain('Chorus Pro');
  });

  it('requires a SIREN of a French business and a VAT number of an EU one', () => {
    expect(missingBuyerIds({ name: 'X', isBusiness: true, address: address() })).toEqual(['siren']);
    expect(missingBuyerIds({ name: 'X', isBusiness: true, address: address('DE') })).toEqual(['vatNumber']);
    expect(missingBuyerIds({ name: 'X', isBusiness: false, address: address() })).toEqual([]);
  });
});

describe('input schemas', () => {
  const line = { designation: 'Montage', quantity: 2, unitPriceCents: 45_000, vatCategory: 'standard' };
  it('refuses empty documents, negative quantities, unknown VAT codes and discounts above the price', () => {
    const ok = { activityId: crypto.randomUUID(), clientId: crypto.randomUUID(), lines: [line] };
    expect(invoiceInput.safeParse(ok).success).toBe(true);
    expect(invoiceInput.safeParse({ ...ok, lines: [] }).success).toBe(false);
    expect(salesLineInput.safeParse({ ...line, quantity: -1 }).success).toBe(false);
    expect(salesLineInput.safeParse({ ...line, quantity: 1.0005 }).success).toBe(false);
    expect(salesLineInput.safeParse({ ...line, vatCategory: 'S21' }).success).toBe(false);
    expect(salesLineInput.safeParse({ ...line, discountCents: 90_001 }).success).toBe(false);
    expect(invoiceInput.safeParse({ ...ok, paymentDays: 61 }).success).toBe(false);
    expect(creditNoteInput.safeParse({ invoiceId: ok.clientId, reason: '' }).success).toBe(false);
  });
});

describe('buildSalesDocument', () => {
  const entity: StoredEntity = {
    name: 'Coop Exemple',
    legalForm: 'SCIC SA à capital variable',
    siren: '123456782',
    vatNumber: 'FR11123456782',
    rcsCity: 'Lille Métropole',
    shareCapitalCents: 1_000_000,
    addressLine: '1 place',
    postalCode: '59000',
    city: 'Lille',
    country: 'FR',
  };
  const client: StoredClient = {
    kind: 'company',
    name: 'Théâtre',
    siren: '732829320',
    siret: null,
    vatNumber: null,
    publicSector: false,
    email: 'compta@theatre.example',
    addressLine: '2 rue',
    postalCode: '59000',
    city: 'Lille',
    country: 'FR',
  };
  const doc: StoredDocument = {
    kind: 'invoice',
    number: 'FA-2026-000001',
    issueDate: day,
    dueDate: '2026-12-20',
    validUntil: null,
    serviceDate: '2026-11-10',
    lastServiceDate: null,
    subject: 'Sonorisation',
    notes: '',
    language: 'fr',
    purchaseOrder: 'BC-12',
    buyerReference: null,
    paymentTerm: 'days',
    paymentDays: 30,
    prepaidCents: 0,
    fixedVat: {},
    lines: [
      {
        position: 1,
        designation: 'Régie',
        description: '',
        quantityMilli: 3000,
        unitCode: 'DAY',
        unitPriceCents: 40_000,
        discountCents: 0,
        netCents: 120_000,
        vatCategory: 'standard',
      },
      {
        position: 2,
        designation: 'Formation',
        description: '',
        quantityMilli: 1000,
        unitCode: 'DAY',
        unitPriceCents: 50_000,
        discountCents: 0,
        netCents: 50_000,
        vatCategory: 'exempt-training',
      },
    ],
  };

  it('computes the totals, the breakdown, the seller identity and the mentions', () => {
    const s = buildSalesDocument({
      doc,
      entity,
      client,
      activity: { code: 'A1', name: 'Sono' },
      memberName: 'Léa Martin',
      today: day,
    });
    expect(s.totalExclVatCents).toBe(170_000);
    expect(s.totalVatCents).toBe(24_000);
    expect(s.totalInclVatCents).toBe(194_000);
    expect(s.dueCents).toBe(194_000);
    expect(s.vatBreakdown.map((g) => [g.code, g.baseCents, g.vatCents])).toEqual([
      ['S', 120_000, 24_000],
      ['E', 50_000, 0],
    ]);
    expect(s.seller.registration).toBe('RCS Lille Métropole 123 456 782');
    expect(s.mentions.join(' ')).toContain('261-4-4°');
    expect(s.codedNotes.map((n) => n.subject)).toEqual(['AAB', 'PMD', 'PMT']);
    expect(s.lines[0]).toMatchObject({ quantity: 3, vat: { code: 'S', rateBp: 2000 } });
    expect(s.lines.reduce((t, l) => t + l.netCents, 0)).toBe(s.totalExclVatCents);
  });

  it('gives a credit note its preceding invoice (BT-25/BT-26)', () => {
    const s = buildSalesDocument({
      doc: { ...doc, kind: 'credit_note', number: 'AV-2026-000001' },
      entity,
      client,
      activity: { code: 'A1', name: 'Sono' },
      memberName: 'Léa Martin',
      precedingInvoice: { number: 'FA-2026-000001', issueDate: day },
      today: day,
    });
    expect(s.precedingInvoice).toEqual({ number: 'FA-2026-000001', issueDate: day });
    expect(s.mentions.join(' ')).toContain('FA-2026-000001');
  });
});
