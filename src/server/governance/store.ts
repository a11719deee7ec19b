// Governance queries: the register, colleges, assemblies, proxies, participations and ballots.
// Ballots are only ever read by resolution (for the tally) or by voter key (for the voter themselves):
// no query here joins a ballot to a member.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

const memberName = sql<string>`m.first_name || ' ' || m.last_name`;

// ——— Entities and settings ———

export const listEntities = (db: Q) =>
  db
    .selectFrom('legalEntities as e')
    .leftJoin('governanceSettings as s', 's.entityId', 'e.id')
    .select([
      'e.id as entityId',
      'e.code as entityCode',
      'e.name as entityName',
      'e.kind as entityKind',
      's.shareNominalCents',
      's.proxyCap',
      's.weightedColleges',
    ])
    .orderBy('e.code')
    .execute();
export type EntityRow = Awaited<ReturnType<typeof listEntities>>[number];

export const findEntity = async (db: Q, entityId: string) =>
  (await listEntities(db)).find((e) => e.entityId === entityId);

export const entityTotals = (db: Q, entityId: string) =>
  db
    .selectFrom('governanceShareLines')
    .where('entityId', '=', entityId)
    .select(['entitySharesAfter', 'entityPaidAfterCents'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();

export const lockSettings = (trx: Transaction<Database>, entityId: string) =>
  trx
    .selectFrom('governanceSettings')
    .selectAll()
    .where('entityId', '=', entityId)
    .forUpdate()
    .executeTakeFirst();

export const upsertSettings = (
  trx: Transaction<Database>,
  row: {
    entityId: string;
    shareNominalCents: number;
    proxyCap: number;
    weightedColleges: boolean;
    updatedAt: string;
  },
) =>
  trx
    .insertInto('governanceSettings')
    .values(row)
    .onConflict((oc) =>
      oc.column('entityId').doUpdateSet({
        shareNominalCents: row.shareNominalCents,
        proxyCap: row.proxyCap,
        weightedColleges: row.weightedColleges,
        updatedAt: row.updatedAt,
      }),
    )
    .execute();

export const colleges = (db: Q, entityId: string) =>
  db
    .selectFrom('governanceColleges as c')
    .where('c.entityId', '=', entityId)
    .where('c.active', '=', true)
    .select((eb) => [
      'c.id',
      'c.name',
      'c.weightBp',
      eb
        .selectFrom('governanceCollegeMembers as cm')
        .whereRef('cm.collegeId', '=', 'c.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('members'),
    ])
    .orderBy('c.position')
    .execute();

export const insertCollege = (
  trx: Transaction<Database>,
  row: { entityId: string; name: string; weightBp: number; position: number },
) => trx.insertInto('governanceColleges').values(row).returning('id').executeTakeFirstOrThrow();

export const updateCollege = (
  trx: Transaction<Database>,
  id: string,
  row: { name: string; weightBp: number; position: number; active: boolean },
) => trx.updateTable('governanceColleges').set(row).where('id', '=', id).execute();

export const renameInactiveColleges = (
  trx: Transaction<Database>,
  entityId: string,
  keep: readonly string[],
) =>
  trx
    .updateTable('governanceColleges')
    .set({ active: false, name: sql`name || ' (' || left(id::text, 8) || ')'` })
    .where('entityId', '=', entityId)
    .where('active', '=', true)
    .$if(keep.length > 0, (q) => q.where('id', 'not in', keep))
    .execute();

export const collegeMembersCount = async (db: Q, collegeId: string) =>
  Number(
    (
      await db
        .selectFrom('governanceCollegeMembers')
        .where('collegeId', '=', collegeId)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

export const findCollege = (db: Q, entityId: string, id: string) =>
  db
    .selectFrom('governanceColleges')
    .selectAll()
    .where('entityId', '=', entityId)
    .where('id', '=', id)
    .where('active', '=', true)
    .executeTakeFirst();

export const collegeOf = (db: Q, entityId: string, memberId: string) =>
  db
    .selectFrom('governanceCollegeMembers as cm')
    .innerJoin('governanceColleges as c', 'c.id', 'cm.collegeId')
    .where('cm.entityId', '=', entityId)
    .where('cm.memberId', '=', memberId)
    .select(['c.id', 'c.name'])
    .executeTakeFirst();

export const setCollege = (
  trx: Transaction<Database>,
  entityId: string,
  memberId: string,
  collegeId: string,
) =>
  trx
    .insertInto('governanceCollegeMembers')
    .values({ entityId, memberId, collegeId })
    .onConflict((oc) => oc.columns(['entityId', 'memberId']).doUpdateSet({ collegeId }))
    .execute();

// ——— Members ———

export const findMember = (db: Q, id: string) =>
  db
    .selectFrom('members as m')
    .where('m.id', '=', id)
    .select(['m.id', 'm.number', 'm.status', 'm.email', 'm.firstName', 'm.lastName', memberName.as('name')])
    .executeTakeFirst();

// ——— The register ———

export const lastLine = (trx: Q, entityId: string) =>
  trx
    .selectFrom('governanceShareLines')
    .where('entityId', '=', entityId)
    .select(['seq', 'entitySharesAfter', 'entityPaidAfterCents'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();

export const holdingOf = (db: Q, entityId: string, memberId: string) =>
  db
    .selectFrom('governanceShareLines')
    .where('entityId', '=', entityId)
    .where('memberId', '=', memberId)
    .select(['sharesAfter as shares', 'paidAfterCents as paidCents'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();

export const insertLine = (
  trx: Transaction<Database>,
  row: Omit<Database['governanceShareLines'], 'id' | 'createdAt' | 'note'> & { id: string; note: string },
) => trx.insertInto('governanceShareLines').values(row).returning('id').executeTakeFirstOrThrow();

export const registerLines = (db: Q, f: { entityId?: string; memberId?: string; ids?: readonly string[] }) =>
  db
    .selectFrom('governanceShareLines as l')
    .innerJoin('members as m', 'm.id', 'l.memberId')
    .leftJoin('members as c', 'c.id', 'l.counterpartMemberId')
    .leftJoin('journalEntries as je', 'je.id', 'l.entryId')
    .$if(f.entityId !== undefined, (q) => q.where('l.entityId', '=', f.entityId as string))
    .$if(f.memberId !== undefined, (q) => q.where('l.memberId', '=', f.memberId as string))
    .$if(f.ids !== undefined, (q) => q.where('l.id', 'in', f.ids as string[]))
    .select([
      'l.id',
      'l.seq',
      'l.entityId',
      'l.memberId',
      'm.number as memberNumber',
      memberName.as('memberName'),
      'l.kind',
      'l.sharesDelta',
      'l.paidDeltaCents',
      'l.sharesAfter',
      'l.paidAfterCents',
      'l.entitySharesAfter',
      'l.entityPaidAfterCents',
      sql<string | null>`c.first_name || ' ' || c.last_name`.as('counterpartName'),
      'je.pieceRef as entryReference',
      'l.occurredOn',
      'l.note',
    ])
    .orderBy('l.entityId')
    .orderBy('l.seq')
    .execute();
export type LineRow = Awaited<ReturnType<typeof registerLines>>[number];

/** Each member's latest line in the entity (their current holding), with their college. */
export const holders = (db: Q, entityId: string) =>
  db
    .selectFrom(
      db
        .selectFrom('governanceShareLines')
        .where('entityId', '=', entityId)
        .distinctOn('memberId')
        .select(['memberId', 'sharesAfter', 'paidAfterCents'])
        .orderBy('memberId')
        .orderBy('seq', 'desc')
        .as('h'),
    )
    .innerJoin('members as m', 'm.id', 'h.memberId')
    .leftJoin('governanceCollegeMembers as cm', (j) =>
      j.onRef('cm.memberId', '=', 'h.memberId').on('cm.entityId', '=', entityId),
    )
    .leftJoin('governanceColleges as c', 'c.id', 'cm.collegeId')
    .select([
      'h.memberId',
      'm.number as memberNumber',
      memberName.as('memberName'),
      'm.status',
      'h.sharesAfter as shares',
      'h.paidAfterCents as paidCents',
      'c.id as collegeId',
      'c.name as collegeName',
    ])
    .orderBy('m.lastName')
    .orderBy('m.firstName')
    .execute();
export type HolderRow = Awaited<ReturnType<typeof holders>>[number];

/** A member's current holdings in every entity. */
export const holdingsOfMember = (db: Q, memberId: string) =>
  db
    .selectFrom('governanceShareLines')
    .where('memberId', '=', memberId)
    .distinctOn('entityId')
    .select(['entityId', 'sharesAfter as shares', 'paidAfterCents as paidCents'])
    .orderBy('entityId')
    .orderBy('seq', 'desc')
    .execute();

// ——— Assemblies ———

export const insertAssembly = (
  trx: Transaction<Database>,
  row: {
    entityId: string;
    kind: 'ordinary' | 'extraordinary';
    title: string;
    place: string;
    agenda: string;
    heldAt: string;
    opensAt: string;
    closesAt: string;
    quorumBp: number;
    proxyCap: number;
    weightedColleges: boolean;
    createdBy: string;
  },
) => trx.insertInto('governanceAssemblies').values(row).returning('id').executeTakeFirstOrThrow();

export const insertResolutions = (
  trx: Transaction<Database>,
  rows: {
    assemblyId: string;
    position: number;
    title: string;
    body: string;
    majority: 'simple' | 'two_thirds';
  }[],
) => trx.insertInto('governanceResolutions').values(rows).execute();

export const insertDocuments = async (
  trx: Transaction<Database>,
  rows: { assemblyId: string; position: number; title: string; url: string }[],
) => {
  if (rows.length > 0) await trx.insertInto('governanceDocuments').values(rows).execute();
};

const assemblyColumns = [
  'a.id',
  'a.entityId',
  'e.name as entityName',
  'a.kind',
  'a.title',
  'a.place',
  'a.agenda',
  'a.heldAt',
  'a.opensAt',
  'a.closesAt',
  'a.closedEarlyAt',
  'a.quorumBp',
  'a.proxyCap',
  'a.weightedColleges',
  'a.colleges',
  'a.status',
  'a.convenedAt',
] as const;

export const findAssembly = (db: Q, id: string) =>
  db
    .selectFrom('governanceAssemblies as a')
    .innerJoin('legalEntities as e', 'e.id', 'a.entityId')
    .where('a.id', '=', id)
    .select(assemblyColumns)
    .select((eb) => [
      eb
        .selectFrom('governanceElectors as el')
        .whereRef('el.assemblyId', '=', 'a.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('electors'),
      eb
        .selectFrom('governanceParticipations as p')
        .whereRef('p.assemblyId', '=', 'a.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('participants'),
    ])
    .executeTakeFirst();
export type AssemblyRow = NonNullable<Awaited<ReturnType<typeof findAssembly>>>;

export const listAssemblyIds = (db: Q, f: { electorMemberId?: string }) =>
  db
    .selectFrom('governanceAssemblies as a')
    .$if(f.electorMemberId !== undefined, (q) =>
      q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('governanceElectors as el')
            .whereRef('el.assemblyId', '=', 'a.id')
            .where('el.memberId', '=', f.electorMemberId as string),
        ),
      ),
    )
    .select('a.id')
    .orderBy('a.heldAt', 'desc')
    .limit(200)
    .execute();

export const lockAssembly = (trx: Transaction<Database>, id: string) =>
  trx.selectFrom('governanceAssemblies').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const convene = (
  trx: Transaction<Database>,
  id: string,
  at: string,
  colleges: { id: string; name: string; weightBp: number }[],
) =>
  trx
    .updateTable('governanceAssemblies')
    .set({ status: 'convened', convenedAt: at, colleges: JSON.stringify(colleges) })
    .where('id', '=', id)
    .execute();

export const closeEarly = (trx: Transaction<Database>, id: string, at: string) =>
  trx.updateTable('governanceAssemblies').set({ closedEarlyAt: at }).where('id', '=', id).execute();

export const resolutions = (db: Q, assemblyId: string) =>
  db
    .selectFrom('governanceResolutions')
    .where('assemblyId', '=', assemblyId)
    .select(['id', 'position', 'title', 'body', 'majority'])
    .orderBy('position')
    .execute();

export const documents = (db: Q, assemblyId: string) =>
  db
    .selectFrom('governanceDocuments')
    .where('assemblyId', '=', assemblyId)
    .select(['id', 'title', 'url'])
    .orderBy('position')
    .execute();

export const insertElectors = (
  trx: Transaction<Database>,
  rows: { assemblyId: string; memberId: string; collegeId: string | null }[],
) => trx.insertInto('governanceElectors').values(rows).execute();

export const elector = (db: Q, assemblyId: string, memberId: string) =>
  db
    .selectFrom('governanceElectors as el')
    .innerJoin('members as m', 'm.id', 'el.memberId')
    .leftJoin('governanceColleges as c', 'c.id', 'el.collegeId')
    .where('el.assemblyId', '=', assemblyId)
    .where('el.memberId', '=', memberId)
    .select(['el.memberId', 'el.collegeId', 'c.name as collegeName', memberName.as('name'), 'm.email'])
    .executeTakeFirst();

export const electors = (db: Q, assemblyId: string) =>
  db
    .selectFrom('governanceElectors as el')
    .innerJoin('members as m', 'm.id', 'el.memberId')
    .where('el.assemblyId', '=', assemblyId)
    .select(['el.memberId', memberName.as('name'), 'm.email', 'el.collegeId'])
    .orderBy('m.lastName')
    .orderBy('m.firstName')
    .execute();

// ——— Proxies ———

export const liveProxyOf = (db: Q, assemblyId: string, grantorId: string) =>
  db
    .selectFrom('governanceProxies as p')
    .innerJoin('members as m', 'm.id', 'p.holderMemberId')
    .where('p.assemblyId', '=', assemblyId)
    .where('p.grantorMemberId', '=', grantorId)
    .where('p.revokedAt', 'is', null)
    .select(['p.id', 'p.holderMemberId', memberName.as('holderName')])
    .executeTakeFirst();

export const proxiesHeldBy = (db: Q, assemblyId: string, holderId: string) =>
  db
    .selectFrom('governanceProxies as p')
    .innerJoin('members as m', 'm.id', 'p.grantorMemberId')
    .where('p.assemblyId', '=', assemblyId)
    .where('p.holderMemberId', '=', holderId)
    .where('p.revokedAt', 'is', null)
    .select(['p.id', 'p.grantorMemberId', memberName.as('grantorName')])
    .orderBy('m.lastName')
    .execute();

export const insertProxy = (
  trx: Transaction<Database>,
  row: { assemblyId: string; grantorMemberId: string; holderMemberId: string; createdAt: string },
) => trx.insertInto('governanceProxies').values(row).returning('id').executeTakeFirstOrThrow();

export const revokeProxy = (
  trx: Transaction<Database>,
  assemblyId: string,
  grantorId: string,
  at: string,
  reason: 'withdrawn' | 'voted_in_person',
) =>
  trx
    .updateTable('governanceProxies')
    .set({ revokedAt: at, revokedReason: reason })
    .where('assemblyId', '=', assemblyId)
    .where('grantorMemberId', '=', grantorId)
    .where('revokedAt', 'is', null)
    .execute();

/** Serialises proxies given to one holder, so that the cap holds under concurrent grants. */
export const lockElector = (trx: Transaction<Database>, assemblyId: string, memberId: string) =>
  trx
    .selectFrom('governanceElectors')
    .select('memberId')
    .where('assemblyId', '=', assemblyId)
    .where('memberId', '=', memberId)
    .forUpdate()
    .executeTakeFirst();

// ——— Participations and ballots ———

export const participation = (db: Q, assemblyId: string, memberId: string) =>
  db
    .selectFrom('governanceParticipations')
    .where('assemblyId', '=', assemblyId)
    .where('memberId', '=', memberId)
    .select(['votedByMemberId', 'firstVotedAt', 'lastVotedAt'])
    .executeTakeFirst();

export const participants = (db: Q, assemblyId: string) =>
  db
    .selectFrom('governanceParticipations as p')
    .innerJoin('members as m', 'm.id', 'p.memberId')
    .leftJoin('members as h', 'h.id', 'p.votedByMemberId')
    .where('p.assemblyId', '=', assemblyId)
    .select([
      memberName.as('name'),
      sql<
        string | null
      >`case when p.voted_by_member_id <> p.member_id then h.first_name || ' ' || h.last_name end`.as(
        'representedBy',
      ),
    ])
    .orderBy('m.lastName')
    .orderBy('m.firstName')
    .execute();

export const recordParticipation = (
  trx: Transaction<Database>,
  row: { assemblyId: string; memberId: string; votedByMemberId: string; at: string },
) =>
  trx
    .insertInto('governanceParticipations')
    .values({
      assemblyId: row.assemblyId,
      memberId: row.memberId,
      votedByMemberId: row.votedByMemberId,
      firstVotedAt: row.at,
      lastVotedAt: row.at,
    })
    .onConflict((oc) =>
      oc
        .columns(['assemblyId', 'memberId'])
        .doUpdateSet({ lastVotedAt: row.at, votedByMemberId: row.votedByMemberId }),
    )
    .execute();

/** One ballot per resolution and voter: a second vote replaces the first in place (the unique key decides). */
export const upsertBallot = (
  trx: Transaction<Database>,
  row: {
    assemblyId: string;
    resolutionId: string;
    voterKey: string;
    collegeId: string | null;
    choice: 'for' | 'against' | 'abstain';
    receipt: string;
  },
) =>
  trx
    .insertInto('governanceBallots')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['resolutionId', 'voterKey'])
        .doUpdateSet({ choice: row.choice, receipt: row.receipt, collegeId: row.collegeId }),
    )
    .returning(['resolutionId', 'choice', 'receipt'])
    .executeTakeFirstOrThrow();

export const ballotsOfVoter = (db: Q, assemblyId: string, voterKey: string) =>
  db
    .selectFrom('governanceBallots')
    .where('assemblyId', '=', assemblyId)
    .where('voterKey', '=', voterKey)
    .select(['resolutionId', 'choice', 'receipt'])
    .execute();

export const ballotsForTally = (db: Q, assemblyId: string) =>
  db
    .selectFrom('governanceBallots as b')
    .leftJoin('governanceColleges as c', 'c.id', 'b.collegeId')
    .where('b.assemblyId', '=', assemblyId)
    .select(['b.resolutionId', 'b.collegeId', 'c.name as college', 'b.choice', 'b.receipt'])
    .orderBy('b.receipt')
    .execute();

export const entityIdentity = (db: Q, entityId: string) =>
  db
    .selectFrom('legalEntities')
    .where('id', '=', entityId)
    .select(['name', 'legalForm', 'siren', 'rcsCity', 'addressLine', 'postalCode', 'city'])
    .executeTakeFirstOrThrow();
