// Forms check their values with the same zod schemas as the server, show every message under its
// field in the UI language, and place the server's field errors (JSON pointers) the same way.
import { Alert } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import type { z } from 'zod';
import { codeMessages, describeIssue, type Language, messageFor } from '../../domain/messages.ts';
import { isApiError, splitFieldErrors } from '../api.ts';
import { currentLanguage, useT } from '../i18n/index.ts';

/** A zod issue path as a form path: a trailing index into a list of plain values points at the list. */
export const issuePath = (path: readonly PropertyKey[]): string => {
  const segments = path.map(String);
  while (segments.length > 1 && /^\d+$/.test(segments.at(-1) ?? '')) segments.pop();
  return segments.join('.');
};

const valueAt = (data: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>(
    (node, key) => (node !== null && typeof node === 'object' ? (node as any)[key as string] : undefined),
    data,
  );

/** The first message of each field, from a schema and the request body the form would send. */
export function zodErrors(schema: z.ZodType, body: unknown, lang: Language): Record<string, string> {
  const result = schema.safeParse(body);
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issuePath(issue.path);
    if (path in errors) continue;
    // An empty field is a missing one, whatever format it should have had.
    errors[path] =
      valueAt(body, issue.path) === '' ? messageFor('required', lang) : describeIssue(issue, lang).message;
  }
  return errors;
}

/** A Mantine `validate` function checking `toBody(values)` against the schema. */
export const validateWith =
  <V,>(schema: z.ZodType, toBody: (values: V) => unknown) =>
  (values: V) =>
    zodErrors(schema, toBody(values), currentLanguage());

const hasPath = (values: unknown, path: string): boolean => {
  let node: unknown = values;
  for (const segment of path.split('.')) {
    if (node === null || typeof node !== 'object' || !(segment in (node as object))) return false;
    node = (node as Record<string, unknown>)[segment];
  }
  return true;
};

/** Moves the keyboard focus to the first field in error, so nobody has to look for it. */
export function focusFirstError(errors: Record<string, unknown>) {
  const first = Object.keys(errors)[0];
  if (!first) return;
  requestAnimationFrame(() => {
    const node = document.querySelector<HTMLElement>(`[data-path="${CSS.escape(first)}"]`);
    node?.focus();
  });
}

/** A readable message for any failure of a request. */
export function useErrorMessage() {
  const { t, lang } = useT();
  return (error: unknown): string => {
    if (isApiError(error)) {
      if (error.status === 0) return t('app.networkError');
      const known = codeMessages[error.code]?.[lang];
      return known ?? error.problem.detail ?? error.problem.title ?? t('app.errorTitle');
    }
    return t('app.errorTitle');
  };
}

/** What this module needs of a Mantine form (its own type is not reachable under `nodenext`). */
export type FormLike<V, B> = {
  getValues: () => V;
  setErrors: (errors: Record<string, ReactNode>) => void;
  onSubmit: (
    handle: (values: B) => void,
    onFailure?: (errors: Record<string, ReactNode>) => void,
  ) => (event?: FormEvent<HTMLFormElement>) => void;
};

/**
 * Submits a form's transformed values through a mutation: client-side checks first (the form's
 * `validate`), then the server's answer, whose field errors land under the right fields.
 */
export function useFormSubmit<V extends Record<string, any>, B, R>(
  form: FormLike<V, B>,
  options: {
    mutationFn: (body: B) => Promise<R>;
    onSuccess?: (result: R, body: B) => void;
    /** A message of the page's own for some failures (else the server's). */
    errorMessage?: (error: unknown) => string | undefined;
    /** The form's field for a path of the request body, when the form names it otherwise. */
    paths?: Record<string, string>;
  },
) {
  const { t } = useT();
  const messageOf = useErrorMessage();
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: options.mutationFn,
    onSuccess: (result, body) => options.onSuccess?.(result, body),
    onError: (e) => {
      const local = (path: string) => options.paths?.[path] ?? path;
      const split = splitFieldErrors(e, (path) => hasPath(form.getValues(), local(path)), currentLanguage());
      const fields = Object.fromEntries(Object.entries(split.fields).map(([path, m]) => [local(path), m]));
      const other = split.other;
      if (Object.keys(fields).length) {
        form.setErrors(fields);
        focusFirstError(fields);
      }
      setError(
        other.length
          ? other.join(' ')
          : Object.keys(fields).length
            ? t('common.formHasErrors')
            : (options.errorMessage?.(e) ?? messageOf(e)),
      );
    },
  });
  const onSubmit = form.onSubmit(
    (body) => {
      setError(null);
      mutation.mutate(body);
    },
    (errors) => {
      setError(t('common.formHasErrors'));
      focusFirstError(errors);
    },
  );
  return { onSubmit, error, pending: mutation.isPending, reset: () => setError(null) };
}

/** The form-level message (not tied to one field), announced to screen readers. */
export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <Alert color="red" variant="light" role="alert">
      {message}
    </Alert>
  );
}

/** '' → null: optional text fields the API wants as null when empty. */
export const orNull = (value: string): string | null => {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
};

/** '' → undefined: optional fields the API wants absent when empty. */
export const orUndefined = (value: string): string | undefined => {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
};

/** The fields of `next` whose values differ from `before` (what a PATCH should carry). */
export function changedFields<T extends Record<string, unknown>>(before: T, next: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(next) as (keyof T)[])
    if (JSON.stringify(before[key]) !== JSON.stringify(next[key])) out[key] = next[key];
  return out;
}
