// The demo's fee policies: each entity's rate of the year as a version from 1 January 2026 (with the
// share that feeds the guarantee fund), the CAE's yearly minimum and lower rate for training, the
// portage company charging on what is collected, a cut voted for next year, the activities' kinds,
// and how each direction split its 2026 budget between the services the fees pay for.
import type { BudgetShare } from '../domain/fees/charge.ts';
import type { ActivityKind } from '../domain/fees/policy.ts';
import type { Ctx } from '../server/context.ts';
import { createPolicyVersion, setActivityKind, setBudgetShares } from '../server/fees/service.ts';

const on = (ctx: Ctx, instant: string): Ctx => ({ ...ctx, clock: () => new Date(instant) });
const id = (m: Map<string, string>, key: string) => {
  const v = m.get(key);
  if (!v) throw new Error(`Unknown demo reference ${key}`);
  return v;
};

/** Right after the entities: the policies in force for the whole demo year. */
export async function seedDemoFeePolicies(ctx: Ctx, refs: { entities: Map<string, string> }) {
  const january = on(ctx, '2026-01-01T08:00:00Z');
  const common = { effectiveFrom: '2026-01-01', tierThresholdCents: null, reducedRateBp: null };
  await createPolicyVersion(january, {
    ...common,
    entityId: id(refs.entities, 'SCIC'),
    activityKind: 'general',
    rateBp: 850,
    base: 'invoiced',
    minimumYearCents: null,
    tierThresholdCents: 8_000_000,
    reducedRateBp: 600,
    fundShareBp: 2000,
    note: 'AG du 14 juin 2025 : 8,5 %, 6 % au-delà de 80 000 € HT facturés dans l’année ; 20 % au fonds de garantie',
  });
  await createPolicyVersion(january, {
    ...common,
    entityId: id(refs.entities, 'CAE'),
    activityKind: 'general',
    rateBp: 1000,
    base: 'invoiced',
    minimumYearCents: 60_000,
    fundShareBp: 1500,
    note: 'Règlement intérieur 2026 : 10 %, minimum 600 € par an',
  });
  await createPolicyVersion(january, {
    ...common,
    entityId: id(refs.entities, 'CAE'),
    activityKind: 'training',
    rateBp: 800,
    base: 'invoiced',
    minimumYearCents: 60_000,
    fundShareBp: 1500,
    note: 'Formation professionnelle : 8 % (convention avec l’OPCO)',
  });
  await createPolicyVersion(january, {
    ...common,
    entityId: id(refs.entities, 'PORTAGE'),
    activityKind: 'general',
    rateBp: 800,
    base: 'collected',
    minimumYearCents: null,
    fundShareBp: 1000,
    note: 'Portage salarial : 8 % du chiffre d’affaires HT encaissé',
  });
}

const kinds: Record<string, ActivityKind> = {
  'Sonorisation de concerts': 'artistic',
  'Montage de documentaires': 'artistic',
  'Illustration et fresques participatives': 'artistic',
  'Compagnie Kora Danse': 'artistic',
  'Percussions africaines : concerts et stages': 'artistic',
  'Spectacles jeune public': 'artistic',
  'Photographie de spectacle vivant': 'artistic',
  'Création lumière pour le théâtre': 'artistic',
  'Cours de MAO': 'training',
  'Formation au montage sur DaVinci Resolve': 'training',
  'Cours de danse contemporaine': 'training',
  'Ateliers théâtre en milieu scolaire': 'training',
  'Formations à la prise de parole en public': 'training',
  "Formation et accompagnement d'associations": 'training',
  'Conseil en accessibilité numérique': 'consulting',
  'Traduction technique et littéraire (EN, VI → FR)': 'consulting',
};

const budgets: Record<string, BudgetShare[]> = {
  SCIC: [
    { service: 'advisers', shareBp: 4200 },
    { service: 'accounting_payroll', shareBp: 2600 },
    { service: 'insurance_legal', shareBp: 900 },
    { service: 'tools', shareBp: 800 },
    { service: 'premises', shareBp: 900 },
    { service: 'network_life', shareBp: 600 },
  ],
  CAE: [
    { service: 'advisers', shareBp: 4500 },
    { service: 'accounting_payroll', shareBp: 2500 },
    { service: 'insurance_legal', shareBp: 800 },
    { service: 'tools', shareBp: 900 },
    { service: 'premises', shareBp: 700 },
    { service: 'network_life', shareBp: 600 },
  ],
  PORTAGE: [
    { service: 'advisers', shareBp: 3800 },
    { service: 'accounting_payroll', shareBp: 3200 },
    { service: 'insurance_legal', shareBp: 1200 },
    { service: 'tools', shareBp: 1000 },
    { service: 'premises', shareBp: 400 },
    { service: 'network_life', shareBp: 400 },
  ],
};

/** At the end: the activities' kinds, the 2026 budgets, and next year's cut voted by the SCIC. */
export async function seedDemoFees(
  ctx: Ctx,
  refs: { entities: Map<string, string>; activities: Map<string, string> },
) {
  for (const [name, kind] of Object.entries(kinds)) {
    const activityId = refs.activities.get(name);
    if (activityId) await setActivityKind(ctx, activityId, kind);
  }
  for (const [code, shares] of Object.entries(budgets))
    await setBudgetShares(ctx, id(refs.entities, code), 2026, {
      shares,
      note: 'Budget prévisionnel 2026 voté en assemblée générale',
    });
  const nextYear = Number(ctx.clock().toISOString().slice(0, 4)) + 1;
  await createPolicyVersion(ctx, {
    entityId: id(refs.entities, 'SCIC'),
    activityKind: 'general',
    effectiveFrom: `${nextYear}-01-01`,
    rateBp: 800,
    base: 'invoiced',
    minimumYearCents: null,
    tierThresholdCents: 8_000_000,
    reducedRateBp: 600,
    fundShareBp: 2500,
    note: `Vote de l’AG : 8 % à partir de ${nextYear}, 25 % au fonds de garantie`,
  });
}
