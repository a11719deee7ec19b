// Row types of the tables, in camelCase (CamelCasePlugin maps them to snake_case columns).
import type { ColumnType, Generated } from 'kysely';

type Instant = ColumnType<string, string | undefined, string>;
type CreatedAt = ColumnType<string, string | undefined, never>;

export type LegalEntitiesTable = {
  id: Generated<string>;
  code: string;
  name: string;
  legalForm: string;
  kind: 'scic' | 'cae' | 'portage' | 'other';
  siren: string;
  vatNumber: string;
  rcsCity: string;
  shareCapitalCents: number;
  addressLine: string;
  postalCode: string;
  city: string;
  country: string;
  feeRateBp: number;
  createdAt: CreatedAt;
  updatedAt: Instant;
};

export type OfficesTable = {
  id: Generated<string>;
  code: string;
  name: string;
  addressLine: Generated<string>;
  postalCode: Generated<string>;
  city: string;
  email: string | null;
  phone: string | null;
  createdAt: CreatedAt;
  updatedAt: Instant;
};

export type UserRolesTable = { userId: string; role: string };
export type AdviserOfficesTable = { userId: string; officeId: string };

export type MemberStatus = 'prospect' | 'member' | 'shareholder' | 'exited';

export type MembersTable = {
  id: Generated<string>;
  number: string;
  userId: string | null;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  addressLine: string | null;
  postalCode: string | null;
  city: string | null;
  country: Generated<string>;
  birthDate: string | null;
  sex: 'F' | 'M' | null;
  nirEncrypted: string | null;
  nirHint: string | null;
  ibanEncrypted: string | null;
  ibanHint: string | null;
  bic: string | null;
  trades: Generated<string[]>;
  officeId: string | null;
  status: Generated<MemberStatus>;
  joinedOn: string | null;
  exitedOn: string | null;
  createdAt: CreatedAt;
  updatedAt: Instant;
};

export type ActivitiesTable = {
  id: Generated<string>;
  entityId: string;
  name: string;
  description: Generated<string>;
  trade: Generated<string>;
  status: Generated<'open' | 'closed'>;
  feeRateBp: number | null;
  feeOverrideReason: string | null;
  /** What the activity does, for the fee policy (0012_fees). */
  kind: Generated<'general' | 'artistic' | 'training' | 'consulting'>;
  /** A member may issue invoices alone up to this amount incl. VAT; null: an adviser validates. */
  invoiceSelfIssueCapCents: Generated<number | null>;
  createdAt: CreatedAt;
  updatedAt: Instant;
};

export type ActivityMembersTable = { activityId: string; memberId: string; createdAt: CreatedAt };
export type ActivityClientsTable = { activityId: string; clientId: string; createdAt: CreatedAt };

export type ClientKind = 'company' | 'association' | 'individual';

export type ClientsTable = {
  id: Generated<string>;
  kind: ClientKind;
  name: string;
  siren: string | null;
  siret: string | null;
  vatNumber: string | null;
  publicSector: Generated<boolean>;
  email: string | null;
  phone: string | null;
  addressLine: string;
  postalCode: string;
  city: string;
  country: Generated<string>;
  notes: Generated<string>;
  createdAt: CreatedAt;
  updatedAt: Instant;
};

export type ClientContactsTable = {
  id: Generated<string>;
  clientId: string;
  name: string;
  email: string | null;
  phone: string | null;
  role: Generated<string>;
  createdAt: CreatedAt;
};

export type AuditLogTable = {
  id: Generated<number>;
  at: CreatedAt;
  userId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  changes: ColumnType<unknown, string, never>;
  requestId: string | null;
};

export type OutboxTable = {
  id: Generated<number>;
  kind: string;
  payload: ColumnType<unknown, string, string>;
  createdAt: CreatedAt;
  availableAt: Instant;
  attempts: Generated<number>;
  lastError: string | null;
  doneAt: string | null;
};

export type AuxiliaryKindColumn = 'client' | 'member' | 'supplier';
export type JournalKindColumn = 'sales' | 'purchases' | 'bank' | 'payroll' | 'misc' | 'opening' | 'analytic';

export type LedgerAccountsTable = {
  id: Generated<string>;
  entityId: string;
  number: string;
  label: string;
  auxiliaryKind: AuxiliaryKindColumn | null;
  active: Generated<boolean>;
  createdAt: CreatedAt;
  updatedAt: Instant;
};

export type LedgerAuxiliaryAccountsTable = {
  id: Generated<string>;
  entityId: string;
  kind: AuxiliaryKindColumn;
  code: string;
  label: string;
  clientId: string | null;
  memberId: string | null;
  createdAt: CreatedAt;
};

export type LedgerJournalsTable = {
  id: Generated<string>;
  entityId: string;
  code: string;
  label: string;
  kind: JournalKindColumn;
  createdAt: CreatedAt;
};

export type FiscalYearsTable = {
  id: Generated<string>;
  entityId: string;
  code: string;
  startDate: string;
  endDate: string;
  status: Generated<'open' | 'closed'>;
  closedAt: string | null;
  closedBy: string | null;
  closedSeq: number | null;
  createdAt: CreatedAt;
};

export type LedgerPeriodLocksTable = {
  entityId: string;
  month: string;
  lockedAt: string;
  lockedBy: string;
  lockedSeq: number;
};

export type LedgerCountersTable = { journalId: string; fiscalYearId: string; lastNumber: number };

export type JournalEntriesTable = {
  id: Generated<string>;
  seq: Generated<number>;
  entityId: string;
  journalId: string;
  fiscalYearId: string;
  number: number;
  entryDate: string;
  label: string;
  pieceRef: string;
  pieceDate: string;
  reversesEntryId: string | null;
  sourceType: string | null;
  sourceId: string | null;
  postedAt: string;
  postedBy: string;
};

export type JournalEntryLinesTable = {
  entryId: string;
  lineNo: number;
  entityId: string;
  accountId: string;
  auxiliaryAccountId: string | null;
  activityId: string | null;
  label: string;
  debitCents: number;
  creditCents: number;
};

export type IdempotencyKeysTable = {
  userId: string;
  key: string;
  requestHash: string;
  statusCode: number | null;
  responseBody: string | null;
  createdAt: CreatedAt;
};

export type EmploymentContractsTable = {
  id: Generated<string>;
  memberId: string;
  entityId: string;
  type: 'CDI' | 'CDD' | 'CDD_USAGE' | 'PORTAGE';
  noWorkingTime: boolean;
  cadre: boolean;
  /** numeric: read as a string. */
  partTimeHoursPerWeek: ColumnType<string | null, number | null, number | null>;
  alsaceMoselle: boolean;
  intermittent: 'artist' | 'technician' | null;
  portageLevel: 'junior' | 'senior' | 'dayRate' | null;
  /** Portage on a CDD rather than a CDI. */
  portageFixedTerm: Generated<boolean>;
  jobTitle: string;
  startDate: string;
  endDate: string | null;
  withholdingRateBp: number;
  rulesetId: string;
  createdAt: CreatedAt;
  updatedAt: Instant;
};

export type PayrollRunsTable = {
  id: Generated<string>;
  entityId: string;
  period: string;
  status: Generated<'open' | 'closed'>;
  rulesetId: string;
  createdAt: CreatedAt;
  createdBy: string;
  closedAt: string | null;
  closedBy: string | null;
};

export type SalaryRequestStatus = 'submitted' | 'validated' | 'returned' | 'cancelled' | 'paid';

export type SalaryRequestsTable = {
  id: Generated<string>;
  activityId: string;
  memberId: string;
  entityId: string;
  contractId: string;
  period: string;
  amountKind: 'employerCost' | 'gross' | 'net';
  amountCents: number;
  headcount: number;
  reservedCents: number;
  grossCents: number;
  netCents: number;
  employerCostCents: number;
  status: Generated<SalaryRequestStatus>;
  comment: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  runId: string | null;
  createdAt: CreatedAt;
  createdBy: string;
  updatedAt: Instant;
};

export type PayslipsTable = {
  id: Generated<string>;
  runId: string;
  salaryRequestId: string;
  memberId: string;
  activityId: string;
  entityId: string;
  contractId: string;
  period: string;
  rulesetId: string;
  rulesPackage: string;
  rulesVersion: string;
  hoursPerMonth: ColumnType<string, number, never>;
  grossCents: number;
  grossPayCents: number;
  employeeContributionsCents: number;
  employerContributionsCents: number;
  rgduCents: number;
  netBeforeTaxCents: number;
  netTaxableCents: number;
  withholdingRateBp: number;
  withholdingCents: number;
  netPaidCents: number;
  employerCostCents: number;
  portageReserveCents: number;
  ytdGrossCents: number;
  ytdNetTaxableCents: number;
  ytdWithholdingCents: number;
  ytdNetPaidCents: number;
  ytdEmployerCostCents: number;
  journalEntryId: string;
  computedAt: string;
};

export type PayrollEmployersTable = {
  entityId: string;
  siret: string;
  nafCode: string;
  urssafName: string;
  urssafAccount: string;
  collectiveAgreement: Generated<string>;
  bankIban: string;
  bankBic: string;
  updatedAt: Instant;
};

export type PayslipLinesTable = {
  payslipId: string;
  lineNo: number;
  family: string;
  code: string;
  body: 'urssaf' | 'retirement' | 'other' | null;
  baseCents: number;
  employeeRatePpm: number | null;
  employeeCents: number;
  employerRatePpm: number | null;
  employerCents: number;
};

export type SalesDocumentKindColumn = 'quote' | 'invoice' | 'deposit_invoice' | 'credit_note';
export type SalesStatusColumn =
  | 'draft'
  | 'sent'
  | 'accepted'
  | 'refused'
  | 'awaiting_validation'
  | 'issued'
  | 'partially_paid'
  | 'paid'
  | 'cancelled';
export type SalesNumberSeriesTable = {
  entityId: string;
  kind: 'quote' | 'invoice' | 'credit_note';
  year: number;
  lastNumber: number;
};
export type SalesDocumentsTable = {
  id: Generated<string>;
  entityId: string;
  activityId: string;
  clientId: string;
  kind: SalesDocumentKindColumn;
  status: SalesStatusColumn;
  number: string | null;
  issueDate: string | null;
  dueDate: string | null;
  validUntil: string | null;
  serviceDate: string | null;
  lastServiceDate: string | null;
  subject: Generated<string>;
  notes: Generated<string>;
  language: Generated<'fr' | 'en'>;
  paymentTerm: Generated<'on_receipt' | 'days' | 'end_of_month_45'>;
  paymentDays: Generated<number>;
  purchaseOrder: string | null;
  buyerReference: string | null;
  quoteId: string | null;
  invoiceId: string | null;
  depositRateBp: number | null;
  creditReason: string | null;
  fixedVat: ColumnType<Record<string, number>, string | undefined, string>;
  totalExclVatCents: Generated<number>;
  totalVatCents: Generated<number>;
  totalInclVatCents: Generated<number>;
  prepaidCents: Generated<number>;
  journalEntryId: string | null;
  createdBy: string;
  createdAt: CreatedAt;
  updatedAt: Instant;
  issuedAt: string | null;
  issuedBy: string | null;
  sentAt: string | null;
};
export type SalesDocumentLinesTable = {
  documentId: string;
  position: number;
  designation: string;
  description: Generated<string>;
  quantityMilli: number;
  unitCode: string;
  unitPriceCents: number;
  discountCents: Generated<number>;
  netCents: number;
  vatCategory: string;
};
export type SalesValidationRequestsTable = {
  id: Generated<string>;
  documentId: string;
  requestedBy: string;
  requestedAt: string;
  comment: Generated<string>;
  decision: 'approved' | 'refused' | null;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionComment: Generated<string>;
};
export type QuoteAcceptancesTable = {
  documentId: string;
  decision: 'accept' | 'refuse';
  name: string;
  at: string;
  ip: string | null;
  via: 'link' | 'member';
};
export type SalesDocumentEventsTable = {
  id: Generated<number>;
  documentId: string;
  at: string;
  userId: string | null;
  kind: string;
  detail: ColumnType<Record<string, unknown>, string | undefined, string>;
};
export type ExpensesTable = {
  id: Generated<string>;
  reference: string;
  entityId: string;
  activityId: string;
  kind: 'receipt' | 'mileage' | 'supplier_invoice';
  memberId: string | null;
  status: Generated<'draft' | 'submitted' | 'rejected' | 'approved' | 'paid'>;
  expenseDate: string;
  category: string;
  label: string;
  supplierName: string | null;
  amountExclVatCents: number;
  vatCents: number;
  amountInclVatCents: number;
  invoiceToCoop: Generated<boolean>;
  deductibleVatCents: Generated<number>;
  vehicleKind: 'car' | 'motorcycle' | null;
  fiscalCv: number | null;
  electric: boolean | null;
  distanceKm: number | null;
  kmBefore: number | null;
  tripFrom: string | null;
  tripTo: string | null;
  supplierSiren: string | null;
  supplierInvoiceNumber: string | null;
  dueDate: string | null;
  supplierIban: string | null;
  supplierBic: string | null;
  createdBy: string;
  createdAt: CreatedAt;
  updatedAt: Instant;
  submittedAt: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionComment: Generated<string>;
  journalEntryId: string | null;
  paidAt: string | null;
};
export type ExpenseReceiptsTable = {
  expenseId: string;
  contentType: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
  content: Uint8Array;
  uploadedBy: string;
  uploadedAt: Instant;
};
export type PayoutBatchesTable = {
  id: Generated<string>;
  entityId: string;
  status: Generated<'open' | 'executed'>;
  debtorName: string;
  debtorIban: string;
  debtorBic: string;
  executionDate: string;
  totalCents: number;
  createdBy: string;
  createdAt: CreatedAt;
  executedBy: string | null;
  executedAt: string | null;
  journalEntryId: string | null;
};
export type PayoutItemsTable = { batchId: string; expenseId: string; amountCents: number };

// Community (0007): spaces and bookings, events and registrations, calendar feeds.
export type CommunitySpacesTable = {
  id: Generated<string>;
  officeId: string;
  name: string;
  kind: 'desk' | 'meeting_room' | 'studio' | 'rehearsal_room';
  capacity: number;
  openingHours: ColumnType<({ open: string; close: string } | null)[], string, string>;
  rules: Generated<string>;
  pricePerHourCents: number | null;
  /** Migration 0019: a day's price, the cap of a booking. */
  pricePerDayCents: number | null;
  freeCancelHours: Generated<number>;
  active: Generated<boolean>;
  createdAt: CreatedAt;
  updatedAt: Instant;
};
export type CommunitySpaceBookingsTable = {
  id: Generated<string>;
  spaceId: string;
  /** Migration 0021: null for an event's hold of the space. */
  memberId: string | null;
  /** Migration 0021: the event holding the space (then no member, no price). */
  eventId: string | null;
  activityId: string | null;
  startsAt: string;
  endsAt: string;
  status: Generated<'booked' | 'cancelled'>;
  priceCents: Generated<number>;
  chargeEntryId: string | null;
  refundEntryId: string | null;
  note: Generated<string>;
  cancelledAt: string | null;
  createdAt: CreatedAt;
};
export type CommunityEventsTable = {
  id: Generated<string>;
  officeId: string;
  seriesId: string | null;
  kind: 'info_session' | 'workshop' | 'training' | 'social';
  title: string;
  description: Generated<string>;
  startsAt: string;
  endsAt: string;
  placeKind: 'space' | 'address' | 'online';
  spaceId: string | null;
  address: string | null;
  onlineUrl: string | null;
  capacity: number;
  audience: 'members' | 'prospects' | 'public';
  status: Generated<'scheduled' | 'cancelled'>;
  createdBy: string;
  createdAt: CreatedAt;
  updatedAt: Instant;
};
export type CommunityEventRegistrationsTable = {
  id: Generated<string>;
  eventId: string;
  memberId: string | null;
  name: string | null;
  email: string | null;
  status: 'registered' | 'waitlisted' | 'cancelled' | 'expired';
  seq: ColumnType<number, never, never>;
  confirmedAt: string | null;
  expiresAt: string | null;
  confirmTokenHash: string | null;
  attended: boolean | null;
  reminderOutboxId: number | null;
  createdAt: CreatedAt;
  updatedAt: Instant;
};
export type CommunityCalendarFeedsTable = { memberId: string; token: string; createdAt: CreatedAt };

// Directory (0010): published profiles with their consent trail, trade networks, clients' requests.
export type DirectoryProfilesTable = {
  memberId: string;
  trade: string;
  skills: string[];
  city: string;
  presentation: Generated<string>;
  portfolioUrl: string | null;
  availability: Generated<'available' | 'busy' | 'unavailable'>;
  published: Generated<boolean>;
  consentAt: string | null;
  consentVersion: string | null;
  publishedAt: string | null;
  withdrawnAt: string | null;
  searchA: Generated<string>;
  searchB: Generated<string>;
  searchC: Generated<string>;
  searchD: Generated<string>;
  cityKey: Generated<string>;
  skillKeys: Generated<string[]>;
  search: ColumnType<string, never, never>;
  createdAt: CreatedAt;
  updatedAt: Instant;
};
export type DirectoryConsentsTable = {
  id: Generated<number>;
  memberId: string;
  kind: 'granted' | 'withdrawn';
  version: string;
  at: string;
  userId: string;
  requestId: string | null;
};
export type DirectoryNetworksTable = {
  id: Generated<string>;
  slug: string;
  name: string;
  description: Generated<string>;
  createdAt: CreatedAt;
  updatedAt: Instant;
};
export type DirectoryNetworkMembersTable = { networkId: string; memberId: string; joinedAt: string };
export type DirectoryRequestsTable = {
  id: Generated<string>;
  reference: string;
  requesterName: string;
  requesterEmail: string;
  organisation: string | null;
  phone: string | null;
  city: string | null;
  subject: string;
  message: string;
  createdAt: string;
};
export type DirectoryRequestRecipientsTable = {
  requestId: string;
  memberId: string;
  status: Generated<'new' | 'read' | 'answered' | 'declined'>;
  readAt: string | null;
  answeredAt: string | null;
  clientId: string | null;
  quoteId: string | null;
};
export type DirectoryRequestRepliesTable = {
  id: Generated<string>;
  requestId: string;
  memberId: string;
  message: string;
  createdAt: string;
};

/** The auth library's user table (only the columns this code reads). */
export type UserTable = { id: string; name: string; email: string };

export type BankAccountsTable = {
  id: Generated<string>;
  entityId: string;
  label: string;
  iban: string;
  bic: string | null;
  ledgerAccount: Generated<string>;
  forInvoices: Generated<boolean>;
  active: Generated<boolean>;
  createdAt: CreatedAt;
};

export type BankStatementImportsTable = {
  id: Generated<string>;
  bankAccountId: string;
  format: 'camt053' | 'ofx' | 'csv';
  fileName: string;
  raw: Uint8Array;
  sha256: string;
  fromDate: string | null;
  toDate: string | null;
  closingBalanceCents: number | null;
  lineCount: number;
  newLineCount: number;
  importedBy: string;
  importedAt: CreatedAt;
};

export type BankStatementLinesTable = {
  id: Generated<string>;
  bankAccountId: string;
  importId: string;
  bookingDate: string;
  valueDate: string | null;
  amountCents: number;
  label: string;
  counterpartyName: string | null;
  counterpartyIban: string | null;
  remittance: string | null;
  endToEndId: string | null;
  bankReference: string | null;
  fingerprint: string;
  status: Generated<'unmatched' | 'matched' | 'ignored'>;
  paymentId: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
};

export type PaymentsTable = {
  id: Generated<string>;
  entityId: string;
  clientId: string;
  bankAccountId: string;
  paymentDate: string;
  amountCents: number;
  method: 'transfer' | 'cheque' | 'card' | 'cash' | 'direct_debit';
  reference: Generated<string>;
  unallocatedCents: number;
  statementLineId: string | null;
  journalEntryId: string;
  createdBy: string;
  createdAt: CreatedAt;
};

export type PaymentAllocationsTable = {
  paymentId: string;
  documentId: string;
  amountCents: number;
  vatCents: number;
};

export type DunningPoliciesTable = {
  entityId: string;
  steps: ColumnType<number[], number[] | undefined, number[]>;
  enabled: Generated<boolean>;
  updatedAt: Instant;
};

export type InvoiceCollectionsTable = {
  documentId: string;
  paused: Generated<boolean>;
  pauseReason: Generated<string>;
  litigationOn: string | null;
  litigationEntryId: string | null;
  updatedBy: string;
  updatedAt: Instant;
};

export type DunningRemindersTable = {
  id: Generated<string>;
  documentId: string;
  step: number;
  tone: 'reminder' | 'firm' | 'formal_notice';
  sentOn: string;
  daysLate: number;
  outstandingCents: number;
  penaltyCents: number;
  indemnityCents: number;
  recipient: string;
  sentBy: string;
};

// Governance (0011): share register, colleges, assemblies, proxies, participations and ballots.
export type GovernanceSettingsTable = {
  entityId: string;
  shareNominalCents: number;
  proxyCap: Generated<number>;
  weightedColleges: Generated<boolean>;
  updatedAt: Instant;
};
export type GovernanceCollegesTable = {
  id: Generated<string>;
  entityId: string;
  name: string;
  weightBp: number;
  position: Generated<number>;
  active: Generated<boolean>;
};
export type GovernanceCollegeMembersTable = { entityId: string; memberId: string; collegeId: string };
export type GovernanceShareLinesTable = {
  id: Generated<string>;
  entityId: string;
  seq: number;
  memberId: string;
  kind: 'subscription' | 'payment' | 'transfer_out' | 'transfer_in' | 'refund';
  sharesDelta: number;
  paidDeltaCents: number;
  sharesAfter: number;
  paidAfterCents: number;
  entitySharesAfter: number;
  entityPaidAfterCents: number;
  counterpartMemberId: string | null;
  transferId: string | null;
  entryId: string | null;
  occurredOn: string;
  note: Generated<string>;
  createdBy: string;
  createdAt: CreatedAt;
};
export type GovernanceAssembliesTable = {
  id: Generated<string>;
  entityId: string;
  kind: 'ordinary' | 'extraordinary';
  title: string;
  place: Generated<string>;
  agenda: Generated<string>;
  heldAt: string;
  opensAt: string;
  closesAt: string;
  quorumBp: number;
  proxyCap: number;
  weightedColleges: boolean;
  colleges: ColumnType<{ id: string; name: string; weightBp: number }[], string | undefined, string>;
  status: Generated<'draft' | 'convened'>;
  convenedAt: string | null;
  closedEarlyAt: string | null;
  createdBy: string;
  createdAt: CreatedAt;
};
export type GovernanceResolutionsTable = {
  id: Generated<string>;
  assemblyId: string;
  position: number;
  title: string;
  body: Generated<string>;
  majority: 'simple' | 'two_thirds';
};
export type GovernanceDocumentsTable = {
  id: Generated<string>;
  assemblyId: string;
  position: number;
  title: string;
  url: string;
};
export type GovernanceElectorsTable = { assemblyId: string; memberId: string; collegeId: string | null };
export type GovernanceProxiesTable = {
  id: Generated<string>;
  assemblyId: string;
  grantorMemberId: string;
  holderMemberId: string;
  createdAt: string;
  revokedAt: string | null;
  revokedReason: 'withdrawn' | 'voted_in_person' | null;
};
export type GovernanceParticipationsTable = {
  assemblyId: string;
  memberId: string;
  votedByMemberId: string;
  firstVotedAt: string;
  lastVotedAt: string;
};
export type GovernanceBallotsTable = {
  id: Generated<string>;
  assemblyId: string;
  resolutionId: string;
  voterKey: string;
  collegeId: string | null;
  choice: 'for' | 'against' | 'abstain';
  receipt: string;
};

export type FeePolicyVersionsTable = {
  id: Generated<string>;
  entityId: string;
  activityKind: 'general' | 'artistic' | 'training' | 'consulting';
  effectiveFrom: string;
  rateBp: number;
  base: 'invoiced' | 'collected';
  minimumYearCents: number | null;
  tierThresholdCents: number | null;
  reducedRateBp: number | null;
  fundShareBp: Generated<number>;
  note: Generated<string>;
  createdBy: string | null;
  createdAt: CreatedAt;
};

export type FeeChargesTable = {
  id: Generated<string>;
  entityId: string;
  activityId: string;
  sourceType: 'sales_document' | 'payment' | 'activity_year';
  sourceId: string;
  kind: 'invoice' | 'payment' | 'credit_note' | 'minimum';
  documentId: string | null;
  policyVersionId: string | null;
  exception: Generated<boolean>;
  rateBp: number;
  reducedRateBp: number | null;
  baseCents: number;
  reducedBaseCents: Generated<number>;
  feeCents: number;
  fundCents: Generated<number>;
  chargeDate: string;
  journalEntryId: string | null;
  createdAt: CreatedAt;
};

export type FeeBudgetSharesTable = {
  entityId: string;
  year: number;
  service: string;
  shareBp: number;
  note: Generated<string>;
  updatedBy: string | null;
  updatedAt: Instant;
};

// Guarantee fund and advances (0013_guarantee_advances.sql).
export type GuaranteeSettingsTable = {
  entityId: string;
  enabled: boolean;
  maxPerMemberCents: number;
  maxPerClientCents: number;
  maxInvoiceAgeDays: number;
  maxExposureBp: number;
  delayWorkingDays: number;
  updatedBy: string;
  updatedAt: Instant;
};

export type GuaranteeCoverStatus = 'active' | 'released' | 'absorbed' | 'cancelled';

export type GuaranteeCoversTable = {
  id: Generated<string>;
  entityId: string;
  activityId: string;
  memberId: string;
  salaryRequestId: string | null;
  documentId: string;
  clientId: string;
  amountCents: number;
  releasedCents: Generated<number>;
  status: Generated<GuaranteeCoverStatus>;
  grantedOn: string;
  payableOn: string;
  closedOn: string | null;
  reasons: ColumnType<unknown, string, string>;
  entryId: string;
  createdBy: string;
  createdAt: CreatedAt;
};

export type GuaranteeReleasesTable = {
  id: Generated<string>;
  coverId: string;
  kind: 'payment' | 'cancel';
  paymentId: string | null;
  amountCents: number;
  releasedOn: string;
  entryId: string;
  createdAt: CreatedAt;
};

export type GuaranteeWriteOffsTable = {
  id: Generated<string>;
  entityId: string;
  documentId: string;
  activityId: string;
  declaredOn: string;
  reason: string;
  outstandingCents: number;
  lossExclVatCents: number;
  vatCents: number;
  fromCoversCents: number;
  extraCents: number;
  activityLossCents: number;
  lossEntryId: string;
  fundEntryId: string | null;
  declaredBy: string;
  createdAt: CreatedAt;
};

export type AdvancesTable = {
  id: Generated<string>;
  entityId: string;
  activityId: string;
  memberId: string;
  kind: 'advance' | 'loan';
  purpose: string;
  amountCents: number;
  repayment: 'schedule' | 'revenue';
  instalments: number | null;
  firstDueOn: string | null;
  revenueShareBp: number | null;
  fileFeeBp: number | null;
  fileFeeCents: number | null;
  status: Generated<'requested' | 'refused' | 'active' | 'repaid'>;
  comment: Generated<string>;
  requestedBy: string;
  requestedAt: Instant;
  decidedBy: string | null;
  decidedAt: string | null;
  disbursementEntryId: string | null;
  repaidCents: Generated<number>;
};

export type AdvanceInstalmentsTable = {
  advanceId: string;
  seq: number;
  dueOn: string;
  amountCents: number;
  repaidOn: string | null;
};

export type AdvanceRepaymentsTable = {
  id: Generated<string>;
  advanceId: string;
  source: 'instalment' | 'revenue';
  instalmentSeq: number | null;
  paymentId: string | null;
  amountCents: number;
  repaidOn: string;
  entryId: string;
  createdAt: CreatedAt;
};

export type Database = {
  guaranteeSettings: GuaranteeSettingsTable;
  guaranteeCovers: GuaranteeCoversTable;
  guaranteeReleases: GuaranteeReleasesTable;
  guaranteeWriteOffs: GuaranteeWriteOffsTable;
  advances: AdvancesTable;
  advanceInstalments: AdvanceInstalmentsTable;
  advanceRepayments: AdvanceRepaymentsTable;
  feePolicyVersions: FeePolicyVersionsTable;
  feeCharges: FeeChargesTable;
  feeBudgetShares: FeeBudgetSharesTable;
  governanceSettings: GovernanceSettingsTable;
  governanceColleges: GovernanceCollegesTable;
  governanceCollegeMembers: GovernanceCollegeMembersTable;
  governanceShareLines: GovernanceShareLinesTable;
  governanceAssemblies: GovernanceAssembliesTable;
  governanceResolutions: GovernanceResolutionsTable;
  governanceDocuments: GovernanceDocumentsTable;
  governanceElectors: GovernanceElectorsTable;
  governanceProxies: GovernanceProxiesTable;
  governanceParticipations: GovernanceParticipationsTable;
  governanceBallots: GovernanceBallotsTable;
  dunningPolicies: DunningPoliciesTable;
  invoiceCollections: InvoiceCollectionsTable;
  dunningReminders: DunningRemindersTable;
  bankAccounts: BankAccountsTable;
  bankStatementImports: BankStatementImportsTable;
  bankStatementLines: BankStatementLinesTable;
  payments: PaymentsTable;
  paymentAllocations: PaymentAllocationsTable;
  user: UserTable;
  legalEntities: LegalEntitiesTable;
  offices: OfficesTable;
  userRoles: UserRolesTable;
  adviserOffices: AdviserOfficesTable;
  members: MembersTable;
  activities: ActivitiesTable;
  activityMembers: ActivityMembersTable;
  activityClients: ActivityClientsTable;
  clients: ClientsTable;
  clientContacts: ClientContactsTable;
  auditLog: AuditLogTable;
  outbox: OutboxTable;
  communitySpaces: CommunitySpacesTable;
  communitySpaceBookings: CommunitySpaceBookingsTable;
  communityEvents: CommunityEventsTable;
  communityEventRegistrations: CommunityEventRegistrationsTable;
  communityCalendarFeeds: CommunityCalendarFeedsTable;
  directoryProfiles: DirectoryProfilesTable;
  directoryConsents: DirectoryConsentsTable;
  directoryNetworks: DirectoryNetworksTable;
  directoryNetworkMembers: DirectoryNetworkMembersTable;
  directoryRequests: DirectoryRequestsTable;
  directoryRequestRecipients: DirectoryRequestRecipientsTable;
  directoryRequestReplies: DirectoryRequestRepliesTable;
  ledgerAccounts: LedgerAccountsTable;
  ledgerAuxiliaryAccounts: LedgerAuxiliaryAccountsTable;
  ledgerJournals: LedgerJournalsTable;
  fiscalYears: FiscalYearsTable;
  ledgerPeriodLocks: LedgerPeriodLocksTable;
  ledgerCounters: LedgerCountersTable;
  journalEntries: JournalEntriesTable;
  journalEntryLines: JournalEntryLinesTable;
  idempotencyKeys: IdempotencyKeysTable;
  salesNumberSeries: SalesNumberSeriesTable;
  salesDocuments: SalesDocumentsTable;
  salesDocumentLines: SalesDocumentLinesTable;
  salesValidationRequests: SalesValidationRequestsTable;
  quoteAcceptances: QuoteAcceptancesTable;
  salesDocumentEvents: SalesDocumentEventsTable;
  employmentContracts: EmploymentContractsTable;
  payrollRuns: PayrollRunsTable;
  salaryRequests: SalaryRequestsTable;
  payslips: PayslipsTable;
  payslipLines: PayslipLinesTable;
  payrollEmployers: PayrollEmployersTable;
  expenses: ExpensesTable;
  expenseReceipts: ExpenseReceiptsTable;
  payoutBatches: PayoutBatchesTable;
  payoutItems: PayoutItemsTable;
};
