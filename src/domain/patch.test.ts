import { describe, expect, it } from 'vitest';
import { clientPatch, contactPatch } from './clients/schemas.ts';
import { memberPatch } from './members/schemas.ts';
import { entityPatch, officePatch } from './organisation/schemas.ts';

describe('PATCH schemas', () => {
  it('leave absent fields absent instead of resetting them to their defaults', () => {
    expect(memberPatch.parse({ phone: '06 01 02 03 04' })).toEqual({ phone: '06 01 02 03 04' });
    expect(clientPatch.parse({ city: 'Roubaix' })).toEqual({ city: 'Roubaix' });
    expect(entityPatch.parse({ city: 'Lille' })).toEqual({ city: 'Lille' });
    expect(officePatch.parse({ city: 'Lille' })).toEqual({ city: 'Lille' });
    expect(contactPatch.parse({ email: 'a@example.org' })).toEqual({ email: 'a@example.org' });
  });

  it('still validate the fields that are given', () => {
    expect(memberPatch.safeParse({ trades: [''] }).success).toBe(false);
    expect(clientPatch.safeParse({ siren: '123456789' }).success).toBe(false);
  });
});
