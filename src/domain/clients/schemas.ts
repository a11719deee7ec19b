// Clients of the cooperative: companies and public bodies (public-sector flag), associations and private persons,
// shared by all members; identifiers checked with their keys.
import { z } from 'zod';
import { issue } from '../messages.ts';
import { patchOf } from '../patch.ts';
import { isValidSiren, isValidSiret, validateVatNumber } from './company-ids.ts';

export const clientKinds = ['company', 'association', 'individual'] as const;

const digits = (n: number) =>
  z
    .string()
    .transform((s) => s.replace(/[\s.]/g, ''))
    .pipe(z.string().regex(new RegExp(`^\\d{${n}}$`)));

const contactInput = z.object({
  name: z.string().trim().min(1).max(120),
  email: z.email().max(254).nullable().optional(),
  phone: z.string().trim().max(30).nullable().optional(),
  role: z.string().trim().max(80).default(''),
});

export { contactInput };
export const contactPatch = patchOf(contactInput);
export type ContactInput = z.infer<typeof contactInput>;

const clientFields = z.object({
  kind: z.enum(clientKinds),
  name: z.string().trim().min(1).max(160),
  siren: digits(9).nullable().optional(),
  siret: digits(14).nullable().optional(),
  vatNumber: z
    .string()
    .transform((s) => s.replace(/[\s.-]/g, '').toUpperCase())
    .nullable()
    .optional(),
  publicSector: z.boolean().default(false),
  email: z.email().max(254).nullable().optional(),
  phone: z.string().trim().max(30).nullable().optional(),
  addressLine: z.string().trim().min(1).max(200),
  postalCode: z.string().trim().min(1).max(12),
  city: z.string().trim().min(1).max(80),
  country: z.string().length(2).toUpperCase().default('FR'),
  notes: z.string().trim().max(2000).default(''),
});

type Ids = {
  kind?: string;
  siren?: string | null;
  siret?: string | null;
  vatNumber?: string | null;
  country?: string;
};

/** Checks the company identifiers together; individuals have none. */
export function checkCompanyIds(c: Ids): ReturnType<typeof issue>[] {
  const issues: ReturnType<typeof issue>[] = [];
  if (c.kind === 'individual') {
    if (c.siren || c.siret || c.vatNumber) issues.push(issue('client.individual_no_company_ids', ['kind']));
    return issues;
  }
  if (c.siren && !isValidSiren(c.siren)) issues.push(issue('siren.invalid', ['siren']));
  if (c.siret) {
    if (!isValidSiret(c.siret)) issues.push(issue('siret.invalid', ['siret']));
    else if (c.siren && !c.siret.startsWith(c.siren)) issues.push(issue('siret.siren_mismatch', ['siret']));
  }
  if (c.vatNumber) {
    const siren = c.siren ?? c.siret?.slice(0, 9);
    const r = validateVatNumber(c.vatNumber, siren ? { siren } : {});
    if (!r.ok) issues.push(issue(r.code, ['vatNumber']));
  }
  return issues;
}

export const clientInput = clientFields
  .extend({
    contacts: z.array(contactInput).max(20).default([]),
    /** Links the new client to one of the actor's activities. */
    activityId: z.uuid().optional(),
  })
  .superRefine((c, ctx) => {
    for (const i of checkCompanyIds(c)) ctx.addIssue(i);
  });
export type ClientInput = z.infer<typeof clientInput>;

export const clientPatch = patchOf(clientFields).superRefine((c, ctx) => {
  for (const i of checkCompanyIds(c)) ctx.addIssue(i);
});
export type ClientPatch = z.infer<typeof clientPatch>;

export const contactView = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  role: z.string(),
});

export const clientView = z.object({
  id: z.string(),
  kind: z.enum(clientKinds),
  name: z.string(),
  siren: z.string().nullable(),
  siret: z.string().nullable(),
  vatNumber: z.string().nullable(),
  publicSector: z.boolean(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  addressLine: z.string(),
  postalCode: z.string(),
  city: z.string(),
  country: z.string(),
  notes: z.string(),
  contacts: z.array(contactView),
  /** The activities linked to this client that the reader may see. */
  activities: z.array(z.object({ id: z.string(), name: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ClientView = z.infer<typeof clientView>;

export const clientSummary = clientView.pick({
  id: true,
  kind: true,
  name: true,
  siren: true,
  vatNumber: true,
  publicSector: true,
  city: true,
  postalCode: true,
  country: true,
});
