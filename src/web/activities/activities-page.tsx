// Activities the person may see: a member's own, an adviser's offices', everyone's for the back office.
import { Anchor, Button, Select, Text } from '@mantine/core';
import { Link } from 'react-router';
import { can } from '../../domain/access.ts';
import { isStaff, useActor } from '../auth/session.tsx';
import { useT } from '../i18n/index.ts';
import { entityOptions, useEntities } from '../queries.ts';
import type { Activity } from '../types.ts';
import { ActivityStatusBadge, FeeRate } from '../ui/badges.tsx';
import { type Column, DataTable, useListParam } from '../ui/data-table.tsx';
import { formatDate } from '../ui/format.ts';
import { PageHeader } from '../ui/page.tsx';
import { Empty } from '../ui/states.tsx';

export function ActivitiesPage() {
  const { t, lang } = useT();
  const actor = useActor();
  const entities = useEntities();
  const [status, setStatus] = useListParam('status');
  const [entityId, setEntityId] = useListParam('entityId');
  const staff = isStaff(actor);
  const mayCreate = can(actor, 'activity.create');

  const columns: Column<Activity>[] = [
    {
      key: 'name',
      header: t('activities.name'),
      sort: 'name',
      render: (a) => (
        <>
          <Anchor component={Link} to={`/activities/${a.id}`} fw={500}>
            {a.name}
          </Anchor>
          {a.trade && (
            <Text size="xs" c="dimmed">
              {a.trade}
            </Text>
          )}
        </>
      ),
    },
    { key: 'entity', header: t('activities.entity'), render: (a) => a.entity.name, wide: true },
    ...(staff
      ? [
          {
            key: 'members',
            header: t('activities.members'),
            render: (a: Activity) => a.members.map((m) => `${m.firstName} ${m.lastName}`).join(', '),
            wide: true,
          },
        ]
      : []),
    {
      key: 'fee',
      header: t('activities.feeRate'),
      render: (a) => <FeeRate rateBp={a.feeRateBp} overridden={a.feeRateOverridden} />,
    },
    {
      key: 'clients',
      header: t('activities.clientCount'),
      render: (a) => a.clientCount,
      align: 'right',
      wide: true,
    },
    {
      key: 'status',
      header: t('common.status'),
      sort: 'status',
      render: (a) => <ActivityStatusBadge status={a.status} />,
    },
    {
      key: 'createdAt',
      header: t('activities.createdOn'),
      sort: 'createdAt',
      render: (a) => formatDate(a.createdAt, lang),
      wide: true,
    },
  ];

  const title = staff ? t('activities.title') : t('activities.titleMine');
  return (
    <>
      <PageHeader
        title={title}
        actions={
          mayCreate && (
            <Button component={Link} to="/activities/new">
              {t('activities.new')}
            </Button>
          )
        }
      />
      <DataTable
        queryKey={['activities', 'list']}
        path="/api/v1/activities"
        filters={{ status: status || undefined, entityId: entityId || undefined }}
        columns={columns}
        rowKey={(a) => a.id}
        label={title}
        searchLabel={t('activities.searchLabel')}
        searchPlaceholder={t('activities.searchPlaceholder')}
        defaultSort="name"
        toolbar={
          <>
            <Select
              label={t('activities.statusFilter')}
              placeholder={t('activities.allStates')}
              clearable
              value={status || null}
              onChange={(v) => setStatus(v)}
              data={[
                { value: 'open', label: t('activities.open') },
                { value: 'closed', label: t('activities.closed') },
              ]}
              w={160}
            />
            <Select
              label={t('activities.entityFilter')}
              placeholder={t('activities.allEntities')}
              clearable
              value={entityId || null}
              onChange={(v) => setEntityId(v)}
              data={entityOptions(entities.data)}
              w={260}
            />
          </>
        }
        empty={
          <Empty
            action={
              mayCreate && (
                <Button component={Link} to="/activities/new" variant="light">
                  {t('activities.new')}
                </Button>
              )
            }
          >
            {staff ? t('activities.empty') : t('activities.emptyMine')}
          </Empty>
        }
      />
    </>
  );
}
