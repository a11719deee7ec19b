// The group's legal entities and the local offices.
import { z } from 'zod';
import { isValidSiren } from '../clients/company-ids.ts';
import { issue } from '../messages.ts';
import { patchOf } from '../patch.ts';

const entityFields = z.object({
  code: z.string().regex(/^[A-Z0-9-]{2,16}$/),
  name: z.string().trim().min(1).max(160),
  legalForm: z.string().trim().min(1).max(120),
  kind: z.enum(['scic', 'cae', 'portage', 'other']),
  siren: z.string().regex(/^\d{9}$/),
  vatNumber: z.string().trim().min(4).max(20),
  rcsCity: z.string().trim().min(1).max(80),
  shareCapitalCents: z.number().int().min(0),
  addressLine: z.string().trim().min(1).max(200),
  postalCode: z.string().trim().min(1).max(12),
  city: z.string().trim().min(1).max(80),
  country: z.string().length(2).toUpperCase().default('FR'),
  feeRateBp: z.number().int().min(0).max(10_000),
});
const checkSiren = (e: { siren?: string }, ctx: z.RefinementCtx) => {
  if (e.siren && !isValidSiren(e.siren)) ctx.addIssue(issue('siren.invalid', ['siren']));
};
export const entityInput = entityFields.superRefine(checkSiren);
export type EntityInput = z.infer<typeof entityInput>;
export const entityPatch = patchOf(entityFields).superRefine(checkSiren);

export const entityView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  legalForm: z.string(),
  kind: z.enum(['scic', 'cae', 'portage', 'other']),
  siren: z.string(),
  vatNumber: z.string(),
  rcsCity: z.string(),
  shareCapitalCents: z.number().int(),
  addressLine: z.string(),
  postalCode: z.string(),
  city: z.string(),
  country: z.string(),
  feeRateBp: z.number().int(),
});

export const officeInput = z.object({
  code: z.string().regex(/^[a-z0-9-]{2,32}$/),
  name: z.string().trim().min(1).max(120),
  addressLine: z.string().trim().max(200).default(''),
  postalCode: z.string().trim().max(12).default(''),
  city: z.string().trim().min(1).max(80),
  email: z.email().nullable().default(null),
  phone: z.string().trim().max(30).nullable().default(null),
});
export type OfficeInput = z.infer<typeof officeInput>;
export const officePatch = patchOf(officeInput);

export const officeView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  addressLine: z.string(),
  postalCode: z.string(),
  city: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
});
