// How the answers of the API become messages under a form's fields.
import { describe, expect, it } from 'vitest';
import { ApiError, pointerToPath, splitFieldErrors } from './api.ts';

const everyField = () => true;

describe('pointerToPath', () => {
  it('turns JSON pointers into form paths', () => {
    expect(pointerToPath('/firstName')).toBe('firstName');
    expect(pointerToPath('/contacts/0/name')).toBe('contacts.0.name');
    // An index into a list of plain values points at the list.
    expect(pointerToPath('/officeIds/1')).toBe('officeIds');
    expect(pointerToPath('/a~1b')).toBe('a/b');
  });
});

describe('splitFieldErrors', () => {
  const invalid = new ApiError({
    status: 400,
    code: 'validation.failed',
    errors: [
      { pointer: '/siren', code: 'siren.invalid', message: 'Invalid SIREN (9 digits, Luhn key).' },
      { pointer: '/name', code: 'too_big', message: 'Trop long' },
      { pointer: '/unknownField', code: 'required', message: 'This field is required.' },
    ],
  });

  it('translates known codes into the UI language, keeps the server message for the others', () => {
    const { fields } = splitFieldErrors(invalid, everyField, 'fr');
    expect(fields.siren).toBe('SIREN invalide (9 chiffres, clé de Luhn).');
    expect(fields.name).toBe('Trop long');
  });

  it('puts aside the errors of fields the form does not have', () => {
    const { fields, other } = splitFieldErrors(invalid, (path) => path !== 'unknownField', 'en');
    expect(Object.keys(fields).sort()).toEqual(['name', 'siren']);
    expect(other).toEqual(['This field is required.']);
  });

  it('shows a duplicate under the field it is about', () => {
    const duplicate = new ApiError({ status: 409, code: 'user.email_taken', detail: 'Taken' });
    expect(splitFieldErrors(duplicate, everyField, 'en').fields).toEqual({
      email: 'An account already uses this e-mail.',
    });
    // A form without that field keeps it as a message of its own.
    expect(splitFieldErrors(duplicate, () => false, 'en')).toEqual({ fields: {}, other: [] });
  });

  it('ignores what is not an answer of the API', () => {
    expect(splitFieldErrors(new Error('boom'), everyField, 'fr')).toEqual({ fields: {}, other: [] });
  });
});
