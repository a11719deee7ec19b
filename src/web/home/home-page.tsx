// The first page after signing in: a member sees their open activities and clients; staff see the
// members they follow by status and the latest arrivals; admins also reach the administration.
import { Anchor, Button, Card, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { can } from '../../domain/access.ts';
import type { MemberStatus } from '../../domain/members/schemas.ts';
import { api, type Page } from '../api.ts';
import { hasRole, isStaff, useActor } from '../auth/session.tsx';
import { Cockpit } from '../backoffice/cockpit.tsx';
import { useT } from '../i18n/index.ts';
import { SalesDigest } from '../invoicing/sales-page.tsx';
import { useOffices } from '../queries.ts';
import type { Activity, ClientSummary, Home, MemberSummary } from '../types.ts';
import { ClientKindBadge, FeeRate, MemberStatusBadge } from '../ui/badges.tsx';
import { formatDate, withColon } from '../ui/format.ts';
import { PageHeader, Section } from '../ui/page.tsx';
import { Empty, Loading, QueryError } from '../ui/states.tsx';

export function HomePage() {
  const { t } = useT();
  const actor = useActor();
  const home = useQuery({ queryKey: ['home'], queryFn: () => api.get<Home>('/api/v1/home') });
  const firstName = actor.name.split(' ')[0] ?? actor.name;
  const staff = isStaff(actor);
  const isMember = actor.memberId !== null;

  const actions = (
    <>
      {isMember && (
        <>
          <Button component={Link} to="/activities/new">
            {t('activities.new')}
          </Button>
          <Button component={Link} to="/clients/new" variant="light">
            {t('clients.new')}
          </Button>
          <Button component={Link} to="/simulateur" variant="default">
            {t('payroll.link')}
          </Button>
        </>
      )}
      {!isMember && can(actor, 'member.create') && (
        <>
          <Button component={Link} to="/members/new">
            {t('members.new')}
          </Button>
          <Button component={Link} to="/activities/new" variant="light">
            {t('activities.new')}
          </Button>
        </>
      )}
    </>
  );

  return (
    <>
      <PageHeader
        title={t('home.greeting', { name: firstName })}
        subtitle={isMember ? t('home.intro') : t('home.staffIntro')}
        actions={actions}
      />
      {home.isPending ? (
        <Loading />
      ) : home.isError ? (
        <QueryError error={home.error} onRetry={() => home.refetch()} />
      ) : (
        <Stack gap="lg">
          {/* Staff work from the cockpit: what waits for a decision in their offices, activities to watch. */}
          {can(actor, 'backoffice.cockpit') && <Cockpit />}
          {/* What the member has to invoice and what is late. */}
          {isMember && <SalesDigest />}
          {isMember && (
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
              <MyActivities activities={home.data.activities} />
              <MyClients clients={home.data.clients} total={home.data.clientTotal} />
            </SimpleGrid>
          )}
          {staff && home.data.followedMembers && (
            <FollowedMembers counts={home.data.followedMembers} officeIds={home.data.officeIds} />
          )}
          {can(actor, 'entity.manage') && <AdminLinks />}
        </Stack>
      )}
    </>
  );
}

function MyActivities({ activities }: { activities: Activity[] }) {
  const { t, lang } = useT();
  return (
    <Section
      title={t('home.myOpenActivities')}
      actions={
        activities.length > 0 && (
          <Anchor component={Link} to="/activities" size="sm">
            {t('home.allMyActivities')}
          </Anchor>
        )
      }
    >
      {activities.length === 0 ? (
        <Empty
          action={
            <Button component={Link} to="/activities/new" variant="light">
              {t('activities.new')}
            </Button>
          }
        >
          {t('home.noActivities')} {t('home.noActivitiesHint')}
        </Empty>
      ) : (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {activities.map((a) => (
            <Card key={a.id} component="li" withBorder padding="sm" radius="md">
              <Stack gap={4}>
                <Anchor component={Link} to={`/activities/${a.id}`} fw={600}>
                  {a.name}
                </Anchor>
                <Text size="sm" c="dimmed">
                  {a.entity.name}
                  {a.trade ? ` · ${a.trade}` : ''} · {t('home.clientCount', { count: a.clientCount })}
                </Text>
                <Group gap={6}>
                  <Text size="sm" c="dimmed">
                    {withColon(t('activities.feeRate'), lang)}
                  </Text>
                  <FeeRate rateBp={a.feeRateBp} overridden={a.feeRateOverridden} />
                </Group>
              </Stack>
            </Card>
          ))}
        </Stack>
      )}
    </Section>
  );
}

function MyClients({ clients, total }: { clients: ClientSummary[]; total: number }) {
  const { t } = useT();
  return (
    <Section
      title={t('home.myClients')}
      actions={
        total > 0 && (
          <Anchor component={Link} to="/clients" size="sm">
            {t('home.allMyClients', { count: total })}
          </Anchor>
        )
      }
    >
      {clients.length === 0 ? (
        <Empty
          action={
            <Button component={Link} to="/clients/new" variant="light">
              {t('clients.new')}
            </Button>
          }
        >
          {t('home.noClients')}
        </Empty>
      ) : (
        <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {clients.map((c) => (
            <Group
              key={c.id}
              component="li"
              justify="space-between"
              py="xs"
              wrap="nowrap"
              style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
            >
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Anchor component={Link} to={`/clients/${c.id}`} fw={500} truncate>
                  {c.name}
                </Anchor>
                <Text size="sm" c="dimmed">
                  {[c.postalCode, c.city].filter(Boolean).join(' ')}
                </Text>
              </Stack>
              <ClientKindBadge kind={c.kind} />
            </Group>
          ))}
        </Stack>
      )}
    </Section>
  );
}

function FollowedMembers({
  counts,
  officeIds,
}: {
  counts: { status: string; total: number }[];
  officeIds: string[];
}) {
  const { t, lang } = useT();
  const actor = useActor();
  const offices = useOffices();
  const adviserOnly = hasRole(actor, 'adviser') && !hasRole(actor, 'admin', 'accountant', 'payroll');
  const recent = useQuery({
    queryKey: ['members', 'recent'],
    queryFn: () => api.get<Page<MemberSummary>>('/api/v1/members', { sort: '-createdAt', limit: 6 }),
  });
  const officeNames = (offices.data ?? [])
    .filter((o) => officeIds.includes(o.id))
    .map((o) => o.name)
    .sort((a, b) => a.localeCompare(b, 'fr'));

  return (
    <>
      <Section
        title={adviserOnly ? t('home.myOfficesMembers') : t('home.cooperativeMembers')}
        actions={
          <Anchor component={Link} to="/members" size="sm">
            {t('home.seeAllMembers')}
          </Anchor>
        }
      >
        {adviserOnly && officeIds.length === 0 ? (
          <Text c="dimmed">{t('home.noOffices')}</Text>
        ) : (
          <>
            {adviserOnly && officeNames.length > 0 && (
              <Text size="sm" c="dimmed">
                {officeNames.join(' · ')}
              </Text>
            )}
            {/* Three side by side even on a phone: a glance, not a scroll. */}
            <SimpleGrid cols={3} spacing={{ base: 'xs', sm: 'md' }}>
              {counts.map((c) => (
                <Card
                  key={c.status}
                  component={Link}
                  to={`/members?status=${c.status}`}
                  withBorder
                  padding="sm"
                  radius="md"
                  style={{ textDecoration: 'none' }}
                >
                  <Text fz={{ base: 24, sm: 32 }} fw={700} lh={1.1} c="var(--mantine-color-commune-9)">
                    {c.total.toLocaleString(lang === 'en' ? 'en-GB' : 'fr-FR')}
                  </Text>
                  <Text size="sm" c="dimmed" mt={4}>
                    {t(`status.${c.status as MemberStatus}`)}
                  </Text>
                </Card>
              ))}
            </SimpleGrid>
          </>
        )}
      </Section>
      <Section title={t('home.recentMembers')}>
        {recent.isPending ? (
          <Loading />
        ) : recent.isError ? (
          <QueryError error={recent.error} onRetry={() => recent.refetch()} />
        ) : recent.data.items.length === 0 ? (
          <Empty>{t('home.noRecentMembers')}</Empty>
        ) : (
          <Table.ScrollContainer minWidth={480} type="native">
            <Table verticalSpacing="xs" aria-label={t('home.recentMembers')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('members.fullName')}</Table.Th>
                  <Table.Th>{t('common.status')}</Table.Th>
                  <Table.Th>{t('members.office')}</Table.Th>
                  <Table.Th>{t('members.trades')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {recent.data.items.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/members/${m.id}`} fw={500}>
                        {m.firstName} {m.lastName}
                      </Anchor>
                      {m.joinedOn && (
                        <Text size="xs" c="dimmed">
                          {t('members.since', { date: formatDate(m.joinedOn, lang) })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <MemberStatusBadge status={m.status} />
                    </Table.Td>
                    <Table.Td>{m.officeName ?? '—'}</Table.Td>
                    <Table.Td>{m.trades.join(', ') || '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Section>
    </>
  );
}

function AdminLinks() {
  const { t } = useT();
  const links = [
    { to: '/admin/entities', label: t('nav.entities') },
    { to: '/admin/offices', label: t('nav.offices') },
    { to: '/admin/users', label: t('nav.users') },
    { to: '/admin/audit', label: t('nav.audit') },
  ];
  return (
    <Section title={t('home.administration')}>
      <Text size="sm" c="dimmed">
        {t('home.adminLinks')}
      </Text>
      <Group gap="sm">
        {links.map((l) => (
          <Button key={l.to} component={Link} to={l.to} variant="default">
            {l.label}
          </Button>
        ))}
      </Group>
    </Section>
  );
}
