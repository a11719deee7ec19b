// The directory inside the app: search (staff may add the unpublished profiles of the members they
// follow), the trade networks a member joins or leaves, a network's page and a profile's page.
import { Anchor, Badge, Button, Stack, Switch, Table, Tabs, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import type { NetworkPageView, NetworkView, ProfileView } from '../../domain/directory/schemas.ts';
import { api } from '../api.ts';
import { isStaff, useActor } from '../auth/session.tsx';
import { useT } from '../i18n/index.ts';
import { useErrorMessage } from '../ui/forms.tsx';
import { PageHeader, Section } from '../ui/page.tsx';
import { Loading, QueryError } from '../ui/states.tsx';
import { NetworkContent, ProfileDetails } from './public-pages.tsx';
import {
  emptyFilters,
  type Filters,
  filtersQuery,
  SearchForm,
  SearchResults,
  useDirectorySearch,
} from './shared.tsx';

const useNetworks = () =>
  useQuery({
    queryKey: ['directory', 'networks'],
    queryFn: () => api.get<{ items: NetworkView[] }>('/api/v1/directory/networks'),
  });

function useMembership() {
  const { t } = useT();
  const client = useQueryClient();
  const messageOf = useErrorMessage();
  return useMutation({
    mutationFn: ({ slug, join }: { slug: string; join: boolean }) =>
      join
        ? api.put<NetworkView>(`/api/v1/directory/networks/${slug}/membership`)
        : api.delete<NetworkView>(`/api/v1/directory/networks/${slug}/membership`),
    onSuccess: (n) => {
      void client.invalidateQueries({ queryKey: ['directory'] });
      notifications.show({
        color: 'green',
        message: n.joined ? t('directory.joined', { name: n.name }) : t('directory.left', { name: n.name }),
      });
    },
    onError: (e) => notifications.show({ color: 'red', message: messageOf(e) }),
  });
}

function SearchTab() {
  const { t } = useT();
  const actor = useActor();
  const [filters, setFilters] = useState<Filters>(emptyFilters);
  const [includeUnpublished, setIncludeUnpublished] = useState(false);
  const networks = useNetworks();
  const search = useDirectorySearch('/api/v1/directory/profiles', {
    ...filtersQuery(filters),
    ...(includeUnpublished ? { includeUnpublished: 'true' } : {}),
  });
  return (
    <Stack gap="md">
      <SearchForm
        initial={filters}
        networks={networks.data?.items ?? []}
        onSearch={setFilters}
        extra={
          isStaff(actor) ? (
            <Switch
              label={t('directory.includeUnpublished')}
              checked={includeUnpublished}
              onChange={(e) => setIncludeUnpublished(e.currentTarget.checked)}
            />
          ) : undefined
        }
      />
      <SearchResults search={search} linkOf={(p) => `/directory/profiles/${p.memberId}`} wide />
    </Stack>
  );
}

function NetworksTab() {
  const { t } = useT();
  const actor = useActor();
  const networks = useNetworks();
  const membership = useMembership();
  if (networks.isPending) return <Loading />;
  if (networks.isError) return <QueryError error={networks.error} onRetry={() => networks.refetch()} />;
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('directory.network')}</Table.Th>
            <Table.Th>{t('directory.publishedProfiles')}</Table.Th>
            {actor.memberId && <Table.Th>{t('directory.membership')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {networks.data.items.map((n) => (
            <Table.Tr key={n.id}>
              <Table.Td>
                <Stack gap={2}>
                  <Anchor component={Link} to={`/directory/networks/${n.slug}`} fw={600}>
                    {n.name}
                  </Anchor>
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {n.description}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>{n.profileCount}</Table.Td>
              {actor.memberId && (
                <Table.Td>
                  <Button
                    size="xs"
                    variant={n.joined ? 'default' : 'light'}
                    onClick={() => membership.mutate({ slug: n.slug, join: !n.joined })}
                    aria-label={
                      n.joined
                        ? t('directory.leaveNamed', { name: n.name })
                        : t('directory.joinNamed', { name: n.name })
                    }
                  >
                    {n.joined ? t('directory.leave') : t('directory.join')}
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function DirectoryPage() {
  const { t } = useT();
  const actor = useActor();
  const navigate = useNavigate();
  const tab = useLocation().pathname.endsWith('/networks') ? 'networks' : 'search';
  const inbox = useQuery({
    queryKey: ['directory', 'inbox'],
    queryFn: () => api.get<{ unread: number }>('/api/v1/directory/inbox'),
    enabled: actor.memberId !== null,
  });
  return (
    <>
      <PageHeader
        title={t('directory.title')}
        subtitle={t('directory.intro')}
        actions={
          actor.memberId ? (
            <>
              <Button component={Link} to="/directory/profile" variant="light">
                {t('directory.myProfile')}
              </Button>
              <Button component={Link} to="/directory/inbox" variant="default">
                {t('directory.inbox')}
                {inbox.data && inbox.data.unread > 0 && (
                  <Badge ml={6} size="sm" circle>
                    {inbox.data.unread}
                  </Badge>
                )}
              </Button>
            </>
          ) : undefined
        }
      />
      <Tabs
        value={tab === 'networks' ? 'networks' : 'search'}
        onChange={(v) => navigate(v === 'networks' ? '/directory/networks' : '/directory')}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="search">{t('directory.searchTab')}</Tabs.Tab>
          <Tabs.Tab value="networks">{t('directory.networksTitle')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="search">
          <SearchTab />
        </Tabs.Panel>
        <Tabs.Panel value="networks">
          <NetworksTab />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

export function NetworkPage() {
  const { slug = '' } = useParams();
  const { t } = useT();
  const actor = useActor();
  const network = useQuery({
    queryKey: ['directory', 'network', slug],
    queryFn: () => api.get<NetworkPageView>(`/api/v1/directory/networks/${encodeURIComponent(slug)}`),
  });
  const membership = useMembership();
  if (network.isPending) return <Loading />;
  if (network.isError) return <QueryError error={network.error} onRetry={() => network.refetch()} />;
  const n = network.data;
  return (
    <>
      <Anchor component={Link} to="/directory/networks" size="sm">
        <span aria-hidden="true">← </span>
        {t('directory.networksTitle')}
      </Anchor>
      <NetworkContent
        n={n}
        linkOf={(id) => `/directory/profiles/${id}`}
        actions={
          actor.memberId ? (
            <Button
              variant={n.joined ? 'default' : 'filled'}
              onClick={() => membership.mutate({ slug: n.slug, join: !n.joined })}
              loading={membership.isPending}
            >
              {n.joined ? t('directory.leave') : t('directory.join')}
            </Button>
          ) : undefined
        }
      />
    </>
  );
}

export function DirectoryProfilePage() {
  const { memberId = '' } = useParams();
  const { t, lang } = useT();
  const profile = useQuery({
    queryKey: ['directory', 'profile', memberId],
    queryFn: () => api.get<ProfileView>(`/api/v1/directory/profiles/${memberId}`),
  });
  if (profile.isPending) return <Loading />;
  if (profile.isError) return <QueryError error={profile.error} onRetry={() => profile.refetch()} />;
  const p = profile.data;
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/directory" size="sm">
        <span aria-hidden="true">← </span>
        {t('directory.title')}
      </Anchor>
      {!p.published && (
        <Badge color="gray" variant="outline" w="fit-content">
          {t('directory.unpublished')}
        </Badge>
      )}
      <ProfileDetails p={p} networkLink="app" />
      {p.consents.length > 0 && (
        <Section title={t('directory.consentTrail')}>
          <ConsentTrail consents={p.consents} lang={lang} />
        </Section>
      )}
    </Stack>
  );
}

export function ConsentTrail({ consents, lang }: { consents: ProfileView['consents']; lang: string }) {
  const { t } = useT();
  return (
    <Stack gap={4}>
      {consents.map((c) => (
        <Text key={`${c.kind}-${c.at}`} size="sm">
          {new Date(c.at).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', {
            dateStyle: 'long',
            timeStyle: 'short',
          })}{' '}
          — {t(`directory.consentKinds.${c.kind}`)} ({t('directory.consentVersion', { version: c.version })})
        </Text>
      ))}
    </Stack>
  );
}
