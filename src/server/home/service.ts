// What a person sees first after signing in: their activities and clients, and for advisers the
// members of their offices by status.
import { memberScope } from '../../domain/access.ts';
import { listActivities } from '../activities/service.ts';
import { listClients } from '../clients/service.ts';
import type { Ctx } from '../context.ts';
import { listMembers } from '../members/service.ts';

export async function getHome(ctx: Ctx) {
  const a = ctx.actor;
  const isMember = a.memberId !== null;
  const follows = a.roles.some(
    (r) => r === 'adviser' || r === 'admin' || r === 'accountant' || r === 'payroll',
  );
  const page = (limit: number) => ({ limit, offset: 0 });
  const [activities, clients, members] = await Promise.all([
    isMember ? listActivities(ctx, { memberId: a.memberId as string, status: 'open' }, page(20)) : null,
    isMember
      ? listClients(ctx, { mine: true }, { ...page(10), sort: { column: 'name', direction: 'asc' } })
      : null,
    follows
      ? Promise.all(
          (['prospect', 'member', 'shareholder'] as const).map(async (status) => ({
            status,
            total: (await listMembers(ctx, { status }, page(1))).total,
          })),
        )
      : null,
  ]);
  const scope = memberScope(a);
  return {
    activities: activities?.items ?? [],
    clients: clients?.items ?? [],
    clientTotal: clients?.total ?? 0,
    followedMembers: members,
    officeIds: scope.all ? [] : [...scope.officeIds],
  };
}
