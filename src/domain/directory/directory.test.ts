import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canAppear, isPublic, publishRefusal } from './consent.ts';
import { profileInput, requestInput } from './schemas.ts';
import {
  expandInclusive,
  feminineOf,
  fold,
  keyOf,
  maxTerms,
  searchTerms,
  searchText,
  tsQueryText,
} from './search.ts';

describe('folding', () => {
  it('removes accents, ligatures and case, and keeps letters and digits only', () => {
    expect(fold('Électricien')).toBe('electricien');
    expect(fold('ÉLECTRICIENNE')).toBe('electricienne');
    expect(fold('Cœur de métier')).toBe('coeur de metier');
    expect(fold('Béthune — Clermont-Ferrand')).toBe('bethune clermont ferrand');
    expect(fold("l'Épeule, 59100")).toBe('l epeule 59100');
    expect(fold('  ')).toBe('');
  });

  it('is idempotent and yields only [a-z0-9 ]', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (s) => {
        const once = fold(s);
        expect(fold(once)).toBe(once);
        expect(once).toMatch(/^[a-z0-9 ]*$/);
        expect(once).not.toMatch(/^ | $| {2}/);
      }),
    );
  });

  it('makes accented and plain spellings the same key', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('é', 'è', 'ê', 'ë', 'É', 'e', 'E'),
        fc.constantFrom('à', 'â', 'a', 'A'),
        (e, a) => {
          expect(keyOf(`${e}l${a}n`)).toBe('elan');
        },
      ),
    );
  });
});

describe('inclusive forms', () => {
  it('spells both forms of the usual patterns', () => {
    expect(feminineOf('technicien', 'ne')).toBe('technicienne');
    expect(feminineOf('danseur', 'euse')).toBe('danseuse');
    expect(feminineOf('illustrateur', 'rice')).toBe('illustratrice');
    expect(feminineOf('costumier', 'ère')).toBe('costumière');
    expect(feminineOf('urbain', 'e')).toBe('urbaine');
    expect(expandInclusive('technicien·ne son')).toBe('technicien technicienne son');
    expect(expandInclusive('agriculteur·rice urbain·e')).toBe('agriculteur agricultrice urbain urbaine');
    expect(searchText('Monteur·euse vidéo', null, 'Lille')).toBe('monteur monteuse video lille');
  });
});

describe('search terms', () => {
  it('keeps the meaningful words once, folded, in order', () => {
    expect(searchTerms('Photographe à Lille')).toEqual(['photographe', 'lille']);
    expect(searchTerms('régie de son, régie du son')).toEqual(['regie', 'son']);
    expect(searchTerms('  ')).toEqual([]);
    expect(searchTerms('de la les')).toEqual([]);
  });

  it('keeps at most a few words', () => {
    expect(searchTerms('a1 b2 c3 d4 e5 f6 g7 h8 i9 j10').length).toBe(maxTerms);
  });

  it('writes a tsquery of prefixes from three letters, all or any, never with tsquery syntax from the input', () => {
    expect(tsQueryText(['photographe', 'lille'])).toBe('photographe:* & lille:*');
    expect(tsQueryText(['so', 'reseau'], 'any')).toBe('so | reseau:*');
    expect(tsQueryText([])).toBeNull();
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        const q = tsQueryText(searchTerms(s));
        if (q !== null) expect(q).toMatch(/^[a-z0-9]+(:\*)?( & [a-z0-9]+(:\*)?)*$/);
      }),
    );
  });
});

describe('consent', () => {
  const profile = { trade: 'Photographe', city: 'Lille' };

  it('refuses to publish without an explicit true consent, first of all', () => {
    for (const consent of [undefined, false, 'true', 1, 'oui', null])
      expect(publishRefusal(consent, 'member', profile)).toEqual({
        code: 'directory.consent_required',
        pointer: '/consent',
      });
    expect(publishRefusal(true, 'member', profile)).toBeNull();
    expect(publishRefusal(true, 'shareholder', profile)).toBeNull();
  });

  it('refuses people who are not members, and incomplete profiles', () => {
    expect(publishRefusal(true, 'prospect', profile)).toEqual({ code: 'directory.not_a_member' });
    expect(publishRefusal(true, 'exited', profile)).toEqual({ code: 'directory.not_a_member' });
    expect(publishRefusal(true, 'member', null)).toMatchObject({ pointer: '/trade' });
    expect(publishRefusal(true, 'member', { trade: ' ', city: 'Lille' })).toMatchObject({
      pointer: '/trade',
    });
    expect(publishRefusal(true, 'member', { trade: 'Photographe', city: '' })).toMatchObject({
      pointer: '/city',
    });
  });

  it('shows a profile only when published with a consent by a current member', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.option(fc.constant('2026-11-20T10:00:00.000Z')),
        fc.constantFrom('prospect', 'member', 'shareholder', 'exited' as const),
        (published, consentAt, status) => {
          const shown = isPublic({ published, consentAt }, status);
          expect(shown).toBe(published && consentAt !== null && canAppear(status));
        },
      ),
    );
  });
});

describe('schemas', () => {
  it('keeps each skill once whatever its case, and takes an empty portfolio as none', () => {
    const p = profileInput.parse({
      trade: 'Photographe',
      city: 'Lille',
      skills: ['Portrait', 'portrait', 'Reportage'],
      portfolioUrl: '',
    });
    expect(p.skills).toEqual(['Portrait', 'Reportage']);
    expect(p.portfolioUrl).toBeNull();
    expect(profileInput.safeParse({ trade: 'x', city: 'y', portfolioUrl: 'ftp://a.b' }).success).toBe(false);
  });

  it('caps the recipients of a request and refuses the same one twice', () => {
    const base = {
      name: 'Camille',
      email: 'camille@example.net',
      subject: 'Photos',
      message: 'Bonjour, pourriez-vous couvrir notre festival ?',
    };
    const id = '7d1f3b7e-0c5b-4b8e-9f5a-2f1d8c9b6a01';
    expect(requestInput.safeParse({ ...base, memberIds: [id] }).success).toBe(true);
    expect(requestInput.safeParse({ ...base, memberIds: [id, id] }).success).toBe(false);
    expect(requestInput.safeParse({ ...base, memberIds: [] }).success).toBe(false);
  });
});
