import { z } from 'zod';
import { roles } from '../access.ts';

export const roleSchema = z.enum(roles);

export const userInput = z.object({
  name: z.string().trim().min(1).max(120),
  email: z
    .email()
    .max(254)
    .transform((e) => e.toLowerCase()),
  roles: z.array(roleSchema).max(5).default([]),
  officeIds: z.array(z.uuid()).max(50).default([]),
  /** When given, the account is opened with it; otherwise an invitation e-mail lets the person choose one. */
  password: z.string().min(10).max(128).optional(),
  /** The member file this account signs in to (a member without an account yet). */
  memberId: z.uuid().optional(),
});
export type UserInput = z.infer<typeof userInput>;

export const userPatch = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  roles: z.array(roleSchema).max(5).optional(),
  officeIds: z.array(z.uuid()).max(50).optional(),
});
export type UserPatch = z.infer<typeof userPatch>;

export const userView = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  roles: z.array(roleSchema),
  officeIds: z.array(z.string()),
  memberId: z.string().nullable(),
});
export type UserView = z.infer<typeof userView>;
