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
  | 'office.duplicate_code';

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
