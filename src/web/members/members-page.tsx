// The members a person follows (advisers: their offices; back office: everyone), searchable.
import { Anchor, Button, Select, Text } from '@mantine/core';
import { Link } from 'react-router';
import { can } from '../../domain/access.ts';
import { type MemberStatus, memberStatuses } from '../../domain/members/schemas.ts';
import { hasRole, useActor } from '../auth/session.tsx';
import { useT } from '../i18n/index.ts';
import { officeOptions, useOffices } from '../queries.ts';
import type { MemberSummary } from '../types.ts';
import { MemberStatusBadge } from '../ui/badges.tsx';
import { type Column, DataTable, useListParam } from '../ui/data-table.tsx';
import { formatDate } from '../ui/format.ts';
import { PageHeader } from '../ui/page.tsx';
import { Empty, NotFound } from '../ui/states.tsx';

export function MembersPage() {
  const { t, lang } = useT();
  const actor = useActor();
  const offices = useOffices();
  const [status, setStatus] = useListParam('status');
  const [officeId, setOfficeId] = useListParam('officeId');
  if (!can(actor, 'member.list')) return <NotFound />;
  const adviserOnly = hasRole(actor, 'adviser') && !hasRole(actor, 'admin', 'accountant', 'payroll');
  const visibleOffices = adviserOnly
    ? (offices.data ?? []).filter((o) => actor.officeIds.includes(o.id))
    : offices.data;

  const columns: Column<MemberSummary>[] = [
    {
      key: 'name',
      header: t('members.fullName'),
      sort: 'lastName',
      render: (m) => (
        <>
          <Anchor component={Link} to={`/members/${m.id}`} fw={500}>
            {m.lastName.toLocaleUpperCase(lang)} {m.firstName}
          </Anchor>
          <Text size="xs" c="dimmed">
            {m.number}
          </Text>
        </>
      ),
    },
    { key: 'email', header: t('common.email'), render: (m) => m.email, wide: true },
    { key: 'office', header: t('members.office'), render: (m) => m.officeName ?? '—' },
    { key: 'city', header: t('common.city'), sort: 'city', render: (m) => m.city ?? '—', wide: true },
    {
      key: 'trades',
      header: t('members.trades'),
      render: (m) => (m.trades.length ? m.trades.join(', ') : '—'),
      wide: true,
    },
    {
      key: 'status',
      header: t('common.status'),
      sort: 'status',
      render: (m) => <MemberStatusBadge status={m.status} />,
    },
    {
      key: 'joinedOn',
      header: t('members.joinedOn'),
      sort: 'joinedOn',
      render: (m) => (m.joinedOn ? formatDate(m.joinedOn, lang) : '—'),
      wide: true,
    },
  ];

  const title = adviserOnly ? t('members.titleAdviser') : t('members.title');
  return (
    <>
      <PageHeader
        title={title}
        actions={
          can(actor, 'member.create') && (
            <Button component={Link} to="/members/new">
              {t('members.new')}
            </Button>
          )
        }
      />
      <DataTable
        queryKey={['members', 'list']}
        path="/api/v1/members"
        filters={{ status: status || undefined, officeId: officeId || undefined }}
        columns={columns}
        rowKey={(m) => m.id}
        label={title}
        searchLabel={t('members.searchLabel')}
        searchPlaceholder={t('members.searchPlaceholder')}
        defaultSort="lastName"
        toolbar={
          <>
            <Select
              label={t('members.statusFilter')}
              placeholder={t('members.allStatuses')}
              clearable
              value={status || null}
              onChange={(v) => setStatus(v)}
              data={memberStatuses.map((s: MemberStatus) => ({ value: s, label: t(`status.${s}`) }))}
              w={180}
            />
            <Select
              label={t('members.officeFilter')}
              placeholder={t('members.allOffices')}
              clearable
              searchable
              value={officeId || null}
              onChange={(v) => setOfficeId(v)}
              data={officeOptions(visibleOffices)}
              w={200}
            />
          </>
        }
        empty={<Empty>{t('members.empty')}</Empty>}
      />
    </>
  );
}
