// RFC 9457 problem+json: one table from error codes to statuses, one renderer for every failure.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, type ErrorCode, type FieldIssue } from '../../domain/errors.ts';
import { describeIssue, type Language, messageFor } from '../../domain/messages.ts';

const statusOf: Record<ErrorCode, number> = {
  'expense.invalid_status': 409,
  'expense.receipt_required': 422,
  'expense.no_mileage_scale': 422,
  'expense.amount_zero': 422,
  'expense.unknown_category': 422,
  'receipt.not_accepted': 422,
  'payout.unknown_entity': 422,
  'payout.debtor_required': 422,
  'payout.not_payable': 409,
  'payout.missing_iban': 422,
  'payout.already_executed': 409,
  'validation.failed': 400,
  'governance.not_configured': 409,
  'governance.college_count': 400,
  'governance.college_weight_range': 400,
  'governance.college_weights_total': 400,
  'governance.college_duplicate': 400,
  'governance.college_required': 422,
  'governance.college_unknown': 400,
  'governance.college_in_use': 409,
  'governance.shares_positive': 400,
  'governance.amount_positive': 400,
  'governance.payment_above_unpaid': 422,
  'governance.not_enough_paid_shares': 422,
  'governance.same_member': 400,
  'governance.member_not_active': 422,
  'governance.window_invalid': 400,
  'governance.already_convened': 409,
  'governance.not_convened': 409,
  'governance.no_electors': 422,
  'governance.vote_not_open': 409,
  'governance.vote_closed': 409,
  'governance.not_shareholder': 403,
  'governance.not_proxy_holder': 403,
  'governance.proxy_given': 409,
  'governance.resolution_unknown': 400,
  'governance.resolution_repeated': 400,
  'governance.proxy_self': 400,
  'governance.proxy_holder_not_shareholder': 422,
  'governance.proxy_chain': 422,
  'governance.proxy_cap': 409,
  'governance.proxy_after_vote': 409,
  'governance.results_not_published': 409,
  'directory.consent_required': 422,
  'directory.not_a_member': 422,
  'directory.profile_incomplete': 422,
  'directory.recipient_unavailable': 422,
  'directory.too_many_requests': 429,
  'network.duplicate': 409,
  'auth.unauthenticated': 401,
  'auth.forbidden': 403,
  'resource.not_found': 404,
  'resource.conflict': 409,
  'event.cancelled': 409,
  'event.past': 409,
  'event.members_only': 403,
  'event.not_registered': 409,
  'event.already_registered': 409,
  'event.capacity_below_registered': 422,
  'event.space_elsewhere': 422,
  'event.space_taken': 409,
  'event.space_closed': 422,
  'event.space_too_small': 422,
  'registration.link_invalid': 410,
  'space.inactive': 409,
  'space.duplicate_name': 409,
  'slot.unavailable': 422,
  'booking.overlap': 409,
  'booking.during_event': 409,
  'booking.event_hold': 409,
  'booking.activity_required': 422,
  'booking.cancelled': 409,
  'booking.past': 409,
  'idempotency.key_reused': 409,
  'member.email_taken': 409,
  'member.invalid_status_transition': 422,
  'member.has_open_activities': 422,
  'activity.closed': 422,
  'activity.last_member': 422,
  'activity.fee_override_needs_reason': 422,
  'fee.retroactive_version': 422,
  'fee.version_exists': 409,
  'fee.version_in_force': 409,
  'fee.tier_incomplete': 422,
  'fee.shares_not_100': 422,
  'fee.shares_duplicate': 422,
  'fee.year_not_ended': 422,
  'client.duplicate_siren': 409,
  'user.email_taken': 409,
  'user.last_admin': 422,
  'entity.duplicate_siren': 409,
  'entity.duplicate_code': 409,
  'office.duplicate_code': 409,
  'payroll.period_not_covered': 422,
  'payroll.rules_incomplete': 422,
  'payroll.no_salary_for_amount': 422,
  'payroll.budget_not_positive': 422,
  'salary.insufficient_balance': 422,
  'salary.below_minimum': 422,
  'salary.no_contract': 422,
  'salary.missing_iban': 422,
  'salary.missing_nir': 422,
  'salary.activity_closed': 422,
  'salary.invalid_status': 422,
  'payroll.run_closed': 422,
  'payroll.run_open': 409,
  'payroll.run_incomplete': 422,
  'payroll.run_empty': 422,
  'payroll.run_not_closed': 422,
  'payroll.employer_missing': 422,
  'contract.invalid': 422,
  'ledger.too_few_lines': 422,
  'ledger.too_many_lines': 422,
  'ledger.unbalanced': 422,
  'ledger.line_zero': 422,
  'ledger.line_both_sides': 422,
  'ledger.negative_amount': 422,
  'ledger.amount_not_cents': 422,
  'ledger.amount_too_large': 422,
  'ledger.unknown_account': 422,
  'ledger.inactive_account': 422,
  'ledger.auxiliary_required': 422,
  'ledger.auxiliary_not_allowed': 422,
  'ledger.auxiliary_mismatch': 422,
  'ledger.unknown_auxiliary': 422,
  'ledger.unknown_activity': 422,
  'ledger.unknown_journal': 422,
  'ledger.analytic_mismatch': 422,
  'ledger.no_fiscal_year': 422,
  'ledger.period_closed': 422,
  'ledger.period_locked': 422,
  'ledger.already_reversed': 409,
  'ledger.account_in_use': 409,
  'ledger.account_duplicate': 409,
  'ledger.auxiliary_duplicate': 409,
  'ledger.journal_duplicate': 409,
  'ledger.fiscal_year_invalid': 422,
  'ledger.fiscal_year_overlap': 409,
  'ledger.fiscal_year_duplicate': 409,
  'ledger.fiscal_year_closed': 422,
  'ledger.fiscal_year_open': 422,
  'ledger.month_locked': 422,
  'ledger.month_not_locked': 422,
  'ledger.export_too_large': 422,
  'statement.unreadable': 422,
  'statement.wrong_format': 422,
  'statement.too_large': 413,
  'statement.empty': 422,
  'statement.bad_amount': 422,
  'statement.bad_date': 422,
  'statement.currency': 422,
  'statement.too_many_lines': 422,
  'statement.wrong_account': 422,
  'statement.line_decided': 422,
  'bank_account.duplicate_iban': 409,
  'payment.invalid_amount': 422,
  'payment.unknown_invoice': 422,
  'payment.other_client': 422,
  'payment.above_outstanding': 422,
  'payment.over_allocated': 422,
  'payment.not_incoming': 422,
  'guarantee.not_irrecoverable': 422,
  'guarantee.already_written_off': 409,
  'guarantee.nothing_owed': 422,
  'guarantee.written_off': 422,
  'advance.invalid_status': 409,
  'advance.activity_inactive': 422,
  'dunning.invalid_steps': 400,
  'dunning.not_overdue': 422,
  'dunning.in_litigation': 422,
  'invoice.immutable': 409,
  'invoice.invalid_transition': 422,
  'invoice.validation_required': 422,
  'invoice.client_ids_missing': 422,
  'invoice.vat_category_not_for_client': 422,
  'invoice.no_email': 422,
  'invoice.nothing_left': 422,
  'quote.expired': 422,
  'quote.not_accepted': 422,
  'quote.already_invoiced': 409,
  'quote.already_answered': 409,
  'credit_note.above_remaining': 422,
  'credit_note.vat_category_not_invoiced': 422,
};

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  errors?: FieldIssue[];
  requestId?: string;
};

export const languageOf = (request: FastifyRequest): Language =>
  /^en\b/i.test(String(request.headers['accept-language'] ?? '')) ? 'en' : 'fr';

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

export const problem = (
  status: number,
  code: string,
  lang: Language,
  extra: Partial<Problem> = {},
): Problem => ({
  type: `https://commune.coop/problems/${code}`,
  title: titles[status] ?? 'Error',
  status,
  detail: messageFor(code, lang),
  code,
  ...extra,
});

export const sendProblem = (reply: FastifyReply, p: Problem) =>
  reply.code(p.status).type('application/problem+json; charset=utf-8').send(p);

export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const lang = languageOf(request);
  const instance = request.url.split('?')[0];
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext === 'body' ? '' : `/${error.validationContext}`;
    const errors = error.validation.map((v) => {
      const { code, message } = describeIssue({ code: v.keyword, message: v.message, ...v.params }, lang);
      return { pointer: `${where}${v.instancePath === '/' ? '' : v.instancePath}`, code, message };
    });
    return sendProblem(reply, problem(400, 'validation.failed', lang, { instance, errors }));
  }
  if (error instanceof DomainError) {
    const errors = error.details.errors?.map((e) => ({ ...e, message: messageFor(e.code, lang, e.message) }));
    return sendProblem(
      reply,
      problem(statusOf[error.code], error.code, lang, { instance, ...(errors ? { errors } : {}) }),
    );
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    // Fastify's own refusals (malformed JSON, body too large, wrong content type).
    const code =
      status === 415
        ? 'request.unsupported_media_type'
        : status === 413
          ? 'request.too_large'
          : 'request.malformed';
    return sendProblem(reply, { ...problem(status, code, lang, { instance }), detail: error.message });
  }
  request.log.error({ err: error, requestId: request.id }, 'unhandled error');
  return sendProblem(reply, {
    ...problem(500, 'internal', lang, { instance, requestId: String(request.id) }),
    detail:
      lang === 'fr'
        ? `Erreur interne. Référence : ${request.id}`
        : `Internal error. Reference: ${request.id}`,
  });
}
