// The salary simulator through HTTP, against modele-social evaluated directly. The reference
// situations below are written by hand in the rules' own terms, not built by our mapping, so the
// table checks the mapping, the solving and the conversion to cents together. One engine serves
// both sides (the one the app uses), so the file builds it once.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payrollRulesets } from '../../domain/payroll/rulesets.ts';
import type { SimulationView } from '../../domain/payroll/schemas.ts';
import { createTestApp, type TestApp } from '../testing.ts';
import { engineFor, evaluateSituation, installedVersions } from './rules.ts';

let t: TestApp;
let address = 0;

beforeAll(async () => {
  t = await createTestApp({ seed: 'none' });
});
afterAll(async () => {
  await t?.close();
});

/** Each case from its own address, so the table never meets the rate limit. */
const simulate = (payload: unknown, headers: Record<string, string> = {}, remoteAddress?: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/payroll/simulations',
    payload: payload as object,
    headers,
    remoteAddress: remoteAddress ?? `10.0.${Math.floor(++address / 250)}.${address % 250}`,
  });

const ruleset = payrollRulesets[0] as (typeof payrollRulesets)[number];
const engine = () => engineFor(ruleset);

const figures = {
  grossCents: 'salarié . contrat . salaire brut',
  grossPayCents: 'salarié . rémunération . brut',
  netCents: 'salarié . rémunération . net . à payer avant impôt',
  netTaxableCents: 'salarié . rémunération . net . imposable',
  employerCostCents: 'salarié . coût total employeur',
  employerContributionsCents: 'salarié . cotisations . employeur',
  employeeContributionsCents: 'salarié . cotisations . salarié',
  rgduCents: 'salarié . cotisations . exonérations . RGDU',
} as const;

/** modele-social's own answer, in euros a month (null: not applicable). */
function reference(situation: Record<string, string>, rules: readonly string[]) {
  return evaluateSituation(engine(), situation, rules) as Record<string, number | null | undefined>;
}

/**
 * "Equal to the cent": our cents are the rules' euros rounded, never further than half a cent; a
 * contributions total within a cent (`within` 1), as it takes the cent that makes the payslip add up.
 */
function expectToTheCent(cents: number, euros: number | null | undefined, what: string, within = 0.5) {
  expect(euros, `${what} is computed by the rules`).not.toBeUndefined();
  expect(Number.isInteger(cents), what).toBe(true);
  expect(Math.abs(cents - (euros ?? 0) * 100), `${what}: ${cents} ¢ vs ${euros} €`).toBeLessThanOrEqual(
    within + 1e-6,
  );
}

// 2026 SMIC: 12.02 €/h. A payslip shows 1,823.03 € for 151.67 h; the rules' RGDU works on
// 12.02 € × 35 h × 52 / 12 = 1,823.0333… €, so its 3-SMIC end is 5,469.10 €.
const SMIC = 182_303;
const THREE_SMIC = 546_910;
const date = "'01/03/2026'";
const cdi = { 'salarié . contrat': "'CDI'" };
const notCadre = { 'salarié . contrat . statut cadre': 'non' };
const cadre = { 'salarié . contrat . statut cadre': 'oui' };
const seuil = (s: string) => ({ 'entreprise . salariés . effectif . seuil': `'${s}'` });
const brut = (euros: string) => ({ 'salarié . contrat . salaire brut': `${euros} €/mois` });
const net = (euros: string) => ({ 'salarié . rémunération . net . à payer avant impôt': `${euros} €/mois` });
const cost = (euros: string) => ({ 'salarié . coût total employeur': `${euros} €/mois` });
const partTime = (hours: string) => ({
  'salarié . contrat . temps de travail . temps partiel': 'oui',
  'salarié . contrat . temps de travail . temps partiel . heures par semaine': `${hours} heure/semaine`,
});
const cdd = { 'salarié . contrat': "'CDD'" };
const usage = { ...cdd, 'salarié . contrat . CDD . motif': "'classique . usage'" };
/** A CDI non-cadre in March 2026, the base of most rows. */
const plain = { date, ...cdi, ...notCadre };

type Case = { name: string; body: Record<string, unknown>; situation: Record<string, string> };
const contract = (c: Record<string, unknown>) => ({ type: 'CDI', cadre: false, ...c });
const body = (from: Record<string, number>, c: Record<string, unknown> = {}, headcount = 30) => ({
  period: '2026-03',
  contract: contract(c),
  headcount,
  from,
});

const table: Case[] = [
  {
    name: 'CDI non-cadre at the SMIC, 3 employees',
    body: body({ grossCents: SMIC }, {}, 3),
    situation: { ...plain, ...seuil('moins de 5'), ...brut('1823.03') },
  },
  {
    name: 'CDI non-cadre a cent above the SMIC, 8 employees',
    body: body({ grossCents: SMIC + 1 }, {}, 8),
    situation: { ...plain, ...seuil('moins de 11'), ...brut('1823.04') },
  },
  {
    name: 'CDI non-cadre 2,500 €, 30 employees',
    body: body({ grossCents: 250_000 }),
    situation: { ...plain, ...seuil('moins de 50'), ...brut('2500') },
  },
  {
    name: 'CDI non-cadre a cent below 3 SMIC (RGDU at its 2 % floor), 60 employees',
    body: body({ grossCents: THREE_SMIC - 1 }, {}, 60),
    situation: { ...plain, ...seuil('moins de 150'), ...brut('5469.09') },
  },
  {
    name: 'CDI non-cadre at 3 SMIC (no RGDU), 60 employees',
    body: body({ grossCents: THREE_SMIC }, {}, 60),
    situation: { ...plain, ...seuil('moins de 150'), ...brut('5469.10') },
  },
  {
    name: 'CDI cadre 4,000 €, 300 employees',
    body: body({ grossCents: 400_000 }, { cadre: true }, 300),
    situation: { date, ...cdi, ...cadre, ...seuil('plus de 250'), ...brut('4000') },
  },
  {
    name: 'CDI cadre 17,000 € (above 4 PSS), 12 employees',
    body: body({ grossCents: 1_700_000 }, { cadre: true }, 12),
    situation: { date, ...cdi, ...cadre, ...seuil('moins de 20'), ...brut('17000') },
  },
  {
    name: 'CDD 2,500 € with its end-of-contract indemnity',
    body: body({ grossCents: 250_000 }, { type: 'CDD' }),
    situation: { date, ...cdd, ...notCadre, ...seuil('moins de 50'), ...brut('2500') },
  },
  {
    name: 'CDD d’usage 2,500 €',
    body: body({ grossCents: 250_000 }, { type: 'CDD_USAGE' }),
    situation: {
      date,
      ...usage,
      ...notCadre,
      ...seuil('moins de 50'),
      ...brut('2500'),
    },
  },
  {
    name: 'CDI part time 24 h, 1,500 €',
    body: body({ grossCents: 150_000 }, { partTimeHoursPerWeek: 24 }),
    situation: {
      ...plain,
      ...seuil('moins de 50'),
      ...partTime('24'),
      ...brut('1500'),
    },
  },
  {
    name: 'CDI part time 17.5 h, 1,234.56 €',
    body: body({ grossCents: 123_456 }, { partTimeHoursPerWeek: 17.5 }, 4),
    situation: {
      ...plain,
      ...seuil('moins de 5'),
      ...partTime('17.5'),
      ...brut('1234.56'),
    },
  },
  {
    name: 'CDI Alsace-Moselle 2,500 €',
    body: body({ grossCents: 250_000 }, { alsaceMoselle: true }),
    situation: {
      ...plain,
      ...seuil('moins de 50'),
      'salarié . régimes spécifiques . alsace moselle': 'oui',
      ...brut('2500'),
    },
  },
  {
    name: 'Intermittent technician 1,000 €',
    body: body({ grossCents: 100_000 }, { type: 'CDD_USAGE', intermittent: 'technician' }),
    situation: {
      date,
      ...usage,
      'salarié . convention collective': "'SVP'",
      'salarié . régimes spécifiques . intermittents du spectacle': "'technicien'",
      ...notCadre,
      ...seuil('moins de 50'),
      ...brut('1000'),
    },
  },
  {
    name: 'Net 2,000 € → gross (CDI non-cadre)',
    body: body({ netCents: 200_000 }),
    situation: {
      ...plain,
      ...seuil('moins de 50'),
      ...net('2000'),
    },
  },
  {
    name: 'Net 1,500 € → gross (CDD)',
    body: body({ netCents: 150_000 }, { type: 'CDD' }, 15),
    situation: {
      date,
      ...cdd,
      ...notCadre,
      ...seuil('moins de 20'),
      ...net('1500'),
    },
  },
  {
    name: 'Employer cost 3,500 € → gross (CDI cadre, 250 employees)',
    body: body({ employerCostCents: 350_000 }, { cadre: true }, 250),
    situation: {
      date,
      ...cdi,
      ...cadre,
      ...seuil('plus de 250'),
      ...cost('3500'),
    },
  },
  {
    name: 'Employer cost 2,000.01 € → gross (part time 28 h)',
    body: body({ employerCostCents: 200_001 }, { partTimeHoursPerWeek: 28 }),
    situation: {
      ...plain,
      ...seuil('moins de 50'),
      ...partTime('28'),
      ...cost('2000.01'),
    },
  },
  {
    name: 'Invoice 5,000 € − 10 % fee − 300 € expenses → employer cost 4,200 €, 300 employees',
    body: {
      ...body({ invoicedCents: 500_000 }, {}, 300),
      invoicing: { feeRateBp: 1_000, expensesCents: 30_000 },
    },
    situation: {
      ...plain,
      ...seuil('plus de 250'),
      ...cost('4200'),
    },
  },
];

const targets = {
  employerCost: 'salarié . coût total employeur',
  net: 'salarié . rémunération . net . à payer avant impôt',
} as const;

/** The same situation with a gross instead of the amount to solve from. */
function withGross(situation: Record<string, string>, grossCents: number): Record<string, string> {
  const { [targets.employerCost]: _cost, [targets.net]: _net, ...rest } = situation;
  return { ...rest, ...brut((grossCents / 100).toFixed(2)) };
}

/** Checks an answer against the rules figure by figure, and its lines against their totals. */
function expectMatchesRules(view: SimulationView, situation: Record<string, string>) {
  const lineRules = view.lines.map((l) => l.rule);
  const ref = reference(situation, [...Object.values(figures), ...lineRules]);
  for (const [field, rule] of Object.entries(figures))
    expectToTheCent(
      view[field as keyof typeof figures],
      ref[rule],
      field,
      field.endsWith('ContributionsCents') ? 1 : 0.5,
    );
  expect(view.grossPayCents - view.employeeContributionsCents, 'the net adds up').toBe(view.netCents);
  expect(view.grossPayCents + view.employerContributionsCents, 'the cost adds up').toBe(
    view.employerCostCents,
  );
  for (const l of view.lines) {
    // A line is the rule's value rounded, give or take the cent that makes its side add up.
    const sign = l.code === 'reductions' ? -1 : 1;
    expect(Math.abs(l.amountCents - sign * (ref[l.rule] ?? 0) * 100), `${l.side} ${l.code}`).toBeLessThan(
      1.5,
    );
  }
  const sum = (side: string) =>
    view.lines.filter((l) => l.side === side).reduce((a, l) => a + l.amountCents, 0);
  expect(sum('pay')).toBe(view.grossPayCents);
  expect(sum('employer')).toBe(view.employerContributionsCents);
  expect(sum('employee')).toBe(view.employeeContributionsCents);
  expect(view.notices.map((n) => n.code)).not.toContain('payroll.lines_unreconciled');
  expect(view.netAfterTaxCents).toBe(view.netCents - view.withholding.amountCents);
}

describe('salary simulator: regression table against modele-social', () => {
  it('runs on the pinned rules', () => {
    expect(installedVersions()).toEqual({ rules: ruleset.version, engine: ruleset.engineVersion });
  });

  it.each(table)('$name', async ({ body, situation }) => {
    const res = await simulate(body);
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json() as SimulationView;
    expect(view.ruleset).toEqual({ id: 'fr-2026', package: 'modele-social', version: '11.1.0' });
    const solving = [targets.employerCost, targets.net].find((rule) => rule in situation);
    if (!solving) {
      expectMatchesRules(view, situation);
      return;
    }
    // Solving: every figure is modele-social's for the gross we settled on, and that gross is the
    // best to the cent: within the employer cost (the next cent is over), or reaching the net (the
    // cent before falls short). modele-social's own solution lands a few cents away.
    const asked = Math.round(Number.parseFloat(situation[solving] as string) * 100);
    const at = (grossCents: number) => withGross(situation, grossCents);
    expectMatchesRules(view, at(view.grossCents));
    const valueAt = (grossCents: number) =>
      Math.round((reference(at(grossCents), [solving])[solving] as number) * 100);
    if (solving === targets.employerCost) {
      expect(view.employerCostCents).toBeLessThanOrEqual(asked);
      expect(valueAt(view.grossCents + 1)).toBeGreaterThan(asked);
    } else {
      expect(view.netCents).toBeGreaterThanOrEqual(asked);
      expect(valueAt(view.grossCents - 1)).toBeLessThan(asked);
    }
    expect(view.notices.map((n) => n.code)).not.toContain('payroll.employer_cost_between_steps');
    const theirs = reference(situation, [figures.grossCents])[figures.grossCents] as number;
    expect(Math.abs(view.grossCents - theirs * 100)).toBeLessThan(15);
  });

  it('gives the RGDU its legal shape: largest at the SMIC, down to its floor, nil from 3 SMIC', async () => {
    const at = async (grossCents: number) =>
      ((await simulate(body({ grossCents }, {}, 60))).json() as SimulationView).rgduCents;
    const [atSmic, middle, justBelow, atThree] = [
      await at(SMIC),
      await at(2 * SMIC),
      await at(THREE_SMIC - 1),
      await at(THREE_SMIC),
    ];
    expect(atSmic).toBeGreaterThan(middle);
    expect(middle).toBeGreaterThan(justBelow);
    // Below 3 SMIC the coefficient never goes under its 2 % minimum (Tmin of the rules).
    expect(justBelow).toBe(Math.round((THREE_SMIC - 1) * 0.02));
    expect(atThree).toBe(0);
  });

  it('finds the smallest invoice that pays a target net, and says what stays on the activity', async () => {
    const res = await simulate({
      ...body({ netCents: 200_000 }),
      invoicing: { feeRateBp: 850, expensesCents: 10_000 },
      withholdingRateBp: 750,
    });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json() as SimulationView;
    const inv = view.invoicing as NonNullable<SimulationView['invoicing']>;
    const budgetOf = (invoiced: number) => invoiced - Math.round((invoiced * 850) / 10_000) - 10_000;
    expect(inv.feeCents).toBe(Math.round((inv.invoicedCents * 850) / 10_000));
    expect(inv.budgetCents).toBe(budgetOf(inv.invoicedCents));
    expect(inv.budgetCents).toBeGreaterThanOrEqual(view.employerCostCents);
    expect(budgetOf(inv.invoicedCents - 1)).toBeLessThan(view.employerCostCents);
    expect(inv.remainderCents).toBe(inv.budgetCents - view.employerCostCents);
    // Withholding at 7.5 % of the net taxable pay, to the cent.
    expect(view.withholding).toEqual({ rateBp: 750, amountCents: Math.round(view.netTaxableCents * 0.075) });
    expect(view.netAfterTaxCents).toBe(view.netCents - view.withholding.amountCents);
    expectMatchesRules(view, withGross({ ...plain, ...seuil('moins de 50') }, view.grossCents));
    expect(view.netCents).toBeGreaterThanOrEqual(200_000);
  });

  it('turns an employer cost inside the CET jump into the largest gross within it', async () => {
    // Above the ceiling (PSS, 4,005 €) the CET is due on the whole pay: one more cent of gross costs
    // 8.41 € more, so employer costs from 5,605.22 € to 5,613.63 € have no gross. modele-social's
    // solver does not say so: it stops at the jump and answers a gross that costs something else.
    const solved = reference({ ...plain, ...seuil('moins de 50'), ...cost('5610') }, [figures.grossCents])[
      figures.grossCents
    ] as number;
    const costOfSolved = reference({ ...plain, ...seuil('moins de 50'), ...brut(solved.toFixed(6)) }, [
      figures.employerCostCents,
    ])[figures.employerCostCents] as number;
    expect(Math.abs(costOfSolved - 5610)).toBeGreaterThan(1);
    const res = await simulate(body({ employerCostCents: 561_000 }));
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json() as SimulationView;
    expect(view.notices.map((n) => n.code)).toEqual(['payroll.employer_cost_between_steps']);
    expect(view.grossCents).toBe(400_500);
    expect(view.employerCostCents).toBeLessThanOrEqual(561_000);
    expectMatchesRules(view, { ...plain, ...seuil('moins de 50'), ...brut('4005.00') });
    const oneCentMore = reference({ ...plain, ...seuil('moins de 50'), ...brut('4005.01') }, [
      figures.employerCostCents,
    ]);
    expect((oneCentMore[figures.employerCostCents] as number) * 100).toBeGreaterThan(561_000);
  });

  it('passes on the rules’ warnings (below the SMIC, part time under 24 h)', async () => {
    const low = (await simulate(body({ grossCents: 100_000 }))).json() as SimulationView;
    expect(low.notices.map((n) => n.code)).toEqual(['payroll.below_minimum_wage']);
    const short = (await simulate(body({ grossCents: 123_456 }, { partTimeHoursPerWeek: 17.5 }))).json();
    expect(short.notices.map((n: { code: string }) => n.code)).toEqual(['payroll.part_time_below_24_hours']);
  });
});

describe('intermittent artist: the rules’ gap and our overlay', () => {
  const artist = {
    date,
    'salarié . contrat': "'CDD'",
    'salarié . contrat . CDD . motif': "'classique . usage'",
    'salarié . convention collective': "'SVP'",
    'salarié . régimes spécifiques . intermittents du spectacle': "'artiste'",
    ...notCadre,
    ...seuil('moins de 50'),
    ...brut('1000'),
  };

  it('still finds the employer side undefined in modele-social 11.1.0 (remove the overlay when this fails)', () => {
    const ref = reference(artist, [
      figures.employerCostCents,
      figures.employerContributionsCents,
      figures.netCents,
    ]);
    expect(ref[figures.employerCostCents]).toBeUndefined();
    expect(ref[figures.employerContributionsCents]).toBeUndefined();
    expect(ref[figures.netCents]).toBeCloseTo(778.6575, 6);
  });

  it('computes it with the full family-allowance rate before the 30 % abatement, and says so', async () => {
    const res = await simulate(body({ grossCents: 100_000 }, { type: 'CDD_USAGE', intermittent: 'artist' }));
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json() as SimulationView;
    expect(view.notices.map((n) => n.code)).toContain('payroll.artist_family_allowance_overlay');
    // The employee side and the net do not depend on the overlay: equal to the rules as published.
    const ref = reference(artist, [
      figures.netCents,
      figures.employeeContributionsCents,
      figures.grossPayCents,
    ]);
    expectToTheCent(view.netCents, ref[figures.netCents], 'net');
    expectToTheCent(view.employeeContributionsCents, ref[figures.employeeContributionsCents], 'employee');
    // The family allowance is the assiette × the rules' full rate × the artists' reduction, all read
    // from the rules; every other line is the rules' own.
    const parts = reference(artist, ['salarié . cotisations . assiette']);
    const rate = engine().evaluate('salarié . cotisations . allocations familiales . taux plein')
      .nodeValue as number;
    const reduction = engine().evaluate(
      'salarié . régimes spécifiques . intermittents du spectacle . artiste . réduction de taux',
    ).nodeValue as number;
    const family = view.lines.find((l) => l.side === 'employer' && l.code === 'familyAllowance');
    expectToTheCent(
      family?.amountCents ?? Number.NaN,
      ((parts['salarié . cotisations . assiette'] as number) * rate * reduction) / 10_000,
      'family allowance',
    );
    expect(view.employerCostCents).toBe(view.grossPayCents + view.employerContributionsCents);
    expect(view.rgduCents).toBe(0); // the rules exclude artists on reduced rates from the RGDU
    expectMatchesRules(view, {
      ...artist,
      'salarié . cotisations . allocations familiales . taux':
        'salarié . cotisations . allocations familiales . taux plein',
    });
  });
});

describe('salary simulator: refusals', () => {
  const problemOf = (res: LightMyRequestResponse) => {
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    return res.json() as {
      status: number;
      code: string;
      detail: string;
      errors?: { pointer: string; code: string }[];
    };
  };

  it('answers 400 with a pointer for every invalid field', async () => {
    const res = await simulate({
      period: '2026-13',
      contract: { type: 'CDI_CADRE', cadre: 'oui', partTimeHoursPerWeek: 40 },
      headcount: 0,
      from: { grossCents: 12.5 },
      withholdingRateBp: -1,
    });
    expect(res.statusCode).toBe(400);
    const p = problemOf(res);
    expect(p.code).toBe('validation.failed');
    const pointers = (p.errors ?? []).map((e) => e.pointer);
    for (const pointer of [
      '/period',
      '/contract/type',
      '/contract/cadre',
      '/contract/partTimeHoursPerWeek',
      '/headcount',
      '/from',
      '/withholdingRateBp',
    ])
      expect(pointers, pointer).toContain(pointer);
    expect(p.errors?.find((e) => e.pointer === '/period')?.code).toBe('period.invalid');
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const period =
      doc.paths['/api/v1/payroll/simulations'].post.requestBody.content['application/json'].schema.properties
        .period;
    expect(period.pattern).toBe('^\\d{4}-(0[1-9]|1[0-2])$');
  });

  it('answers 400 for business combinations the simulator cannot take', async () => {
    const intermittentCdi = problemOf(
      await simulate(body({ grossCents: 250_000 }, { intermittent: 'artist' })),
    );
    expect(intermittentCdi.errors).toEqual([
      expect.objectContaining({
        pointer: '/contract/intermittent',
        code: 'payroll.intermittent_needs_usage',
      }),
    ]);
    const twoAmounts = problemOf(await simulate(body({ grossCents: 250_000, netCents: 200_000 })));
    expect(twoAmounts.status).toBe(400);
    expect(twoAmounts.errors?.map((e) => e.pointer)).toContain('/from');
    const noInvoicing = problemOf(await simulate(body({ invoicedCents: 500_000 })));
    expect(noInvoicing.errors).toEqual([
      expect.objectContaining({ pointer: '/invoicing', code: 'payroll.invoicing_required' }),
    ]);
  });

  it('answers 422 for a period without rules, an amount without a salary, an invoice without a budget', async () => {
    const period = await simulate(
      { ...body({ grossCents: 250_000 }), period: '2027-01' },
      { 'accept-language': 'en' },
    );
    expect(period.statusCode).toBe(422);
    expect(problemOf(period)).toMatchObject({
      code: 'payroll.period_not_covered',
      detail: 'The payroll rules of this period are not available.',
      errors: [expect.objectContaining({ pointer: '/period' })],
    });
    const tiny = await simulate(body({ employerCostCents: 100 }));
    expect(tiny.statusCode).toBe(422);
    expect(problemOf(tiny)).toMatchObject({
      code: 'payroll.no_salary_for_amount',
      detail: 'Aucun salaire brut ne donne ce montant.',
      errors: [expect.objectContaining({ pointer: '/from/employerCostCents' })],
    });
    const noBudget = await simulate({
      ...body({ invoicedCents: 10_000 }),
      invoicing: { feeRateBp: 1_000, expensesCents: 9_000 },
    });
    expect(noBudget.statusCode).toBe(422);
    expect(problemOf(noBudget).code).toBe('payroll.budget_not_positive');
  });

  it('limits each address: 429 problem+json with Retry-After once its bucket is empty', async () => {
    const from = '192.0.2.7';
    // Invalid requests take a token too: the limit stands before any work.
    for (let i = 0; i < 20; i++) expect((await simulate({}, {}, from)).statusCode).toBe(400);
    const refused = await simulate(body({ grossCents: 250_000 }), { 'accept-language': 'en' }, from);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('3');
    expect(problemOf(refused)).toMatchObject({
      status: 429,
      code: 'request.rate_limited',
      detail: 'Too many requests. Try again in a minute.',
    });
    // Another address is not affected.
    expect((await simulate({}, {}, '192.0.2.8')).statusCode).toBe(400);
  });

  it('is public in the OpenAPI document, with the four starting amounts', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const op = doc.paths['/api/v1/payroll/simulations'].post;
    expect(op.security).toEqual([]);
    const schema = op.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(expect.arrayContaining(['period', 'contract', 'headcount', 'from']));
    const from = schema.properties.from;
    const options = (from.oneOf ?? from.anyOf) as { required: string[] }[];
    expect(options.map((o) => o.required[0])).toEqual([
      'grossCents',
      'employerCostCents',
      'netCents',
      'invoicedCents',
    ]);
    expect(schema.properties.invoicing.properties).toHaveProperty('feeRateBp');
  });
});
