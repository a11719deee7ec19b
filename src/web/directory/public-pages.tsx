// The public directory (no account): search the members who published a profile, read a profile or
// a trade network's page, choose up to five members and send them a request (mise en relation).
import {
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Container,
  Grid,
  Group,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { NetworkPageView, PublicProfileView } from '../../domain/directory/schemas.ts';
import { api } from '../api.ts';
import { useMe } from '../auth/session.tsx';
import { useT } from '../i18n/index.ts';
import { Brand, LanguageSwitch } from '../ui/layout.tsx';
import { Loading, NotFound, QueryError } from '../ui/states.tsx';
import {
  availabilityColor,
  type Filters,
  filtersQuery,
  ProfileCard,
  RequestForm,
  SearchForm,
  SearchResults,
  useDirectorySearch,
  usePublicNetworks,
} from './shared.tsx';

function DirectoryFrame({ children }: { children: ReactNode }) {
  const { t } = useT();
  const me = useMe();
  return (
    <Box mih="100vh" bg="var(--mantine-color-gray-0)" pb="xl">
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="lg" py="sm">
          <Group justify="space-between">
            <Group gap="lg">
              <Anchor component={Link} to="/" underline="never" aria-label="Commune">
                <Brand />
              </Anchor>
              <Anchor component={Link} to="/annuaire" size="sm" fw={600}>
                {t('directory.publicNav')}
              </Anchor>
            </Group>
            <Group gap="md">
              <LanguageSwitch />
              {!me.data && (
                <Button component={Link} to="/sign-in" variant="light" size="xs">
                  {t('directory.signIn')}
                </Button>
              )}
            </Group>
          </Group>
        </Container>
      </Box>
      <Container size="lg" pt="lg" component="main">
        {children}
      </Container>
    </Box>
  );
}

const fromParams = (p: URLSearchParams): Filters => ({
  q: p.get('q') ?? '',
  network: p.get('reseau'),
  city: p.get('ville') ?? '',
  skill: p.get('competence') ?? '',
  available: p.get('disponible') === '1',
});
const toParams = (f: Filters) => {
  const p = new URLSearchParams();
  if (f.q.trim()) p.set('q', f.q.trim());
  if (f.network) p.set('reseau', f.network);
  if (f.city.trim()) p.set('ville', f.city.trim());
  if (f.skill.trim()) p.set('competence', f.skill.trim());
  if (f.available) p.set('disponible', '1');
  return p;
};

export function PublicDirectoryPage() {
  const { t } = useT();
  useDocumentTitle(`${t('directory.publicTitle')} · Commune`);
  const [params, setParams] = useSearchParams();
  const filters = fromParams(params);
  const networks = usePublicNetworks();
  const search = useDirectorySearch('/api/v1/public/directory/profiles', filtersQuery(filters));
  const [chosen, setChosen] = useState(new Map<string, string>());
  const choose = (p: { memberId: string; name: string }, yes: boolean) =>
    setChosen((before) => {
      const next = new Map(before);
      if (yes) next.set(p.memberId, p.name);
      else next.delete(p.memberId);
      return next;
    });
  return (
    <DirectoryFrame>
      <Stack gap={6} mb="lg">
        <Title order={1} fz={{ base: 24, sm: 30 }}>
          {t('directory.publicTitle')}
        </Title>
        <Text maw={760}>{t('directory.publicIntro')}</Text>
      </Stack>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <Card withBorder radius="md" padding="md">
              <SearchForm
                key={params.toString()}
                initial={filters}
                networks={networks.data?.items ?? []}
                onSearch={(f) => setParams(toParams(f))}
              />
            </Card>
            <SearchResults
              search={search}
              linkOf={(p) => `/annuaire/profils/${p.memberId}`}
              chosen={chosen}
              onChoose={choose}
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md" style={{ position: 'sticky', top: 16 }}>
            <Card withBorder radius="md" padding="md" component="section" aria-labelledby="request-title">
              <Title order={2} fz="lg" id="request-title" mb="xs">
                {t('directory.requestTitle')}
              </Title>
              <RequestForm
                recipients={[...chosen].map(([memberId, name]) => ({ memberId, name }))}
                onRemove={(id) => choose({ memberId: id, name: '' }, false)}
              />
            </Card>
            {networks.data && networks.data.items.length > 0 && (
              <Card withBorder radius="md" padding="md" component="nav" aria-labelledby="networks-title">
                <Title order={2} fz="md" id="networks-title" mb="xs">
                  {t('directory.networksTitle')}
                </Title>
                <Stack gap={4}>
                  {networks.data.items.map((n) => (
                    <Group key={n.id} justify="space-between" gap="xs">
                      <Anchor component={Link} to={`/annuaire/reseaux/${n.slug}`} size="sm">
                        {n.name}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {t('directory.profileCount', { count: n.profileCount })}
                      </Text>
                    </Group>
                  ))}
                </Stack>
              </Card>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
    </DirectoryFrame>
  );
}

export function PublicProfilePage() {
  const { memberId = '' } = useParams();
  const { t } = useT();
  const profile = useQuery({
    queryKey: ['directory', 'public-profile', memberId],
    queryFn: () => api.get<PublicProfileView>(`/api/v1/public/directory/profiles/${memberId}`),
    retry: false,
  });
  useDocumentTitle(profile.data ? `${profile.data.name} · ${t('directory.publicTitle')}` : 'Commune');
  if (profile.isPending) return <Loading />;
  if (profile.isError)
    return (
      <DirectoryFrame>
        {(profile.error as { status?: number }).status === 404 ? (
          <NotFound />
        ) : (
          <QueryError error={profile.error} />
        )}
      </DirectoryFrame>
    );
  const p = profile.data;
  return (
    <DirectoryFrame>
      <Anchor component={Link} to="/annuaire" size="sm">
        <span aria-hidden="true">← </span>
        {t('directory.backToSearch')}
      </Anchor>
      <Grid gap="lg" mt="sm">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <ProfileDetails p={p} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder radius="md" padding="md" component="section" aria-labelledby="request-title">
            <Title order={2} fz="lg" id="request-title" mb="xs">
              {t('directory.writeTo', { name: p.name })}
            </Title>
            <RequestForm recipients={[{ memberId: p.memberId, name: p.name }]} />
          </Card>
        </Grid.Col>
      </Grid>
    </DirectoryFrame>
  );
}

/** A profile in full: trade, city, availability, skills, presentation, portfolio, networks. */
export function ProfileDetails({
  p,
  networkLink = 'public',
}: {
  p: PublicProfileView;
  networkLink?: 'public' | 'app';
}) {
  const { t } = useT();
  return (
    <Stack gap="sm">
      <Group gap="sm" align="center">
        <Title order={1} fz={{ base: 24, sm: 28 }}>
          {p.name}
        </Title>
        <Badge color={availabilityColor[p.availability]} variant="light">
          {t(`directory.availability.${p.availability}`)}
        </Badge>
      </Group>
      <Text fw={600}>{p.trade}</Text>
      <Text c="dimmed" size="sm">
        {p.city}
        {p.officeName ? ` · ${t('directory.office', { office: p.officeName })}` : ''}
      </Text>
      {p.skills.length > 0 && (
        <Group gap={6}>
          {p.skills.map((s) => (
            <Badge key={s} variant="default" tt="none" fw={400}>
              {s}
            </Badge>
          ))}
        </Group>
      )}
      {p.presentation && <Text style={{ whiteSpace: 'pre-wrap' }}>{p.presentation}</Text>}
      {p.portfolioUrl && (
        <Anchor href={p.portfolioUrl} target="_blank" rel="noopener noreferrer nofollow">
          {t('directory.portfolio')}
        </Anchor>
      )}
      {p.networks.length > 0 && (
        <Group gap={6}>
          <Text size="sm" c="dimmed">
            {t('directory.networksOf')}
          </Text>
          {p.networks.map((n) => (
            <Anchor
              key={n.id}
              component={Link}
              to={networkLink === 'public' ? `/annuaire/reseaux/${n.slug}` : `/directory/networks/${n.slug}`}
              size="sm"
            >
              {n.name}
            </Anchor>
          ))}
        </Group>
      )}
    </Stack>
  );
}

export function PublicNetworkPage() {
  const { slug = '' } = useParams();
  const { t } = useT();
  const network = useQuery({
    queryKey: ['directory', 'public-network', slug],
    queryFn: () => api.get<NetworkPageView>(`/api/v1/public/directory/networks/${encodeURIComponent(slug)}`),
    retry: false,
  });
  useDocumentTitle(network.data ? `${network.data.name} · ${t('directory.publicTitle')}` : 'Commune');
  if (network.isPending) return <Loading />;
  if (network.isError)
    return (
      <DirectoryFrame>
        {(network.error as { status?: number }).status === 404 ? (
          <NotFound />
        ) : (
          <QueryError error={network.error} />
        )}
      </DirectoryFrame>
    );
  const n = network.data;
  return (
    <DirectoryFrame>
      <Anchor component={Link} to="/annuaire" size="sm">
        <span aria-hidden="true">← </span>
        {t('directory.backToSearch')}
      </Anchor>
      <NetworkContent n={n} linkOf={(id) => `/annuaire/profils/${id}`} />
    </DirectoryFrame>
  );
}

/** A network's description and its members' published profiles. */
export function NetworkContent({
  n,
  linkOf,
  actions,
}: {
  n: NetworkPageView;
  linkOf: (memberId: string) => string;
  actions?: ReactNode;
}) {
  const { t } = useT();
  return (
    <Stack gap="md" mt="sm">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1} fz={{ base: 24, sm: 28 }}>
            {t('directory.networkTitle', { name: n.name })}
          </Title>
          <Text c="dimmed" size="sm">
            {t('directory.profileCount', { count: n.profileCount })}
          </Text>
        </Stack>
        {actions}
      </Group>
      {n.description && <Text maw={760}>{n.description}</Text>}
      {n.profiles.length === 0 ? (
        <Text c="dimmed">{t('directory.networkEmpty')}</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          {n.profiles.map((p) => (
            <ProfileCard key={p.memberId} p={p} to={linkOf(p.memberId)} />
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
