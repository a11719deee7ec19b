// The audit log (admin): who changed what, newest first, filtered by object or author.
import { Anchor, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { can } from '../../domain/access.ts';
import { api, type Page } from '../api.ts';
import { useActor } from '../auth/session.tsx';
import type { Catalog } from '../i18n/fr.ts';
import { fr } from '../i18n/fr.ts';
import { useT } from '../i18n/index.ts';
import type { AuditEntry, User } from '../types.ts';
import { useListParam } from '../ui/data-table.tsx';
import { formatDateTime, withColon } from '../ui/format.ts';
import { PageHeader } from '../ui/page.tsx';
import { Empty, Loading, NotFound, QueryError } from '../ui/states.tsx';

const subjectTypes = ['member', 'activity', 'client', 'user', 'entity', 'office'] as const;
type SubjectType = (typeof subjectTypes)[number];

const subjectPath = (type: string, id: string): string | null => {
  switch (type) {
    case 'member':
      return `/members/${id}`;
    case 'activity':
      return `/activities/${id}`;
    case 'client':
      return `/clients/${id}`;
    case 'entity':
      return `/admin/entities/${id}`;
    case 'office':
      return `/admin/offices/${id}`;
    case 'user':
      return `/admin/users/${id}`;
    default:
      return null;
  }
};

const show = (value: unknown): string => {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
};

type Translate = ReturnType<typeof useT>['t'];

const actionVerbs = Object.keys(fr.audit.actions) as (keyof Catalog['audit']['actions'])[];
const fieldNames = Object.keys(fr.audit.fields) as (keyof Catalog['audit']['fields'])[];

/** `client.create` → "Création"; an action this page does not know keeps its code. */
const actionLabel = (action: string, t: Translate): string | null => {
  const verb = action.slice(action.indexOf('.') + 1);
  return actionVerbs.includes(verb as (typeof actionVerbs)[number])
    ? t(`audit.actions.${verb as (typeof actionVerbs)[number]}`)
    : null;
};

const fieldLabel = (key: string, t: Translate): string =>
  fieldNames.includes(key as (typeof fieldNames)[number])
    ? t(`audit.fields.${key as (typeof fieldNames)[number]}`)
    : key;

const isBlank = (value: unknown) => value === null || value === undefined || value === '';

function Changes({ changes }: { changes: unknown }) {
  const { t } = useT();
  let data = changes;
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch {
      return <Text size="xs">{data as string}</Text>;
    }
  }
  if (!data || typeof data !== 'object') return <Text size="xs">{show(data)}</Text>;
  // A creation records every field from nothing: only the fields that were filled in are worth reading.
  const entries = Object.entries(data as Record<string, unknown>).filter(([, value]) => {
    const change = asChange(value);
    return change ? !(isBlank(change.from) && isBlank(change.to)) : !isBlank(value);
  });
  if (entries.length === 0) return <Text size="xs">—</Text>;
  return (
    <Stack gap={2} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {entries.slice(0, 8).map(([key, value]) => {
        const change = asChange(value);
        return (
          <Text key={key} component="li" size="xs" style={{ overflowWrap: 'anywhere' }}>
            <Text span fw={600} size="xs">
              {fieldLabel(key, t)}
            </Text>{' '}
            {change ? (
              isBlank(change.from) ? (
                show(change.to)
              ) : (
                <>
                  {show(change.from)} → {show(change.to)}
                </>
              )
            ) : (
              show(value)
            )}
          </Text>
        );
      })}
      {entries.length > 8 && (
        <Text component="li" size="xs" c="dimmed">
          …
        </Text>
      )}
    </Stack>
  );
}

const asChange = (value: unknown): { from: unknown; to: unknown } | null =>
  value && typeof value === 'object' && 'from' in value && 'to' in value
    ? (value as { from: unknown; to: unknown })
    : null;

export function AuditPage() {
  const { t, lang } = useT();
  const actor = useActor();
  const [subjectType, setSubjectType] = useListParam('subjectType');
  const [subjectId, setSubjectId] = useListParam('subjectId');
  const [userId, setUserId] = useListParam('userId');
  const [idText, setIdText] = useState(subjectId);
  const [debouncedId] = useDebouncedValue(idText.trim(), 400);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the typed text drives the address
  useEffect(() => {
    if (debouncedId !== subjectId) setSubjectId(debouncedId || null);
  }, [debouncedId]);

  const users = useQuery({
    queryKey: ['users', 'all'],
    queryFn: () => api.get<Page<User>>('/api/v1/users', { limit: 200, sort: 'name' }),
    enabled: can(actor, 'audit.read'),
  });
  const filters = { subjectType, subjectId, userId };
  const log = useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) =>
      api.get<{ items: AuditEntry[]; nextCursor: string | null }>('/api/v1/audit-log', {
        ...filters,
        limit: 50,
        cursor: pageParam,
      }),
    initialPageParam: '' as string,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: can(actor, 'audit.read'),
  });
  if (!can(actor, 'audit.read')) return <NotFound />;
  const entries = log.data?.pages.flatMap((p) => p.items) ?? [];
  const typeLabel = (type: string) =>
    subjectTypes.includes(type as SubjectType) ? t(`audit.types.${type as SubjectType}`) : type;

  return (
    <>
      <PageHeader title={t('audit.title')} subtitle={t('audit.intro')} />
      <Group align="flex-end" gap="sm" mb="md" wrap="wrap">
        <Select
          label={t('audit.subjectType')}
          placeholder={t('audit.anyType')}
          clearable
          value={subjectType || null}
          onChange={(v) => setSubjectType(v)}
          data={subjectTypes.map((s) => ({ value: s, label: t(`audit.types.${s}`) }))}
          w={{ base: '100%', xs: 180 }}
        />
        <TextInput
          label={t('audit.subjectId')}
          value={idText}
          onChange={(e) => setIdText(e.currentTarget.value)}
          w={{ base: '100%', xs: 320 }}
          spellCheck={false}
          autoComplete="off"
        />
        <Select
          label={t('audit.user')}
          placeholder={t('audit.anyUser')}
          clearable
          searchable
          value={userId || null}
          onChange={(v) => setUserId(v)}
          data={(users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }))}
          w={{ base: '100%', xs: 300 }}
        />
      </Group>
      {log.isPending ? (
        <Loading />
      ) : log.isError ? (
        <QueryError error={log.error} onRetry={() => log.refetch()} />
      ) : entries.length === 0 ? (
        <Empty>{t('audit.empty')}</Empty>
      ) : (
        <>
          <Table.ScrollContainer minWidth={320} type="native">
            <Table striped withTableBorder verticalSpacing="xs" aria-label={t('audit.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('audit.at')}</Table.Th>
                  <Table.Th visibleFrom="md">{t('audit.who')}</Table.Th>
                  <Table.Th visibleFrom="md">{t('audit.action')}</Table.Th>
                  <Table.Th visibleFrom="md">{t('audit.subject')}</Table.Th>
                  <Table.Th>{t('audit.changes')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entries.map((e) => {
                  const path = subjectPath(e.subjectType, e.subjectId);
                  const who = e.userName ?? t('audit.system');
                  const action = (
                    <>
                      <Text size="sm">{actionLabel(e.action, t) ?? e.action}</Text>
                      <Text ff="monospace" size="xs" c="dimmed">
                        {e.action}
                      </Text>
                    </>
                  );
                  const subject = (
                    <>
                      <Text size="sm">{typeLabel(e.subjectType)}</Text>
                      {path ? (
                        <Anchor
                          component={Link}
                          to={path}
                          size="xs"
                          ff="monospace"
                          aria-label={`${withColon(t('audit.open'), lang)} ${typeLabel(e.subjectType)} ${e.subjectId}`}
                        >
                          {e.subjectId.slice(0, 8)}…
                        </Anchor>
                      ) : (
                        <Text size="xs" ff="monospace">
                          {e.subjectId}
                        </Text>
                      )}
                    </>
                  );
                  return (
                    <Table.Tr key={e.id} style={{ verticalAlign: 'top' }}>
                      <Table.Td>
                        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                          {formatDateTime(e.at, lang)}
                        </Text>
                        {/* On a phone the entry reads down one column: when, who, what, on what. */}
                        <Stack gap={4} mt={4} hiddenFrom="md">
                          <Text size="sm">{who}</Text>
                          <div>{action}</div>
                          <div>{subject}</div>
                        </Stack>
                      </Table.Td>
                      <Table.Td visibleFrom="md">{who}</Table.Td>
                      <Table.Td visibleFrom="md">{action}</Table.Td>
                      <Table.Td visibleFrom="md">{subject}</Table.Td>
                      <Table.Td maw={420}>
                        <Changes changes={e.changes} />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {log.hasNextPage && (
            <Group justify="center" mt="md">
              <Button variant="default" loading={log.isFetchingNextPage} onClick={() => log.fetchNextPage()}>
                {t('common.loadMore')}
              </Button>
            </Group>
          )}
        </>
      )}
    </>
  );
}
