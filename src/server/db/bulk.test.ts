// Bulk inserts: the array literal must carry any text, null and number through PostgreSQL unchanged,
// and insertRows must write exactly the rows given (and nothing when a constraint refuses one).
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing.ts';
import { arrayLiteral, insertRows } from './bulk.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ seed: 'demo' });
});
afterAll(() => t.close());

const roundTrip = async (values: readonly unknown[], type = 'text') =>
  (
    await sql<{
      v: string | null;
    }>`select v::text from unnest(${arrayLiteral(values)}::${sql.raw(type)}[]) with ordinality as u(v, n) order by n`.execute(
      t.handle.db,
    )
  ).rows.map((r) => r.v);

describe('bulk inserts', () => {
  it('carry any text through an array literal: quotes, backslashes, commas, braces, NULL as a word', async () => {
    const tricky = [
      'a"b',
      'back\\slash',
      'x,y',
      '{z}',
      'NULL',
      '',
      ' lead',
      'trail ',
      'é€😀',
      'line\nbreak',
      null,
    ];
    expect(await roundTrip(tricky)).toEqual(tricky);
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.option(fc.string({ unit: 'grapheme', maxLength: 12 }).map((s) => s.replaceAll('\u0000', ''))),
          {
            maxLength: 20,
          },
        ),
        async (values) => {
          expect(await roundTrip(values)).toEqual(values);
        },
      ),
      { seed: 20_261_130, numRuns: 200 },
    );
    expect(await roundTrip(['-42', '9007199254740993'], 'bigint')).toEqual(['-42', '9007199254740993']);
    // Numbers go unquoted: cents of either sign, big ones, decimals.
    expect(await roundTrip([-42, 0, 9_007_199_254_740_991, 12n, null], 'bigint')).toEqual([
      '-42',
      '0',
      '9007199254740991',
      '12',
      null,
    ]);
    expect(await roundTrip([151.67, -0.5], 'numeric')).toEqual(['151.67', '-0.5']);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.option(fc.maxSafeInteger()), { maxLength: 20 }), async (ns) => {
        expect(await roundTrip(ns, 'bigint')).toEqual(ns.map((n) => (n === null ? null : String(n))));
      }),
      { seed: 20_261_130, numRuns: 100 },
    );
  });

  it('write the rows given, columns left out taking their default, or none when one is refused', async () => {
    const db = t.handle.db;
    const entity = await db.selectFrom('legalEntities').select('id').executeTakeFirstOrThrow();
    const columns = {
      entityId: 'uuid',
      kind: 'text',
      code: 'text',
      label: 'text',
      clientId: 'uuid',
    } as const;
    const row = (code: string, label: string) => ({
      entityId: entity.id,
      kind: 'supplier' as const,
      code,
      label,
      clientId: null,
    });
    const written = () =>
      db
        .selectFrom('ledgerAuxiliaryAccounts')
        .select(['code', 'label', 'clientId'])
        .where('code', 'like', 'BULK%')
        .orderBy('code')
        .execute();
    await insertRows(db, 'ledgerAuxiliaryAccounts', columns, [
      row('BULK1', 'Studio "B", Lille'),
      row('BULK2', '{\\}'),
    ]);
    expect(await written()).toEqual([
      { code: 'BULK1', label: 'Studio "B", Lille', clientId: null },
      { code: 'BULK2', label: '{\\}', clientId: null },
    ]);
    // The second row breaks the code's check: the statement writes neither.
    await expect(
      insertRows(db, 'ledgerAuxiliaryAccounts', columns, [row('BULK3', 'ok'), row('bulk 4', 'refused')]),
    ).rejects.toThrow(/check/);
    expect(await written()).toHaveLength(2);
    await insertRows(db, 'ledgerAuxiliaryAccounts', columns, []);
  });
});
