// The sales list: quotes, invoices or credit notes of what one may see, filtered, with their totals
// and exports; advisers find the invoices waiting for them under "to validate".
import { Anchor, Button, Card, Group, Select, Stack, Table, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { invoiceStatuses, quoteStatuses } from '../../domain/invoicing/rules.ts';
import type { SalesDocumentSummary } from '../../domain/invoicing/schemas.ts';
import { api, type Page, withQuery } from '../api.ts';
import { isStaff, useActor } from '../auth/session.tsx';
import { useT } from '../i18n/index.ts';
import { officeOptions, useOffices } from '../queries.ts';
import { formatDate } from '../ui/format.ts';
import { PageHeader } from '../ui/page.tsx';
import { Empty, Loading, QueryError } from '../ui/states.tsx';
import { documentPath, key, SalesStatusBadge, useMoney } from './shared.tsx';

type Tab = 'quotes' | 'invoices' | 'credit-notes';
type SalesPage = Page<SalesDocumentSummary> & {
  totals: { count: number; totalExclVatCents: number; totalVatCents: number; totalInclVatCents: number };
};

export function SalesPage() {
  const { t, lang } = useT();
  const actor = useActor();
  const navigate = useNavigate();
  const tab = (useParams().tab as Tab | undefined) ?? 'invoices';
  const [status, setStatus] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 300);
  const money = useMoney();
  const path = `/api/v1/${tab}`;
  const [activityId, setActivityId] = useState<string | null>(null);
  const [officeId, setOfficeId] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const staff = isStaff(actor);
  const offices = useOffices();
  const activities = useQuery({
    queryKey: ['activities', 'options'],
    queryFn: () =>
      api.get<Page<{ id: string; name: string }>>('/api/v1/activities', { limit: 200, sort: 'name' }),
    staleTime: 60_000,
  });
  const filters = {
    status: status ?? undefined,
    q: q || undefined,
    activityId: activityId ?? undefined,
    officeId: officeId ?? undefined,
    from: from || undefined,
    to: to || undefined,
  };
  const list = useQuery({
    queryKey: ['sales', tab, filters],
    queryFn: ({ signal }) => api.get<SalesPage>(path, { ...filters, limit: 100, sort: '-createdAt' }, signal),
    placeholderData: keepPreviousData,
  });
  const statuses =
    tab === 'quotes' ? quoteStatuses : tab === 'invoices' ? invoiceStatuses : (['issued'] as const);
  const isMember = actor.memberId !== null;

  return (
    <>
      <PageHeader
        title={t('sales.title')}
        actions={
          isMember && (
            <>
              <Button component={Link} to="/sales/new/quote">
                {t('sales.newQuote')}
              </Button>
              <Button component={Link} to="/sales/new/invoice" variant="light">
                {t('sales.newInvoice')}
              </Button>
            </>
          )
        }
      />
      <Tabs
        value={tab}
        onChange={(v) => {
          setStatus(null);
          navigate(`/sales/${v}`);
        }}
        mb="md"
      >
        <Tabs.List>
          <Tabs.Tab value="quotes">{t('sales.tabs.quotes')}</Tabs.Tab>
          <Tabs.Tab value="invoices">{t('sales.tabs.invoices')}</Tabs.Tab>
          <Tabs.Tab value="credit-notes">{t('sales.tabs.creditNotes')}</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <Group align="flex-end" gap="sm" mb="md" wrap="wrap">
        <TextInput
          type="search"
          label={t('sales.search')}
          placeholder={t('sales.searchPlaceholder')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          style={{ flex: '1 1 220px', maxWidth: 360 }}
        />
        <Select
          label={t('sales.status')}
          placeholder={t('sales.allStatuses')}
          clearable
          data={statuses.map((s) => ({ value: s, label: t(key(`sales.statuses.${s}`)) }))}
          value={status}
          onChange={setStatus}
          style={{ flex: '0 1 220px' }}
        />
        <Select
          label={t('sales.activity')}
          placeholder={t('sales.allActivities')}
          clearable
          searchable
          data={(activities.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
          value={activityId}
          onChange={setActivityId}
          style={{ flex: '0 1 240px' }}
        />
        {staff && (
          <Select
            label={t('sales.office')}
            placeholder={t('sales.allOffices')}
            clearable
            searchable
            data={officeOptions(offices.data)}
            value={officeId}
            onChange={setOfficeId}
            style={{ flex: '0 1 200px' }}
          />
        )}
        <TextInput
          type="date"
          label={t('sales.from')}
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
          style={{ flex: '0 1 160px' }}
        />
        <TextInput
          type="date"
          label={t('sales.to')}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          style={{ flex: '0 1 160px' }}
        />
        <Group gap="xs">
          {(['csv', 'xlsx'] as const).map((format) => (
            <Button
              key={format}
              component="a"
              variant="default"
              href={withQuery(`${path}/export`, { ...filters, format })}
              download
            >
              {t(format === 'csv' ? 'sales.exportCsv' : 'sales.exportXlsx')}
            </Button>
          ))}
        </Group>
      </Group>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Empty>{t('sales.empty')}</Empty>
      ) : (
        <Stack gap="sm">
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('sales.totalsOf', {
              count: list.data.totals.count,
              amount: money(list.data.totals.totalInclVatCents),
            })}
          </Text>
          <SalesTable items={list.data.items} lang={lang} />
        </Stack>
      )}
    </>
  );
}

export function SalesTable({ items, lang }: { items: SalesDocumentSummary[]; lang: 'fr' | 'en' }) {
  const { t } = useT();
  const money = useMoney();
  return (
    <>
      {/* Wide screens: a table; phones: one card per document. */}
      <Table.ScrollContainer minWidth={720} visibleFrom="sm">
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('sales.number')}</Table.Th>
              <Table.Th>{t('sales.client')}</Table.Th>
              <Table.Th>{t('sales.activity')}</Table.Th>
              <Table.Th>{t('sales.date')}</Table.Th>
              <Table.Th>{t('sales.status')}</Table.Th>
              <Table.Th ta="right">{t('sales.totalIncl')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>
                  <Anchor component={Link} to={documentPath(d)} fw={500}>
                    {d.number ?? t('sales.draftNoNumber')}
                  </Anchor>
                  {d.subject && (
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {d.subject}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{d.client.name}</Table.Td>
                <Table.Td>{d.activity.name}</Table.Td>
                <Table.Td>{formatDate(d.issueDate ?? d.createdAt.slice(0, 10), lang)}</Table.Td>
                <Table.Td>
                  <SalesStatusBadge status={d.status} />
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {money(d.totalInclVatCents)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Stack gap="xs" hiddenFrom="sm">
        {items.map((d) => (
          <Card key={d.id} withBorder padding="sm">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={2} style={{ minWidth: 0 }}>
                <Anchor component={Link} to={documentPath(d)} fw={500}>
                  {d.number ?? t('sales.draftNoNumber')}
                </Anchor>
                <Text size="sm">{d.client.name}</Text>
                <Text size="xs" c="dimmed" lineClamp={1}>
                  {d.activity.name}
                </Text>
              </Stack>
              <Stack gap={4} align="flex-end">
                <SalesStatusBadge status={d.status} />
                <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
                  {money(d.totalInclVatCents)}
                </Text>
              </Stack>
            </Group>
          </Card>
        ))}
      </Stack>
    </>
  );
}

/** On the home page: accepted quotes still to invoice, late invoices, and for advisers their queue. */
export function SalesDigest() {
  const { t, lang } = useT();
  const actor = useActor();
  const digest = useQuery({
    queryKey: ['sales', 'digest'],
    queryFn: () =>
      api.get<{ toInvoice: SalesDocumentSummary[]; late: SalesDocumentSummary[] }>('/api/v1/sales/digest'),
  });
  if (!digest.data) return null;
  const { toInvoice, late } = digest.data;
  // The advisers' validation queue is on the cockpit (back office), not here.
  return (
    <Stack gap="md">
      {(toInvoice.length > 0 || late.length > 0 || actor.memberId) && (
        <Card withBorder>
          {toInvoice.length === 0 && late.length === 0 ? (
            <Text c="dimmed">{t('sales.home.nothing')}</Text>
          ) : (
            <Stack gap="md">
              {toInvoice.length > 0 && (
                <div>
                  <Text fw={600} mb="xs" component="h2" fz="md">
                    {t('sales.home.toInvoice')}
                  </Text>
                  <SalesTable items={toInvoice} lang={lang} />
                </div>
              )}
              {late.length > 0 && (
                <div>
                  <Text fw={600} mb="xs" component="h2" fz="md">
                    {t('sales.home.late')}
                  </Text>
                  <SalesTable items={late} lang={lang} />
                </div>
              )}
            </Stack>
          )}
        </Card>
      )}
    </Stack>
  );
}
