import type { Kysely, Transaction } from 'kysely';
import type { EntityInput, OfficeInput } from '../../domain/organisation/schemas.ts';
import type { Database } from '../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

const entityColumns = [
  'id',
  'code',
  'name',
  'legalForm',
  'kind',
  'siren',
  'vatNumber',
  'rcsCity',
  'shareCapitalCents',
  'addressLine',
  'postalCode',
  'city',
  'country',
  'feeRateBp',
] as const;
const officeColumns = ['id', 'code', 'name', 'addressLine', 'postalCode', 'city', 'email', 'phone'] as const;

export const listEntities = (db: Q) =>
  db.selectFrom('legalEntities').select(entityColumns).orderBy('name').execute();
export const findEntity = (db: Q, id: string) =>
  db.selectFrom('legalEntities').select(entityColumns).where('id', '=', id).executeTakeFirst();
export const insertEntity = (trx: Transaction<Database>, e: EntityInput) =>
  trx.insertInto('legalEntities').values(e).returning(entityColumns).executeTakeFirstOrThrow();
export const updateEntity = (trx: Transaction<Database>, id: string, e: Partial<EntityInput>, at: string) =>
  trx
    .updateTable('legalEntities')
    .set({ ...e, updatedAt: at })
    .where('id', '=', id)
    .returning(entityColumns)
    .executeTakeFirstOrThrow();

export const listOffices = (db: Q) =>
  db.selectFrom('offices').select(officeColumns).orderBy('name').execute();
export const findOffice = (db: Q, id: string) =>
  db.selectFrom('offices').select(officeColumns).where('id', '=', id).executeTakeFirst();
export const insertOffice = (trx: Transaction<Database>, o: OfficeInput) =>
  trx.insertInto('offices').values(o).returning(officeColumns).executeTakeFirstOrThrow();
export const updateOffice = (trx: Transaction<Database>, id: string, o: Partial<OfficeInput>, at: string) =>
  trx
    .updateTable('offices')
    .set({ ...o, updatedAt: at })
    .where('id', '=', id)
    .returning(officeColumns)
    .executeTakeFirstOrThrow();
