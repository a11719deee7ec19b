// Pieces shared by the public directory and the members' one: the search form and its results (paged
// with the cursor), a profile's card, and the request a client sends to the members they chose.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import {
  type Availability,
  maxRecipients,
  type NetworkView,
  type PublicProfileView,
  requestInput,
  type SearchResultView,
} from '../../domain/directory/schemas.ts';
import { api } from '../api.ts';
import { useT } from '../i18n/index.ts';
import { FormError, useFormSubmit, validateWith } from '../ui/forms.tsx';
import { Empty, Loading, QueryError } from '../ui/states.tsx';

export const availabilityColor: Record<Availability, string> = {
  available: 'green',
  busy: 'yellow',
  unavailable: 'gray',
};

export type Filters = { q: string; network: string | null; city: string; skill: string; available: boolean };
export const emptyFilters: Filters = { q: '', network: null, city: '', skill: '', available: false };

type Result = SearchResultView['items'][number];

/** The search form: words, network, city, skill, available only. Sends on submit, not on each key. */
export function SearchForm({
  initial,
  networks,
  onSearch,
  extra,
}: {
  initial: Filters;
  networks: NetworkView[];
  onSearch: (f: Filters) => void;
  extra?: ReactNode;
}) {
  const { t } = useT();
  const [f, setF] = useState<Filters>(initial);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSearch(f);
  };
  return (
    <search>
      <form onSubmit={submit} aria-label={t('directory.searchLabel')}>
        <Stack gap="sm">
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              label={t('directory.words')}
              placeholder={t('directory.wordsPlaceholder')}
              value={f.q}
              onChange={(e) => setF({ ...f, q: e.currentTarget.value })}
              style={{ flex: '2 1 260px' }}
              type="search"
            />
            <TextInput
              label={t('directory.city')}
              value={f.city}
              onChange={(e) => setF({ ...f, city: e.currentTarget.value })}
              style={{ flex: '1 1 140px' }}
            />
            <Select
              label={t('directory.network')}
              placeholder={t('directory.allNetworks')}
              data={networks.map((n) => ({ value: n.slug, label: n.name }))}
              value={f.network}
              onChange={(v) => setF({ ...f, network: v })}
              clearable
              style={{ flex: '1 1 180px' }}
            />
            <TextInput
              label={t('directory.skill')}
              value={f.skill}
              onChange={(e) => setF({ ...f, skill: e.currentTarget.value })}
              style={{ flex: '1 1 140px' }}
            />
            <Button type="submit">{t('directory.search')}</Button>
          </Group>
          <Group gap="lg">
            <Switch
              label={t('directory.availableOnly')}
              checked={f.available}
              onChange={(e) => setF({ ...f, available: e.currentTarget.checked })}
            />
            {extra}
          </Group>
        </Stack>
      </form>
    </search>
  );
}

export const filtersQuery = (f: Filters) => ({
  ...(f.q.trim() ? { q: f.q.trim() } : {}),
  ...(f.network ? { network: f.network } : {}),
  ...(f.city.trim() ? { city: f.city.trim() } : {}),
  ...(f.skill.trim() ? { skill: f.skill.trim() } : {}),
  ...(f.available ? { available: 'true' } : {}),
});

/** Results of a search, a page at a time. */
export function useDirectorySearch(path: string, query: Record<string, string>) {
  return useInfiniteQuery({
    queryKey: ['directory', path, query],
    queryFn: ({ pageParam }) =>
      api.get<SearchResultView>(path, { ...query, limit: '12', ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: '' as string,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function ProfileCard({
  p,
  to,
  chosen,
  onChoose,
  chooseDisabled,
  unpublished,
}: {
  p: PublicProfileView;
  to: string;
  chosen?: boolean;
  onChoose?: (chosen: boolean) => void;
  chooseDisabled?: boolean;
  unpublished?: boolean;
}) {
  const { t } = useT();
  return (
    <Card withBorder radius="md" padding="md" component="article" aria-labelledby={`profile-${p.memberId}`}>
      <Stack gap={6}>
        <Group justify="space-between" align="center" gap="xs">
          <Title order={3} fz="md" id={`profile-${p.memberId}`}>
            <Anchor component={Link} to={to} inherit>
              {p.name}
            </Anchor>
          </Title>
          <Group gap={4}>
            <Badge color={availabilityColor[p.availability]} variant="light">
              {t(`directory.availability.${p.availability}`)}
            </Badge>
            {unpublished && (
              <Badge color="gray" variant="outline">
                {t('directory.unpublished')}
              </Badge>
            )}
          </Group>
        </Group>
        <Stack gap={0}>
          <Text size="sm" fw={500}>
            {p.trade}
          </Text>
          <Text size="sm" c="dimmed">
            {p.city}
            {p.officeName ? ` · ${t('directory.office', { office: p.officeName })}` : ''}
          </Text>
        </Stack>
        {p.skills.length > 0 && (
          <Group gap={4}>
            {p.skills.map((s) => (
              <Badge key={s} variant="default" size="sm" tt="none" fw={400}>
                {s}
              </Badge>
            ))}
          </Group>
        )}
        {p.presentation && (
          <Text size="sm" lineClamp={3}>
            {p.presentation}
          </Text>
        )}
        {p.networks.length > 0 && (
          <Text size="xs" c="dimmed">
            {t('directory.networksOf')} {p.networks.map((n) => n.name).join(', ')}
          </Text>
        )}
        {onChoose && (
          <Checkbox
            mt={4}
            label={t('directory.choose', { name: p.name })}
            checked={!!chosen}
            disabled={chooseDisabled && !chosen}
            onChange={(e) => onChoose(e.currentTarget.checked)}
          />
        )}
      </Stack>
    </Card>
  );
}

/** A search's results: cards in a grid, a count, "more", and the notice when some words were dropped. */
export function SearchResults({
  search,
  linkOf,
  chosen,
  onChoose,
  wide = false,
}: {
  search: ReturnType<typeof useDirectorySearch>;
  linkOf: (p: Result) => string;
  chosen?: Map<string, string>;
  onChoose?: (p: Result, chosen: boolean) => void;
  /** Columns of the grid: two beside the request form, three on a whole page. */
  wide?: boolean;
}) {
  const { t } = useT();
  if (search.isPending) return <Loading />;
  if (search.isError) return <QueryError error={search.error} onRetry={() => search.refetch()} />;
  const first = search.data.pages[0];
  const items = search.data.pages.flatMap((p) => p.items);
  if (!first || items.length === 0) return <Empty>{t('directory.noResults')}</Empty>;
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed" role="status">
        {t('directory.resultCount', { count: first.total })}
      </Text>
      {first.relaxed && (
        <Alert color="blue" variant="light">
          {t('directory.relaxed')}
        </Alert>
      )}
      <SimpleGrid cols={wide ? { base: 1, sm: 2, lg: 3 } : { base: 1, sm: 2 }} spacing="sm">
        {items.map((p) => (
          <ProfileCard
            key={p.memberId}
            p={p}
            to={linkOf(p)}
            unpublished={!p.published}
            {...(onChoose
              ? {
                  chosen: chosen?.has(p.memberId) ?? false,
                  onChoose: (c: boolean) => onChoose(p, c),
                  chooseDisabled: (chosen?.size ?? 0) >= maxRecipients,
                }
              : {})}
          />
        ))}
      </SimpleGrid>
      {search.hasNextPage && (
        <Button
          variant="default"
          onClick={() => search.fetchNextPage()}
          loading={search.isFetchingNextPage}
          w="fit-content"
        >
          {t('directory.more')}
        </Button>
      )}
    </Stack>
  );
}

export const usePublicNetworks = () =>
  useQuery({
    queryKey: ['directory', 'public-networks'],
    queryFn: () => api.get<{ items: NetworkView[] }>('/api/v1/public/directory/networks'),
  });

type RequestValues = {
  name: string;
  email: string;
  organisation: string;
  phone: string;
  city: string;
  subject: string;
  message: string;
};

const toBody = (v: RequestValues, memberIds: string[]) => ({
  name: v.name,
  email: v.email.trim(),
  organisation: v.organisation.trim() || null,
  phone: v.phone.trim() || null,
  city: v.city.trim() || null,
  subject: v.subject,
  message: v.message,
  memberIds,
});

/** The client's request to the members they chose (names shown, never an e-mail). */
export function RequestForm({
  recipients,
  onRemove,
}: {
  recipients: { memberId: string; name: string }[];
  onRemove?: (memberId: string) => void;
}) {
  const { t } = useT();
  const [sent, setSent] = useState<{ reference: string; email: string } | null>(null);
  const memberIds = recipients.map((r) => r.memberId);
  const form = useForm<RequestValues>({
    mode: 'controlled',
    initialValues: { name: '', email: '', organisation: '', phone: '', city: '', subject: '', message: '' },
    validate: validateWith(requestInput, (v: RequestValues) => toBody(v, memberIds)),
  });
  const submit = useFormSubmit(form, {
    mutationFn: (v: RequestValues) =>
      api.post<{ reference: string; recipients: number }>(
        '/api/v1/public/directory/requests',
        toBody(v, memberIds),
      ),
    onSuccess: (r, v) => setSent({ reference: r.reference, email: v.email }),
  });
  if (sent)
    return (
      <Alert
        color="green"
        role="status"
        title={t('directory.sentTitle')}
        style={{ overflowWrap: 'anywhere' }}
      >
        {t('directory.sentText', { reference: sent.reference, email: sent.email })}
      </Alert>
    );
  return (
    <form onSubmit={submit.onSubmit} noValidate aria-label={t('directory.requestTitle')}>
      <Stack gap="sm">
        <div>
          <Text size="sm" fw={500}>
            {t('directory.to')}
          </Text>
          {recipients.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('directory.chooseHint', { max: maxRecipients })}
            </Text>
          ) : (
            <Group gap={6} mt={4}>
              {recipients.map((r) => (
                <Badge
                  key={r.memberId}
                  variant="light"
                  size="lg"
                  tt="none"
                  rightSection={
                    onRemove ? (
                      <Anchor
                        component="button"
                        type="button"
                        aria-label={t('directory.remove', { name: r.name })}
                        onClick={() => onRemove(r.memberId)}
                        size="xs"
                      >
                        ✕
                      </Anchor>
                    ) : undefined
                  }
                >
                  {r.name}
                </Badge>
              ))}
            </Group>
          )}
        </div>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('directory.yourName')}
            required
            autoComplete="name"
            {...form.getInputProps('name')}
          />
          <TextInput
            label={t('directory.yourEmail')}
            type="email"
            required
            autoComplete="email"
            {...form.getInputProps('email')}
          />
          <TextInput
            label={t('directory.organisation')}
            autoComplete="organization"
            {...form.getInputProps('organisation')}
          />
          <TextInput
            label={t('directory.phone')}
            type="tel"
            autoComplete="tel"
            {...form.getInputProps('phone')}
          />
        </SimpleGrid>
        <TextInput label={t('directory.subject')} required {...form.getInputProps('subject')} />
        <Textarea
          label={t('directory.message')}
          description={t('directory.messageHint')}
          required
          autosize
          minRows={4}
          {...form.getInputProps('message')}
        />
        <Text size="xs" c="dimmed">
          {t('directory.privacy')}
        </Text>
        <FormError message={submit.error} />
        <Button type="submit" loading={submit.pending} disabled={recipients.length === 0} w="fit-content">
          {t('directory.send', { count: recipients.length })}
        </Button>
      </Stack>
    </form>
  );
}
