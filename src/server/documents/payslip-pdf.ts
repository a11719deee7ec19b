// The printed payslip (bulletin de paie, C. trav. R3243-1 and the simplified layout of the arrêté du
// 25 février 2016): employer and employee, contract and period, the pay, every contribution by family
// with its base and both rates and amounts, the RGDU, net before tax, net taxable, withholding at the
// employee's rate, net paid, employer cost and the year's totals. Nothing is computed here but
// formats: every figure comes from the stored payslip.
import type { PayslipView } from '../../domain/payroll/requests.ts';
import { createPdf, formatDate, formatMoney, type PdfLanguage, type TableRow } from './pdf.ts';

export type PayslipDocument = {
  payslip: PayslipView;
  employer: {
    name: string;
    legalForm: string;
    addressLine: string;
    postalCode: string;
    city: string;
    siret: string;
    nafCode: string;
    urssafName: string;
    urssafAccount: string;
    collectiveAgreement: string;
  };
  employee: {
    name: string;
    number: string;
    addressLine: string | null;
    postalCode: string | null;
    city: string | null;
    /** In full for the employee, masked for anyone else. */
    nir: string;
    jobTitle: string;
    contract: string;
    startDate: string;
    cadre: boolean;
  };
  /** Day the net is paid. */
  paidOn: string;
  createdAt: Date;
};

const lineLabels: Record<PdfLanguage, Record<string, string>> = {
  fr: {
    salary: 'Salaire de base',
    portageBase: 'Salaire de base (portage)',
    portageBusinessAllowance: 'Indemnité d’apport d’affaires (5 %)',
    portagePaidLeave: 'Indemnité de congés payés (10 %)',
    cddEndOfContract: 'Indemnité de fin de contrat',
    cddPaidLeave: 'Indemnité compensatrice de congés payés',
    sickness: 'Maladie, maternité, invalidité, décès',
    healthInsurance: 'Complémentaire santé',
    provident: 'Prévoyance incapacité, invalidité, décès',
    workInjury: 'Accidents du travail',
    oldAgeCapped: 'Sécurité sociale plafonnée',
    oldAgeUncapped: 'Sécurité sociale déplafonnée',
    complementary: 'Complémentaire Agirc-Arrco',
    ceg: 'Contribution d’équilibre général (CEG)',
    cet: 'Contribution d’équilibre technique (CET)',
    familyAllowance: 'Allocations familiales',
    unemployment: 'Assurance chômage',
    ags: 'AGS (garantie des salaires)',
    apec: 'Apec',
    mobility: 'Versement mobilité',
    fnal: 'FNAL (aide au logement)',
    csa: 'Contribution solidarité autonomie',
    forfaitSocial: 'Forfait social',
    apprenticeshipTax: 'Taxe d’apprentissage',
    training: 'Formation professionnelle',
    cpfCdd: 'CPF des CDD',
    peec: 'Participation à l’effort de construction',
    socialDialogue: 'Contribution au dialogue social',
    congesSpectacles: 'Congés Spectacles',
    fcap: 'FCAP (paritarisme du spectacle vivant)',
    svpProvident: 'Prévoyance du spectacle vivant',
    reductions: 'Réduction générale (RGDU)',
    csgDeductible: 'CSG déductible',
    csgCrdsNonDeductible: 'CSG et CRDS non déductibles',
    csgCrdsNonTaxable: 'CSG et CRDS sur revenus non imposables',
    unclassified: 'Non classé',
  },
  en: {
    salary: 'Base salary',
    portageBase: 'Base salary (portage)',
    portageBusinessAllowance: 'Business-contribution allowance (5 %)',
    portagePaidLeave: 'Paid-leave allowance (10 %)',
    cddEndOfContract: 'End-of-contract indemnity',
    cddPaidLeave: 'Paid-leave indemnity',
    sickness: 'Sickness, maternity, disability, death',
    healthInsurance: 'Complementary health insurance',
    provident: 'Provident scheme (incapacity, disability, death)',
    workInjury: 'Work accidents',
    oldAgeCapped: 'Social security old age, capped',
    oldAgeUncapped: 'Social security old age, uncapped',
    complementary: 'Agirc-Arrco complementary pension',
    ceg: 'General balancing contribution (CEG)',
    cet: 'Technical balancing contribution (CET)',
    familyAllowance: 'Family allowances',
    unemployment: 'Unemployment insurance',
    ags: 'AGS (wage guarantee)',
    apec: 'Apec',
    mobility: 'Mobility levy',
    fnal: 'FNAL (housing aid)',
    csa: 'Solidarity-for-autonomy contribution',
    forfaitSocial: 'Forfait social',
    apprenticeshipTax: 'Apprenticeship tax',
    training: 'Vocational training',
    cpfCdd: 'CPF for fixed-term contracts',
    peec: 'Employers’ housing contribution (PEEC)',
    socialDialogue: 'Social dialogue contribution',
    congesSpectacles: 'Congés Spectacles (paid-leave fund)',
    fcap: 'FCAP (live-performance social dialogue fund)',
    svpProvident: 'Live-performance provident scheme',
    reductions: 'General reduction (RGDU)',
    csgDeductible: 'CSG, tax-deductible',
    csgCrdsNonDeductible: 'CSG and CRDS, not tax-deductible',
    csgCrdsNonTaxable: 'CSG and CRDS on non-taxable income',
    unclassified: 'Unclassified',
  },
};

const familyLabels: Record<PdfLanguage, Record<string, string>> = {
  fr: {
    health: 'Santé',
    workInjury: 'Accidents du travail – maladies professionnelles',
    retirement: 'Retraite',
    family: 'Famille',
    unemployment: 'Assurance chômage',
    otherEmployer: 'Autres contributions de l’employeur',
    collectiveAgreement: 'Cotisations statutaires ou conventionnelles',
    csgCrds: 'CSG et CRDS',
    reductions: 'Allègements de cotisations',
    unclassified: 'Autres',
  },
  en: {
    health: 'Health',
    workInjury: 'Work accidents and occupational diseases',
    retirement: 'Retirement',
    family: 'Family',
    unemployment: 'Unemployment insurance',
    otherEmployer: 'Other employer contributions',
    collectiveAgreement: 'Statutory or collective-agreement contributions',
    csgCrds: 'CSG and CRDS',
    reductions: 'Contribution relief',
    unclassified: 'Other',
  },
};

const text = {
  fr: {
    title: 'Bulletin de paie',
    period: (p: string) => `Période du ${p}`,
    employer: 'Employeur',
    employee: 'Salarié·e',
    siret: 'SIRET',
    naf: 'Code NAF',
    urssaf: 'URSSAF',
    account: 'n° de compte',
    agreement: 'Convention collective',
    nir: 'N° de sécurité sociale',
    number: 'Matricule',
    job: 'Emploi',
    contract: 'Contrat',
    since: 'Entrée le',
    status: 'Statut',
    cadre: 'Cadre',
    nonCadre: 'Non cadre',
    hours: 'Heures du mois',
    pay: 'Rémunération',
    columns: ['Élément', 'Base', 'Taux sal.', 'Part salariale', 'Taux pat.', 'Part patronale'],
    grossPay: 'Salaire brut',
    totalContributions: 'Total des cotisations et contributions',
    rgdu: 'dont réduction générale (RGDU)',
    netBeforeTax: 'Net à payer avant impôt sur le revenu',
    netTaxable: 'Net imposable',
    withholding: (rate: string) => `Impôt sur le revenu prélevé à la source (taux ${rate})`,
    netPaid: 'Net payé',
    paidOn: (d: string) => `Versé par virement le ${d}`,
    employerCost: 'Coût total pour l’employeur',
    reserve: 'Réserve financière (portage), conservée sur le compte d’activité',
    ytd: 'Cumuls de l’année',
    ytdColumns: ['Brut', 'Net imposable', 'Impôt prélevé', 'Net payé', 'Coût employeur'],
    rules: (pkg: string, v: string, entry: string) =>
      `Calculé avec les règles URSSAF ${pkg} ${v} · écriture de paie ${entry}`,
    keep: 'Dans votre intérêt et pour vous aider à faire valoir vos droits, conservez ce bulletin de paie sans limitation de durée.',
    info: 'Rubrique dédiée au bulletin de paie sur le portail www.service-public.fr',
  },
  en: {
    title: 'Payslip',
    period: (p: string) => `Period ${p}`,
    employer: 'Employer',
    employee: 'Employee',
    siret: 'SIRET',
    naf: 'NAF code',
    urssaf: 'URSSAF',
    account: 'account no.',
    agreement: 'Collective agreement',
    nir: 'Social security no.',
    number: 'Employee no.',
    job: 'Job',
    contract: 'Contract',
    since: 'Since',
    status: 'Status',
    cadre: 'Cadre',
    nonCadre: 'Non-cadre',
    hours: 'Hours of the month',
    pay: 'Pay',
    columns: ['Item', 'Base', 'Empl. rate', 'Employee', 'Empr. rate', 'Employer'],
    grossPay: 'Gross pay',
    totalContributions: 'Total contributions',
    rgdu: 'of which general reduction (RGDU)',
    netBeforeTax: 'Net to pay before income tax',
    netTaxable: 'Net taxable',
    withholding: (rate: string) => `Income tax withheld at source (rate ${rate})`,
    netPaid: 'Net paid',
    paidOn: (d: string) => `Paid by transfer on ${d}`,
    employerCost: 'Total cost to the employer',
    reserve: 'Financial reserve (portage), kept on the activity account',
    ytd: 'Year to date',
    ytdColumns: ['Gross', 'Net taxable', 'Tax withheld', 'Net paid', 'Employer cost'],
    rules: (pkg: string, v: string, entry: string) =>
      `Computed with the URSSAF rules ${pkg} ${v} · payroll entry ${entry}`,
    keep: 'Dans votre intérêt et pour vous aider à faire valoir vos droits, conservez ce bulletin de paie sans limitation de durée.',
    info: 'See the payslip section of www.service-public.fr',
  },
};

/** A rate in millionths as a payslip prints it: 69000 → "6,900 %". */
const formatPpm = (ppm: number | null, language: PdfLanguage): string =>
  ppm === null
    ? ''
    : `${new Intl.NumberFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(ppm / 10_000)} %`;

const monthName = (period: string, language: PdfLanguage) =>
  new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${period}-01T00:00:00Z`));

export async function renderPayslipPdf(d: PayslipDocument, language: PdfLanguage): Promise<Uint8Array> {
  const t = text[language];
  const p = d.payslip;
  const money = (c: number) => formatMoney(c, language);
  // French puts a space before the colon, English does not.
  const colon = language === 'fr' ? ' : ' : ': ';
  const [year, month] = p.period.split('-').map(Number) as [number, number];
  const first = `${p.period}-01`;
  const last = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
  const pdf = createPdf({
    title: `${t.title} ${p.period} – ${d.employee.name}`,
    language,
    createdAt: d.createdAt,
    author: d.employer.name,
    footer: `${d.employer.name} · ${t.siret} ${d.employer.siret} · ${t.keep}`,
  });
  pdf.header(
    {
      title: `${t.title} — ${monthName(p.period, language)}`,
      lines: [
        `${formatDate(first, language)} – ${formatDate(last, language)}`,
        { text: t.paidOn(formatDate(d.paidOn, language)), muted: true },
      ],
    },
    {
      align: 'right',
      title: d.employer.name,
      lines: [d.employer.legalForm, d.employer.addressLine, `${d.employer.postalCode} ${d.employer.city}`],
    },
  );
  pdf.blocks(
    [
      {
        label: t.employer,
        boxed: true,
        lines: [
          `${t.siret} ${d.employer.siret} · ${t.naf} ${d.employer.nafCode}`,
          `${d.employer.urssafName} · ${t.account} ${d.employer.urssafAccount}`,
          ...(d.employer.collectiveAgreement
            ? [`${t.agreement}${colon}${d.employer.collectiveAgreement}`]
            : []),
        ],
      },
      {
        label: t.employee,
        title: d.employee.name,
        boxed: true,
        lines: [
          ...(d.employee.addressLine ? [d.employee.addressLine] : []),
          ...(d.employee.postalCode || d.employee.city
            ? [`${d.employee.postalCode ?? ''} ${d.employee.city ?? ''}`.trim()]
            : []),
          `${t.nir}${colon}${d.employee.nir}`,
          `${t.number}${colon}${d.employee.number}`,
        ],
      },
    ],
    [0.5, 0.5],
  );
  pdf.space(6);
  pdf.paragraph(
    [
      `${t.job}${colon}${d.employee.jobTitle}`,
      `${t.contract}${colon}${d.employee.contract}`,
      `${t.since} ${formatDate(d.employee.startDate, language)}`,
      `${t.status}${colon}${d.employee.cadre ? t.cadre : t.nonCadre}`,
      `${t.hours}${colon}${new Intl.NumberFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 2 }).format(p.hoursPerMonth)} h`,
    ].join(' · '),
    { muted: true },
  );
  pdf.space(6);

  const columns = t.columns.map((header, i) => ({
    header,
    width: [0.4, 0.13, 0.1, 0.13, 0.1, 0.14][i] as number,
    align: i === 0 ? ('left' as const) : ('right' as const),
  }));
  const rows: TableRow[] = [];
  const pay = p.lines.filter((l) => l.family === 'pay');
  for (const l of pay)
    rows.push([
      lineLabels[language][l.code] ?? l.code,
      money(l.baseCents),
      '',
      money(l.employeeCents),
      '',
      '',
    ]);
  rows.push([{ text: t.grossPay, bold: true }, '', '', { text: money(p.grossPayCents), bold: true }, '', '']);
  let family = '';
  for (const l of p.lines.filter((x) => x.family !== 'pay')) {
    if (l.family !== family) {
      family = l.family;
      rows.push([
        { text: (familyLabels[language][family] ?? family).toUpperCase(), bold: true },
        '',
        '',
        '',
        '',
        '',
      ]);
    }
    rows.push([
      lineLabels[language][l.code] ?? l.code,
      money(l.baseCents),
      formatPpm(l.employeeRatePpm, language),
      l.employeeCents ? money(-l.employeeCents) : '',
      formatPpm(l.employerRatePpm, language),
      l.employerCents ? money(l.employerCents) : '',
    ]);
  }
  rows.push([
    { text: t.totalContributions, bold: true },
    '',
    '',
    { text: money(-p.employeeContributionsCents), bold: true },
    '',
    { text: money(p.employerContributionsCents), bold: true },
  ]);
  pdf.table(columns, rows);
  pdf.space(8);
  pdf.ensureSpace(150);
  pdf.keyValues(
    [
      { label: t.rgdu, value: money(-p.rgduCents), muted: true },
      { label: t.netBeforeTax, value: money(p.netBeforeTaxCents), bold: true },
      { label: t.netTaxable, value: money(p.netTaxableCents) },
      {
        label: t.withholding(
          `${new Intl.NumberFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(p.withholding.rateBp / 100)} %`,
        ),
        value: money(-p.withholding.amountCents),
      },
      { label: t.netPaid, value: money(p.netPaidCents), bold: true },
      { label: t.employerCost, value: money(p.employerCostCents), muted: true },
      ...(p.portageReserveCents
        ? [{ label: t.reserve, value: money(p.portageReserveCents), muted: true }]
        : []),
    ],
    { width: pdf.width * 0.62 },
  );
  pdf.space(8);
  pdf.heading(t.ytd);
  pdf.table(
    t.ytdColumns.map((header) => ({ header, width: 0.2, align: 'right' as const })),
    [
      [
        money(p.yearToDate.grossCents),
        money(p.yearToDate.netTaxableCents),
        money(p.yearToDate.withholdingCents),
        money(p.yearToDate.netPaidCents),
        money(p.yearToDate.employerCostCents),
      ],
    ],
  );
  pdf.space(8);
  pdf.paragraph(t.keep, { bold: true });
  pdf.paragraph(t.info, { muted: true });
  pdf.paragraph(t.rules(p.ruleset.package, p.ruleset.version, p.journalEntry.reference), {
    muted: true,
    size: 7,
  });
  return pdf.toBytes();
}
