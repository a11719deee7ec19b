// Small coloured labels; each colour's text keeps a 4.5:1 contrast on its light background.
import { Badge, Group, Text } from '@mantine/core';
import type { Role } from '../../domain/access.ts';
import type { MemberStatus } from '../../domain/members/schemas.ts';
import { useT } from '../i18n/index.ts';
import { formatRate } from './format.ts';

const statusColors: Record<MemberStatus, string> = {
  prospect: 'gray',
  member: 'blue',
  shareholder: 'violet',
  exited: 'red',
};

export function MemberStatusBadge({ status }: { status: MemberStatus }) {
  const { t } = useT();
  return <Badge color={statusColors[status]}>{t(`status.${status}`)}</Badge>;
}

export function ActivityStatusBadge({ status }: { status: 'open' | 'closed' }) {
  const { t } = useT();
  return (
    <Badge color={status === 'open' ? 'commune' : 'gray'}>
      {t(status === 'open' ? 'activities.open' : 'activities.closed')}
    </Badge>
  );
}

export function ExceptionBadge() {
  const { t } = useT();
  return (
    <Badge color="grape" variant="light">
      {t('activities.exception')}
    </Badge>
  );
}

/** The fee rate that applies, flagged when it is an exception to the entity's rate. */
export function FeeRate({ rateBp, overridden }: { rateBp: number; overridden: boolean }) {
  const { lang } = useT();
  return (
    <Group gap={6} wrap="nowrap">
      <Text span size="sm" fw={500}>
        {formatRate(rateBp, lang)}
      </Text>
      {overridden && <ExceptionBadge />}
    </Group>
  );
}

const kindColors = { company: 'indigo', association: 'cyan', individual: 'gray' } as const;

export function ClientKindBadge({ kind }: { kind: keyof typeof kindColors }) {
  const { t } = useT();
  return <Badge color={kindColors[kind]}>{t(`clients.kinds.${kind}`)}</Badge>;
}

export function PublicSectorBadge() {
  const { t } = useT();
  return (
    <Badge color="dark" variant="outline">
      {t('clients.publicSector')}
    </Badge>
  );
}

export function RoleBadges({ roles }: { roles: readonly Role[] }) {
  const { t } = useT();
  if (roles.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('users.noRoles')}
      </Text>
    );
  return (
    <Group gap={4}>
      {roles.map((r) => (
        <Badge key={r} color={r === 'admin' ? 'red' : r === 'adviser' ? 'commune' : 'gray'} variant="light">
          {t(`roles.${r}`)}
        </Badge>
      ))}
    </Group>
  );
}
