// The shared client directory; a member starts with the clients of their own activities.
import { Anchor, Button, Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { clientKinds } from '../../domain/clients/schemas.ts';
import { isMemberOnly, useActor } from '../auth/session.tsx';
import { useT } from '../i18n/index.ts';
import type { ClientSummary } from '../types.ts';
import { ClientKindBadge, PublicSectorBadge } from '../ui/badges.tsx';
import { type Column, DataTable, useListParam } from '../ui/data-table.tsx';
import { PageHeader } from '../ui/page.tsx';
import { Empty } from '../ui/states.tsx';

export function ClientsPage() {
  const { t } = useT();
  const actor = useActor();
  const memberOnly = isMemberOnly(actor);
  const [kind, setKind] = useListParam('kind');
  const [scopeParam, setScope] = useListParam('scope');
  const scope = memberOnly ? (scopeParam === 'all' ? 'all' : 'mine') : 'all';

  const columns: Column<ClientSummary>[] = [
    {
      key: 'name',
      header: t('clients.name'),
      sort: 'name',
      render: (c) => (
        <Anchor component={Link} to={`/clients/${c.id}`} fw={500}>
          {c.name}
        </Anchor>
      ),
    },
    {
      key: 'kind',
      header: t('clients.kind'),
      render: (c) => (
        <Group gap={4}>
          <ClientKindBadge kind={c.kind} />
          {c.publicSector && <PublicSectorBadge />}
        </Group>
      ),
    },
    {
      key: 'siren',
      header: t('clients.siren'),
      render: (c) =>
        c.siren ? (
          <Text span ff="monospace" size="sm">
            {c.siren}
          </Text>
        ) : (
          '—'
        ),
      wide: true,
    },
    {
      key: 'city',
      header: t('common.city'),
      sort: 'city',
      render: (c) => [c.postalCode, c.city].filter(Boolean).join(' ') || '—',
    },
  ];

  const title = scope === 'mine' ? t('clients.titleMine') : t('clients.title');
  return (
    <>
      <PageHeader
        title={title}
        actions={
          <Button component={Link} to="/clients/new">
            {t('clients.new')}
          </Button>
        }
      />
      <DataTable
        queryKey={['clients', 'list']}
        path="/api/v1/clients"
        filters={{ kind: kind || undefined, mine: scope === 'mine' ? 'true' : undefined }}
        columns={columns}
        rowKey={(c) => c.id}
        label={title}
        searchLabel={t('clients.searchLabel')}
        searchPlaceholder={t('clients.searchPlaceholder')}
        defaultSort="name"
        toolbar={
          <>
            <Select
              label={t('clients.kindFilter')}
              placeholder={t('clients.allKinds')}
              clearable
              value={kind || null}
              onChange={(v) => setKind(v)}
              data={clientKinds.map((k) => ({ value: k, label: t(`clients.kinds.${k}`) }))}
              w={180}
            />
            {memberOnly && (
              <Stack gap={4}>
                <Text size="sm" fw={500} id="client-scope-label">
                  {t('clients.scope')}
                </Text>
                <SegmentedControl
                  aria-labelledby="client-scope-label"
                  value={scope}
                  onChange={(v) => setScope(v === 'all' ? 'all' : null)}
                  data={[
                    { value: 'mine', label: t('clients.scopeMine') },
                    { value: 'all', label: t('clients.scopeAll') },
                  ]}
                />
              </Stack>
            )}
          </>
        }
        empty={
          <Empty
            action={
              <Button component={Link} to="/clients/new" variant="light">
                {t('clients.new')}
              </Button>
            }
          >
            {scope === 'mine' ? t('clients.emptyMine') : t('clients.empty')}
          </Empty>
        }
      />
    </>
  );
}
