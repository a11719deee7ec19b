// The one way the web app talks to the server: JSON in and out, the session cookie, the UI language
// (the server translates its messages by Accept-Language), and RFC 9457 problems turned into ApiError.
import { type Language, messageFor } from '../domain/messages.ts';

export type FieldProblem = { pointer: string; code: string; message: string };

export type Problem = {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  instance?: string;
  errors?: FieldProblem[];
  requestId?: string;
};

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }
  get code(): string {
    return this.problem.code ?? 'error';
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

let language: Language = 'fr';
/** Called by the i18n setup whenever the UI language changes. */
export const setApiLanguage = (lang: Language) => {
  language = lang;
};

/** Called on every 401, so the app can send the person back to the sign-in page. */
let onUnauthenticated: (() => void) | null = null;
export const setUnauthenticatedHandler = (handler: (() => void) | null) => {
  onUnauthenticated = handler;
};

type Query = Record<string, string | number | boolean | null | undefined>;

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
  /** Do not call the 401 handler (the sign-in page and the "who am I" probe). */
  quiet401?: boolean;
  /** Money-moving POSTs: the same key makes a retried request count once. */
  idempotencyKey?: string;
};

export const withQuery = (path: string, query?: Query): string => {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}${path.includes('?') ? '&' : '?'}${text}` : path;
};

export async function request<T>(path: string, o: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': language,
  };
  const hasBody = o.body !== undefined;
  if (hasBody) headers['Content-Type'] = 'application/json';
  if (o.idempotencyKey) headers['Idempotency-Key'] = o.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(withQuery(path, o.query), {
      method: o.method ?? (hasBody ? 'POST' : 'GET'),
      credentials: 'include',
      headers,
      ...(hasBody ? { body: JSON.stringify(o.body) } : {}),
      ...(o.signal ? { signal: o.signal } : {}),
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError({ status: 0, code: 'network', detail: (e as Error).message });
  }
  const text = await response.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (!response.ok) {
    const problem: Problem =
      data && typeof data === 'object'
        ? { ...(data as Problem), status: response.status }
        : { status: response.status, detail: typeof data === 'string' ? data : response.statusText };
    if (response.status === 401 && !o.quiet401) onUnauthenticated?.();
    throw new ApiError(problem);
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) =>
    request<T>(path, { query, ...(signal ? { signal } : {}) }),
  post: <T>(path: string, body: unknown = {}) => request<T>(path, { method: 'POST', body }),
  put: <T>(path: string, body: unknown = {}) => request<T>(path, { method: 'PUT', body }),
  patch: <T>(path: string, body: unknown) => request<T>(path, { method: 'PATCH', body }),
  delete: <T = null>(path: string) => request<T>(path, { method: 'DELETE' }),
};

export type Page<T> = { items: T[]; total: number; nextCursor: string | null };

/**
 * A JSON Pointer of a problem's field error as a form path: `/firstName` → `firstName`,
 * `/contacts/0/name` → `contacts.0.name`; a trailing index into a list of plain values
 * (`/officeIds/1`) points at the list itself.
 */
export const pointerToPath = (pointer: string): string => {
  const segments = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  while (segments.length > 1 && /^\d+$/.test(segments.at(-1) ?? '')) segments.pop();
  return segments.join('.');
};

/** Refusals that carry no field error but are about one field, shown under it when the form has it. */
const fieldOfCode: Record<string, string> = {
  'client.duplicate_siren': 'siren',
  'entity.duplicate_siren': 'siren',
  'entity.duplicate_code': 'code',
  'member.email_taken': 'email',
  'user.email_taken': 'email',
  'office.duplicate_code': 'code',
};

/**
 * Splits a problem's field errors into those a form can show under its fields and the rest, each
 * in the UI language: known codes are translated here, the others keep the server's message (which
 * followed Accept-Language). `has(path)` says whether the form has that field.
 */
export function splitFieldErrors(
  error: unknown,
  has: (path: string) => boolean,
  lang: Language = language,
): { fields: Record<string, string>; other: string[] } {
  const fields: Record<string, string> = {};
  const other: string[] = [];
  if (!isApiError(error)) return { fields, other };
  for (const e of error.problem.errors ?? []) {
    const path = pointerToPath(e.pointer);
    const message = messageFor(e.code, lang, e.message);
    if (path && has(path)) fields[path] = fields[path] ?? message;
    else other.push(message);
  }
  const field = fieldOfCode[error.code];
  if (!error.problem.errors?.length && field && has(field))
    fields[field] = messageFor(error.code, lang, error.problem.detail);
  return { fields, other };
}
