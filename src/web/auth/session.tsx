// Who is signed in: `/api/v1/me`, shared through TanStack Query; the pages ask the same policies as
// the server (`can` from domain/access.ts) to decide what to offer.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext } from 'react';
import type { Actor, Role } from '../../domain/access.ts';
import type { UserView } from '../../domain/users/schemas.ts';
import { api, isApiError, request } from '../api.ts';

export const meKey = ['me'] as const;

export async function fetchMe(): Promise<UserView | null> {
  try {
    return await request<UserView>('/api/v1/me', { quiet401: true });
  } catch (e) {
    if (isApiError(e) && e.status === 401) return null;
    throw e;
  }
}

export const useMe = () =>
  useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });

const ActorContext = createContext<Actor | null>(null);

/** The policies' view of the signed-in person. */
export const actorOf = (me: UserView): Actor => ({
  userId: me.id,
  email: me.email,
  name: me.name,
  roles: me.roles,
  officeIds: me.officeIds,
  memberId: me.memberId,
});

export const ActorProvider = ({ actor, children }: { actor: Actor; children: ReactNode }) => (
  <ActorContext.Provider value={actor}>{children}</ActorContext.Provider>
);

/** The signed-in person, inside the authenticated layout. */
export function useActor(): Actor {
  const actor = useContext(ActorContext);
  if (!actor) throw new Error('useActor outside the signed-in layout');
  return actor;
}

export const hasRole = (actor: Actor, ...roles: Role[]) => roles.some((r) => actor.roles.includes(r));

/** Staff: those who follow members (advisers) or work for the whole cooperative. */
export const isStaff = (actor: Actor) => hasRole(actor, 'adviser', 'admin', 'accountant', 'payroll');

/** A member without a staff role: the pages speak of "my activities", "my clients". */
export const isMemberOnly = (actor: Actor) => actor.memberId !== null && !isStaff(actor);

export function useSignOut() {
  const queryClient = useQueryClient();
  return async () => {
    try {
      await api.post('/api/auth/sign-out', {});
    } finally {
      queryClient.clear();
      queryClient.setQueryData(meKey, null);
    }
  };
}
