// The chart of accounts a legal entity of the group starts with (PCG, ANC règlement 2014-03), its
// journals, and what each account means to the rest of the platform. Numbers are PCG numbers
// (the first three digits are the PCG account); labels are the PCG wording, shortened where it is long.
// Class 9 is the PCG's class for analytic accounting: the activity-level allocations (cooperative fee,
// guarantee-fund cover, transfers between activities) live there and never reach the FEC.

export const auxiliaryKinds = ['client', 'member', 'supplier'] as const;
export type AuxiliaryKind = (typeof auxiliaryKinds)[number];

export type ChartAccount = {
  number: string;
  label: string;
  /** Lines on this account name an auxiliary account of this kind (CompAuxNum in the FEC). */
  auxiliaryKind: AuxiliaryKind | null;
};

const a = (number: string, label: string, auxiliaryKind: AuxiliaryKind | null = null): ChartAccount => ({
  number,
  label,
  auxiliaryKind,
});

export const defaultChart: readonly ChartAccount[] = [
  // Class 1: equity and loans (opening balances).
  a('101', 'Capital'),
  // Variable capital of a cooperative: shares subscribed and called, unpaid then paid (parts sociales).
  a('1012', 'Capital souscrit – appelé, non versé'),
  a('1013', 'Capital souscrit – appelé, versé'),
  a('1061', 'Réserve légale'),
  a('1068', 'Autres réserves'),
  a('110', 'Report à nouveau (solde créditeur)'),
  a('119', 'Report à nouveau (solde débiteur)'),
  a('120', 'Résultat de l’exercice (bénéfice)'),
  a('129', 'Résultat de l’exercice (perte)'),
  a('164', 'Emprunts auprès des établissements de crédit'),
  // Class 2: fixed assets.
  a('2183', 'Matériel de bureau et matériel informatique'),
  a('2184', 'Mobilier'),
  // Class 4: third parties.
  a('401', 'Fournisseurs', 'supplier'),
  a('408', 'Fournisseurs – factures non parvenues'),
  a('411', 'Clients', 'client'),
  a('416', 'Clients douteux ou litigieux', 'client'),
  a('418', 'Clients – produits non encore facturés'),
  a('4191', 'Clients – avances et acomptes reçus sur commandes', 'client'),
  a('421', 'Personnel – rémunérations dues', 'member'),
  a('425', 'Personnel – avances et acomptes', 'member'),
  a('427', 'Personnel – oppositions'),
  a('4282', 'Dettes provisionnées pour congés à payer'),
  a('4286', 'Personnel – autres charges à payer', 'member'),
  a('431', 'Sécurité sociale'),
  a('437', 'Autres organismes sociaux'),
  a('4382', 'Charges sociales sur congés à payer'),
  a('4421', 'Prélèvements à la source (impôt sur le revenu)'),
  a('44551', 'TVA à décaisser'),
  a('44562', 'TVA sur immobilisations'),
  a('44566', 'TVA sur autres biens et services'),
  a('44567', 'Crédit de TVA à reporter'),
  a('44571', 'TVA collectée'),
  // CGI art. 269-2-c: on services, VAT falls due when the price is collected; until then it waits here.
  a('44580', 'TVA collectée en attente d’encaissement'),
  a('44587', 'Taxes sur le chiffre d’affaires sur factures à établir'),
  a('467', 'Autres comptes débiteurs ou créditeurs (membres)', 'member'),
  a('4562', 'Associés – capital appelé, non versé', 'member'),
  a('4567', 'Associés – capital à rembourser', 'member'),
  // Class 5: treasury.
  a('512', 'Banques'),
  a('530', 'Caisse'),
  a('580', 'Virements internes'),
  // Class 6: expenses.
  a('6061', 'Fournitures non stockables (eau, énergie)'),
  a('6063', 'Fournitures d’entretien et de petit équipement'),
  a('6064', 'Fournitures administratives'),
  a('6068', 'Autres matières et fournitures'),
  a('611', 'Sous-traitance générale'),
  a('6132', 'Locations immobilières'),
  a('6135', 'Locations mobilières'),
  a('615', 'Entretien et réparations'),
  a('616', 'Primes d’assurances'),
  a('618', 'Divers (documentation, colloques)'),
  a('6226', 'Honoraires'),
  a('6231', 'Annonces et insertions'),
  a('6236', 'Catalogues et imprimés'),
  a('6251', 'Voyages et déplacements'),
  a('6256', 'Missions'),
  a('6257', 'Réceptions'),
  a('626', 'Frais postaux et de télécommunications'),
  a('627', 'Services bancaires et assimilés'),
  a('628', 'Divers'),
  a('631', 'Impôts, taxes et versements assimilés sur rémunérations (administration des impôts)'),
  a('633', 'Impôts, taxes et versements assimilés sur rémunérations (autres organismes)'),
  a('635', 'Autres impôts, taxes et versements assimilés (administration des impôts)'),
  a('6411', 'Salaires, appointements'),
  a('6412', 'Congés payés'),
  a('6413', 'Primes et gratifications'),
  a('6414', 'Indemnités et avantages divers'),
  a('6451', 'Cotisations à l’URSSAF'),
  a('6452', 'Cotisations aux mutuelles'),
  a('6453', 'Cotisations aux caisses de retraite'),
  a('6454', 'Cotisations à France Travail'),
  a('6458', 'Cotisations aux autres organismes sociaux'),
  a('654', 'Pertes sur créances irrécouvrables'),
  a('658', 'Charges diverses de gestion courante'),
  a('661', 'Charges d’intérêts'),
  // Class 7: revenue.
  a('706', 'Prestations de services'),
  a('707', 'Ventes de marchandises'),
  a('7084', 'Mise à disposition de personnel facturée'),
  a('7085', 'Ports et frais accessoires facturés'),
  a('7088', 'Autres produits d’activités annexes (frais refacturés)'),
  a('740', 'Subventions d’exploitation'),
  a('758', 'Produits divers de gestion courante'),
  // Class 9: analytic allocations between the activities and the cooperative itself.
  a('961', 'Contribution coopérative – part des activités'),
  a('971', 'Contribution coopérative – part de la coopérative'),
  a('973', 'Fonds de garantie – dotations'),
  a('962', 'Fonds de garantie – couverture accordée par la coopérative'),
  a('972', 'Fonds de garantie – couverture reçue par les activités'),
  a('974', 'Fonds de garantie – pertes absorbées'),
  a('966', 'Avances et prêts aux activités – part de la coopérative'),
  a('976', 'Avances et prêts aux activités – part des activités'),
  a('967', 'Frais de dossier d’avance – part des activités'),
  a('977', 'Frais de dossier d’avance – part de la coopérative'),
  a('969', 'Virements analytiques entre activités'),
];

export const journalKinds = ['sales', 'purchases', 'bank', 'payroll', 'misc', 'opening', 'analytic'] as const;
export type JournalKind = (typeof journalKinds)[number];

export type ChartJournal = { code: string; label: string; kind: JournalKind };

export const defaultJournals: readonly ChartJournal[] = [
  { code: 'AN', label: 'À-nouveaux', kind: 'opening' },
  { code: 'VE', label: 'Ventes', kind: 'sales' },
  { code: 'AC', label: 'Achats', kind: 'purchases' },
  { code: 'BQ', label: 'Banque', kind: 'bank' },
  { code: 'SAL', label: 'Salaires', kind: 'payroll' },
  { code: 'OD', label: 'Opérations diverses', kind: 'misc' },
  { code: 'ANA', label: 'Répartitions analytiques', kind: 'analytic' },
];

export const accountNumberPattern = /^[1-9][0-9]{2,9}$/;
export const journalCodePattern = /^[A-Z][A-Z0-9]{1,5}$/;

/** PCG class: the first digit. */
export const accountClass = (number: string): number => Number(number[0]);

/** Class 9 accounts carry analytic allocations only; they stay out of the general ledger's reports and the FEC. */
export const isAnalyticAccount = (number: string): boolean => number.startsWith('9');

const startsWithAny = (number: string, prefixes: readonly string[]) =>
  prefixes.some((p) => number.startsWith(p));

/** Accounts whose movements concern the activity's available balance (see statement.ts for why each). */
export const accountRoles = {
  revenue: ['7'],
  receivable: ['411', '416', '418'],
  client: ['411', '416'],
  vatPending: ['44580'],
  staffAdvance: ['425'],
  treasury: ['5'],
  payroll: ['64', '631', '633'],
  expense: ['6'],
  fee: ['961'],
  cover: ['972'],
  activityAdvance: ['976'],
  analyticTransfer: ['969'],
} as const;

export type AccountRole = keyof typeof accountRoles;

export const hasRole = (number: string, role: AccountRole): boolean =>
  startsWithAny(number, accountRoles[role]);
