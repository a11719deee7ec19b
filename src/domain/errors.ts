// One error type for every refused operation; the code is what clients and the UI translate.
export type ErrorCode =
  | 'validation.failed'
  | 'auth.unauthenticated'
  | 'auth.forbidden'
  | 'resource.not_found'
  | 'resource.conflict'
  | 'idempotency.key_reused'
  | 'member.email_taken'
  | 'member.invalid_status_transition'
  | 'member.has_open_activities'
  | 'activity.closed'
  | 'activity.last_member'
  | 'activity.fee_override_needs_reason'
  | 'client.duplicate_siren'
  | 'user.email_taken'
  | 'user.last_admin'
  | 'entity.duplicate_siren'
  | 'entity.duplicate_code'
  | 'office.duplicate_code'
  | 'payroll.period_not_covered'
  | 'payroll.rules_incomplete'
  | 'payroll.no_salary_for_amount'
  | 'payroll.budget_not_positive'
  | 'ledger.too_few_lines'
  | 'ledger.too_many_lines'
  | 'ledger.unbalanced'
  | 'ledger.line_zero'
  | 'ledger.line_both_sides'
  | 'ledger.negative_amount'
  | 'ledger.amount_not_cents'
  | 'ledger.amount_too_large'
  | 'ledger.unknown_account'
  | 'ledger.inactive_account'
  | 'ledger.auxiliary_required'
  | 'ledger.auxiliary_not_allowed'
  | 'ledger.auxiliary_mismatch'
  | 'ledger.unknown_auxiliary'
  | 'ledger.unknown_activity'
  | 'ledger.unknown_journal'
  | 'ledger.analytic_mismatch'
  | 'ledger.no_fiscal_year'
  | 'ledger.period_closed'
  | 'ledger.period_locked'
  | 'ledger.already_reversed'
  | 'ledger.account_in_use'
  | 'ledger.account_duplicate'
  | 'ledger.auxiliary_duplicate'
  | 'ledger.journal_duplicate'
  | 'ledger.fiscal_year_invalid'
  | 'ledger.fiscal_year_overlap'
  | 'ledger.fiscal_year_duplicate'
  | 'ledger.fiscal_year_closed'
  | 'ledger.fiscal_year_open'
  | 'ledger.month_locked'
  | 'ledger.month_not_locked'
  | 'ledger.export_too_large';

export type FieldIssue = { pointer: string; code: string; message: string };

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: { errors?: FieldIssue[]; [key: string]: unknown };
  constructor(code: ErrorCode, message: string, details: DomainError['details'] = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

export const notFound = (what: string): DomainError =>
  new DomainError('resource.not_found', `${what} not found`);
