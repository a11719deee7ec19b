// The demo cooperative as an employer: each entity's payslip identity (SIRET, NAF, URSSAF, the
// account salaries are paid from) and the employment contracts of the members who sign in.
import type { EmploymentContractInput } from '../domain/payroll/contracts.ts';
import type { EmployerInput } from '../domain/payroll/requests.ts';
import type { Ctx } from '../server/context.ts';
import { createContract, setEmployer } from '../server/payroll/service.ts';

const employers: Record<string, EmployerInput> = {
  SCIC: {
    siret: '84219375700015',
    nafCode: '90.02Z',
    urssafName: 'URSSAF Île-de-France',
    urssafAccount: '117 0000084219',
    collectiveAgreement: 'Entreprises du secteur privé du spectacle vivant (IDCC 3090)',
    bankIban: 'FR7642559100000801123456155',
    bankBic: 'CCOPFRPPXXX',
  },
  CAE: {
    siret: '79136042300010',
    nafCode: '70.22Z',
    urssafName: 'URSSAF Nord – Pas-de-Calais',
    urssafAccount: '317 0000079136',
    collectiveAgreement: '',
    bankIban: 'FR7642559100000801123456252',
    bankBic: 'CCOPFRPPXXX',
  },
  PORTAGE: {
    siret: '88504617700014',
    nafCode: '78.30Z',
    urssafName: 'URSSAF Rhône-Alpes',
    urssafAccount: '827 0000088504',
    collectiveAgreement: 'Portage salarial (IDCC 3219)',
    bankIban: 'FR7642559100000801123456349',
    bankBic: 'CCOPFRPPXXX',
  },
};

type Contract = Omit<EmploymentContractInput, 'memberId' | 'entityId' | 'rulesetId'> & {
  member: string;
  entity: string;
};

// Members of a CAE or a SCIC run their activity without working time: CDI, equivalent hours.
const cae = {
  type: 'CDI',
  noWorkingTime: true,
  cadre: false,
  partTimeHoursPerWeek: null,
  alsaceMoselle: false,
  intermittent: null,
  portageLevel: null,
  portageFixedTerm: false,
  endDate: null,
} as const;

const contracts: Contract[] = [
  {
    ...cae,
    member: 'lea.martin@example.org',
    entity: 'SCIC',
    jobTitle: 'Technicienne du son',
    startDate: '2021-10-01',
    withholdingRateBp: 450,
  },
  {
    ...cae,
    member: 'lea.martin@example.org',
    entity: 'CAE',
    jobTitle: 'Formatrice en musique assistée par ordinateur',
    startDate: '2022-01-03',
    withholdingRateBp: 450,
  },
  {
    ...cae,
    member: 'karim.benali@example.org',
    entity: 'SCIC',
    jobTitle: 'Monteur vidéo',
    startDate: '2018-04-01',
    withholdingRateBp: 720,
  },
  {
    ...cae,
    member: 'karim.benali@example.org',
    entity: 'CAE',
    jobTitle: 'Formateur en montage vidéo',
    startDate: '2023-02-01',
    withholdingRateBp: 720,
  },
  // A consultant in portage salarial on a CDD for one client's translation project.
  {
    type: 'PORTAGE',
    portageLevel: 'senior',
    portageFixedTerm: true,
    noWorkingTime: false,
    cadre: true,
    partTimeHoursPerWeek: null,
    alsaceMoselle: false,
    intermittent: null,
    member: 'mai.nguyen@example.org',
    entity: 'PORTAGE',
    jobTitle: 'Traductrice technique',
    startDate: '2026-09-01',
    endDate: '2027-02-28',
    withholdingRateBp: 310,
  },
];

export async function seedDemoPayroll(
  ctx: Ctx,
  refs: { entities: Map<string, string>; members: Map<string, string> },
) {
  for (const [code, employer] of Object.entries(employers))
    await setEmployer(ctx, refs.entities.get(code) as string, employer);
  for (const { member, entity, ...c } of contracts)
    await createContract(ctx, {
      ...c,
      memberId: refs.members.get(member) as string,
      entityId: refs.entities.get(entity) as string,
      rulesetId: 'fr-2026',
    });
}
