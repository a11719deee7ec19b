// A member's file: civil identity, contact, payroll identity (NIR), bank account, trades, office, status.
import { z } from 'zod';
import { isIsoDate } from '../dates.ts';
import { issue } from '../messages.ts';
import { patchOf } from '../patch.ts';
import { validateBic, validateIban } from './bank.ts';
import { validateNir } from './nir.ts';

export const memberStatuses = ['prospect', 'member', 'shareholder', 'exited'] as const;
export type MemberStatus = (typeof memberStatuses)[number];

const isoDate = z.string().refine(isIsoDate, { params: { code: 'date.invalid' }, message: 'Invalid date' });
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

const memberFields = z.object({
  firstName: z.string().trim().min(1).max(80),
  lastName: z.string().trim().min(1).max(80),
  email: z
    .email()
    .max(254)
    .transform((e) => e.toLowerCase()),
  phone: optionalText(30),
  addressLine: optionalText(200),
  postalCode: optionalText(12),
  city: optionalText(80),
  country: z.string().length(2).toUpperCase().default('FR'),
  birthDate: isoDate.nullable().optional(),
  sex: z.enum(['F', 'M']).nullable().optional(),
  nir: optionalText(25),
  iban: optionalText(42),
  bic: optionalText(11),
  trades: z.array(z.string().trim().min(1).max(60)).max(12).default([]),
  officeId: z.uuid().nullable().optional(),
});

export type MemberIdentity = {
  birthDate?: string | null;
  sex?: 'F' | 'M' | null;
  nir?: string | null;
  iban?: string | null;
  bic?: string | null;
};

/** Cross-checks NIR with sex and birth date, IBAN and BIC; returns normalised values or issues. */
export function checkIdentity(m: MemberIdentity) {
  const issues: ReturnType<typeof issue>[] = [];
  const out: { nir?: string | null; iban?: string | null; bic?: string | null } = {};
  if (m.nir) {
    const r = validateNir(m.nir, {
      ...(m.sex ? { sex: m.sex } : {}),
      ...(m.birthDate ? { birthDate: m.birthDate } : {}),
    });
    if (r.ok) out.nir = r.nir;
    else issues.push(issue(r.code, ['nir']));
  } else if (m.nir !== undefined) out.nir = null;
  if (m.iban) {
    const r = validateIban(m.iban);
    if (r.ok) out.iban = r.iban;
    else issues.push(issue(r.code, ['iban']));
  } else if (m.iban !== undefined) out.iban = null;
  if (m.bic) {
    const r = validateBic(m.bic);
    if (r.ok) out.bic = r.bic;
    else issues.push(issue(r.code, ['bic']));
  } else if (m.bic !== undefined) out.bic = null;
  return { issues, values: out };
}

const refineIdentity = (m: MemberIdentity, ctx: z.RefinementCtx) => {
  for (const i of checkIdentity(m).issues) ctx.addIssue(i);
};

export const memberInput = memberFields
  .extend({
    status: z.enum(['prospect', 'member']).default('prospect'),
    /** Opens a sign-in account and e-mails an invitation. */
    invite: z.boolean().default(false),
  })
  .superRefine(refineIdentity);
export type MemberInput = z.infer<typeof memberInput>;

export const memberPatch = patchOf(memberFields).superRefine(refineIdentity);
export type MemberPatch = z.infer<typeof memberPatch>;

export const statusChange = z.object({
  status: z.enum(memberStatuses),
  reason: z.string().trim().max(500).optional(),
});

const allowed: Record<MemberStatus, readonly MemberStatus[]> = {
  prospect: ['member', 'exited'],
  member: ['shareholder', 'exited'],
  // A shareholder whose shares are all refunded is a member again.
  shareholder: ['member', 'exited'],
  exited: ['member'],
};
export const canChangeStatus = (from: MemberStatus, to: MemberStatus): boolean => allowed[from].includes(to);

export const memberView = z.object({
  id: z.string(),
  number: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  addressLine: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string(),
  birthDate: z.string().nullable(),
  sex: z.enum(['F', 'M']).nullable(),
  /** In clear for the member and authorised staff, masked for others. */
  nir: z.string().nullable(),
  iban: z.string().nullable(),
  bic: z.string().nullable(),
  sensitiveVisible: z.boolean(),
  trades: z.array(z.string()),
  officeId: z.string().nullable(),
  officeName: z.string().nullable(),
  status: z.enum(memberStatuses),
  joinedOn: z.string().nullable(),
  exitedOn: z.string().nullable(),
  hasAccount: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MemberView = z.infer<typeof memberView>;

export const memberSummary = memberView.pick({
  id: true,
  number: true,
  firstName: true,
  lastName: true,
  email: true,
  city: true,
  trades: true,
  officeId: true,
  officeName: true,
  status: true,
  joinedOn: true,
});
