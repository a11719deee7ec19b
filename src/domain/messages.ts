// Human messages for error codes and field issues, in the languages of the app. Shared by the
// server (problem+json answers follow Accept-Language) and the web forms (same zod schemas).
import { z } from 'zod';

export const languages = ['fr', 'en'] as const;
export type Language = (typeof languages)[number];

type Text = Record<Language, string>;

/** Codes of DomainError and of custom field issues (`params.code` of a zod custom issue). */
export const codeMessages: Record<string, Text> = {
  'validation.failed': { fr: 'Certaines informations sont invalides.', en: 'Some information is invalid.' },
  'auth.unauthenticated': { fr: 'Connectez-vous pour continuer.', en: 'Please sign in to continue.' },
  'auth.forbidden': { fr: 'Vous n’avez pas accès à cette action.', en: 'You may not do this.' },
  'auth.rate_limited': {
    fr: 'Trop de tentatives. Réessayez dans une minute.',
    en: 'Too many attempts. Try again in a minute.',
  },
  'auth.invalid_credentials': { fr: 'E-mail ou mot de passe incorrect.', en: 'Wrong e-mail or password.' },
  'auth.invalid_origin': { fr: 'Origine de la requête refusée.', en: 'Request origin refused.' },
  'resource.not_found': { fr: 'Introuvable.', en: 'Not found.' },
  'resource.conflict': { fr: 'Conflit avec une autre modification.', en: 'Conflicts with another change.' },
  'idempotency.key_reused': {
    fr: 'Cette clé d’idempotence a déjà servi pour une autre requête.',
    en: 'This idempotency key was already used for another request.',
  },
  'member.email_taken': {
    fr: 'Un membre utilise déjà cet e-mail.',
    en: 'A member already uses this e-mail.',
  },
  'member.invalid_status_transition': {
    fr: 'Ce changement de statut n’est pas possible.',
    en: 'This status change is not allowed.',
  },
  'member.has_open_activities': {
    fr: 'Fermez d’abord les activités de ce membre.',
    en: 'Close this member’s activities first.',
  },
  'activity.closed': { fr: 'Cette activité est fermée.', en: 'This activity is closed.' },
  'activity.last_member': {
    fr: 'Une activité garde au moins un membre.',
    en: 'An activity keeps at least one member.',
  },
  'activity.fee_override_needs_reason': {
    fr: 'Indiquez la raison du taux de contribution particulier.',
    en: 'Give the reason for the particular fee rate.',
  },
  'client.duplicate_siren': {
    fr: 'Ce client existe déjà (même SIREN/SIRET).',
    en: 'This client already exists (same SIREN/SIRET).',
  },
  'user.email_taken': {
    fr: 'Un compte utilise déjà cet e-mail.',
    en: 'An account already uses this e-mail.',
  },
  'user.last_admin': {
    fr: 'Il doit rester au moins un administrateur.',
    en: 'At least one admin must remain.',
  },
  'entity.duplicate_siren': { fr: 'Une entité a déjà ce SIREN.', en: 'An entity already has this SIREN.' },
  'office.duplicate_code': { fr: 'Une agence a déjà ce code.', en: 'An office already has this code.' },
  'field.read_only': {
    fr: 'Ce champ ne peut être modifié que par votre conseiller·ère.',
    en: 'Only your adviser can change this field.',
  },
  required: { fr: 'Ce champ est obligatoire.', en: 'This field is required.' },
  'email.invalid': { fr: 'Adresse e-mail invalide.', en: 'Invalid e-mail address.' },
  'date.invalid': { fr: 'Date invalide (AAAA-MM-JJ).', en: 'Invalid date (YYYY-MM-DD).' },
  'date.future': { fr: 'La date ne peut pas être dans le futur.', en: 'The date cannot be in the future.' },
  'nir.format': {
    fr: 'Numéro de sécurité sociale mal formé (15 chiffres).',
    en: 'Malformed social security number (15 digits).',
  },
  'nir.key': {
    fr: 'La clé du numéro de sécurité sociale ne correspond pas.',
    en: 'The social security number key does not match.',
  },
  'nir.sex_mismatch': {
    fr: 'Le numéro de sécurité sociale ne correspond pas au sexe déclaré.',
    en: 'The social security number does not match the declared sex.',
  },
  'nir.birth_mismatch': {
    fr: 'Le numéro de sécurité sociale ne correspond pas à la date de naissance.',
    en: 'The social security number does not match the birth date.',
  },
  'iban.invalid': { fr: 'IBAN invalide (vérifiez la clé).', en: 'Invalid IBAN (check digits).' },
  'bic.invalid': { fr: 'BIC invalide.', en: 'Invalid BIC.' },
  'siren.invalid': {
    fr: 'SIREN invalide (9 chiffres, clé de Luhn).',
    en: 'Invalid SIREN (9 digits, Luhn key).',
  },
  'siret.invalid': {
    fr: 'SIRET invalide (14 chiffres, clé de Luhn).',
    en: 'Invalid SIRET (14 digits, Luhn key).',
  },
  'siret.siren_mismatch': {
    fr: 'Le SIRET ne commence pas par le SIREN.',
    en: 'The SIRET does not start with the SIREN.',
  },
  'vat.format': { fr: 'Numéro de TVA intracommunautaire mal formé.', en: 'Malformed EU VAT number.' },
  'vat.key': { fr: 'La clé du numéro de TVA ne correspond pas.', en: 'The VAT number key does not match.' },
  'vat.siren_mismatch': {
    fr: 'Le numéro de TVA ne correspond pas au SIREN.',
    en: 'The VAT number does not match the SIREN.',
  },
  'client.individual_no_company_ids': {
    fr: 'Un particulier n’a ni SIREN ni numéro de TVA.',
    en: 'A private person has no SIREN nor VAT number.',
  },
  'password.too_short': { fr: 'Au moins 10 caractères.', en: 'At least 10 characters.' },
  'fee.reason_required': {
    fr: 'Indiquez la raison du taux particulier.',
    en: 'Give the reason for the particular rate.',
  },
};

export const messageFor = (code: string, lang: Language, fallback?: string): string =>
  codeMessages[code]?.[lang] ?? fallback ?? codeMessages['validation.failed']![lang];

const locales = { fr: z.locales.fr(), en: z.locales.en() };

/** A field issue as people read it: our codes first, then the common cases, then zod's own locale. */
export function describeIssue(
  issue: z.core.$ZodIssue | Record<string, any>,
  lang: Language,
): { code: string; message: string } {
  const i = issue as Record<string, any>;
  const custom = i.params?.code as string | undefined;
  if (custom) return { code: custom, message: messageFor(custom, lang, i.message) };
  if (i.code === 'invalid_type' && (i.input === undefined || /received undefined/.test(i.message ?? '')))
    return { code: 'required', message: messageFor('required', lang) };
  if (i.code === 'too_small' && i.origin === 'string' && Number(i.minimum) === 1)
    return { code: 'required', message: messageFor('required', lang) };
  if (i.code === 'invalid_format' && i.format === 'email')
    return { code: 'email.invalid', message: messageFor('email.invalid', lang) };
  const localized = locales[lang].localeError(i as z.core.$ZodRawIssue);
  const text = typeof localized === 'string' ? localized : (localized?.message ?? i.message ?? '');
  return {
    code: String(i.code ?? 'invalid'),
    message: text.replace(/, (indéfini|undefined) reçu$|, received undefined$/, ''),
  };
}

/** A zod custom issue carrying one of our codes. */
export const issue = (code: string, path: (string | number)[] = []) => ({
  code: 'custom' as const,
  message: codeMessages[code]?.en ?? code,
  params: { code },
  path,
});
