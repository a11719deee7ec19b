// The home page after sign-in: a member's open activities and clients; for staff, the members they
// follow by status.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, signInDemo, type TestApp } from '../testing.ts';

let t: TestApp;
let lea: Session;
let adviser: Session;
let payroll: Session;
let admin: Session;

beforeAll(async () => {
  t = await createTestApp({ seed: 'demo' });
  [lea, adviser, payroll, admin] = await signInDemo(t.app, 'lea', 'adviser', 'payroll', 'admin');
});

afterAll(async () => {
  await t?.close();
});

type Home = {
  activities: { id: string; status: string; members: { id: string }[] }[];
  clients: { id: string; name: string }[];
  clientTotal: number;
  followedMembers: { status: string; total: number }[] | null;
  officeIds: string[];
};
const homeOf = async (who: Session): Promise<Home> => {
  const res = await who.get('/api/v1/home');
  expect(res.statusCode).toBe(200);
  return res.json();
};

describe('home', () => {
  it("shows a member their open activities and their activities' clients, nothing of staff", async () => {
    const memberId = (await lea.get('/api/v1/me')).json().memberId;
    const home = await homeOf(lea);
    const open = (await lea.get('/api/v1/activities?status=open&limit=200')).json();
    expect(home.activities.map((a) => a.id).sort()).toEqual(
      open.items.map((a: { id: string }) => a.id).sort(),
    );
    for (const a of home.activities) {
      expect(a.status).toBe('open');
      expect(a.members.map((m) => m.id)).toContain(memberId);
    }
    const mine = (await lea.get('/api/v1/clients?mine=true&sort=name&limit=10')).json();
    expect(home.clients).toEqual(mine.items);
    expect(home.clientTotal).toBe(mine.total);
    expect(home.clientTotal).toBeGreaterThan(0);
    expect(home).toMatchObject({ followedMembers: null, officeIds: [] });
  });

  it('follows what the member does: a closed activity leaves, a linked client arrives', async () => {
    const entityId = (await lea.get('/api/v1/entities')).json().items[0].id;
    const a = (await lea.post('/api/v1/activities', { entityId, name: 'Nouvelle activité' })).json();
    const c = (
      await lea.post('/api/v1/clients', {
        kind: 'association',
        name: 'AAA Premier client',
        addressLine: '1 rue Royale',
        postalCode: '59000',
        city: 'Lille',
        activityId: a.id,
      })
    ).json();
    const before = await homeOf(lea);
    expect(before.activities.map((x) => x.id)).toContain(a.id);
    expect(before.clients[0]?.id).toBe(c.id);
    await lea.patch(`/api/v1/activities/${a.id}`, { status: 'closed' });
    const after = await homeOf(lea);
    expect(after.activities.map((x) => x.id)).not.toContain(a.id);
    // The client stays hers: the link outlives the closing.
    expect(after.clientTotal).toBe(before.clientTotal);
  });

  it('counts, for an adviser, the members of their offices by status', async () => {
    const home = await homeOf(adviser);
    const me = (await adviser.get('/api/v1/me')).json();
    expect(home.officeIds.sort()).toEqual([...me.officeIds].sort());
    expect(home).toMatchObject({ activities: [], clients: [], clientTotal: 0 });
    expect(home.followedMembers?.map((f) => f.status)).toEqual(['prospect', 'member', 'shareholder']);
    for (const { status, total } of home.followedMembers ?? []) {
      const listed = (await adviser.get(`/api/v1/members?status=${status}&limit=1`)).json().total;
      expect(total, status).toBe(listed);
    }
    expect(home.followedMembers?.reduce((sum, f) => sum + f.total, 0)).toBeGreaterThan(0);
  });

  it('counts every member for the back office', async () => {
    const [forAdmin, forPayroll, forAdviser] = await Promise.all([
      homeOf(admin),
      homeOf(payroll),
      homeOf(adviser),
    ]);
    expect(forAdmin.followedMembers).toEqual(forPayroll.followedMembers);
    expect(forAdmin.officeIds).toEqual([]);
    const total = (home: Home) => (home.followedMembers ?? []).reduce((sum, f) => sum + f.total, 0);
    const everyone = (await admin.get('/api/v1/members?limit=1')).json().total;
    const exited = (await admin.get('/api/v1/members?status=exited&limit=1')).json().total;
    expect(total(forAdmin)).toBe(everyone - exited);
    expect(total(forAdmin)).toBeGreaterThan(total(forAdviser));
  });
});
