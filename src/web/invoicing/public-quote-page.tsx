// The page a client opens from the quote's e-mail (no account): the quote, and a name to accept or
// refuse it; an expired quote says so and cannot be accepted.
import {
  Alert,
  Box,
  Button,
  Card,
  Container,
  Group,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { PublicQuoteView } from '../../domain/invoicing/schemas.ts';
import type { VatCategoryKey } from '../../domain/invoicing/vat.ts';
import { api } from '../api.ts';
import { useT } from '../i18n/index.ts';
import { formatDate, formatDateTime } from '../ui/format.ts';
import { FormError, useErrorMessage } from '../ui/forms.tsx';
import { Brand, LanguageSwitch } from '../ui/layout.tsx';
import { Loading, QueryError } from '../ui/states.tsx';
import { TotalsTable } from './editor-page.tsx';
import { key, useMoney } from './shared.tsx';

export function PublicQuotePage() {
  const { token } = useParams();
  const { t, lang } = useT();
  const money = useMoney();
  const messageOf = useErrorMessage();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const path = `/api/v1/public/quotes/${token}`;
  const quote = useQuery({
    queryKey: ['public-quote', token],
    queryFn: () => api.get<PublicQuoteView>(path),
  });
  const answer = useMutation({
    mutationFn: (decision: 'accept' | 'refuse') =>
      api.post<PublicQuoteView>(`${path}/answer`, { name, decision }),
    onSuccess: (q) => queryClient.setQueryData(['public-quote', token], q),
    onError: (e) => setError(messageOf(e)),
  });
  useDocumentTitle(
    quote.data ? `${t('sales.public.title', { number: quote.data.number ?? '' })} · Commune` : 'Commune',
  );
  const q = quote.data;
  return (
    <Box mih="100vh" bg="var(--mantine-color-gray-0)" pb="xl">
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="md" py="sm">
          <Group justify="space-between">
            <Brand />
            <LanguageSwitch />
          </Group>
        </Container>
      </Box>
      <Container size="md" pt="lg" component="main">
        {quote.isPending ? (
          <Loading />
        ) : quote.isError || !q ? (
          <QueryError error={quote.error} />
        ) : (
          <Stack gap="md">
            <Stack gap={4}>
              <Title order={1} fz={{ base: 24, sm: 28 }}>
                {t('sales.public.title', { number: q.number ?? '' })}
              </Title>
              <Text c="dimmed">{t('sales.public.from', { seller: q.seller, activity: q.activity })}</Text>
              <Text c="dimmed">{t('sales.public.for', { client: q.client })}</Text>
              {q.subject && <Text fw={500}>{q.subject}</Text>}
              <Text size="sm">
                {t('sales.date')} : {formatDate(q.issueDate, lang)} · {t('sales.validUntil')} :{' '}
                {formatDate(q.validUntil, lang)}
              </Text>
            </Stack>
            <Card withBorder>
              <Table.ScrollContainer minWidth={480}>
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('sales.designation')}</Table.Th>
                      <Table.Th ta="right">{t('sales.quantity')}</Table.Th>
                      <Table.Th ta="right">{t('sales.net')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {q.lines.map((l) => (
                      <Table.Tr key={l.position}>
                        <Table.Td>{l.designation}</Table.Td>
                        <Table.Td ta="right">
                          {l.quantity.toLocaleString(lang)} {t(key(`sales.units.${l.unitCode}`))}
                        </Table.Td>
                        <Table.Td ta="right">{money(l.netCents)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <TotalsTable
                totals={{
                  groups: q.vatBreakdown.map((g) => ({ ...g, key: g.key as VatCategoryKey })),
                  totalExclVatCents: q.totalExclVatCents,
                  totalVatCents: q.totalVatCents,
                  totalInclVatCents: q.totalInclVatCents,
                }}
              />
            </Card>
            {q.acceptance ? (
              <Alert color={q.acceptance.decision === 'accept' ? 'teal' : 'gray'} role="status">
                {t(
                  q.acceptance.decision === 'accept'
                    ? 'sales.public.acceptedThanks'
                    : 'sales.public.refusedNote',
                  {
                    name: q.acceptance.name,
                    date: formatDateTime(q.acceptance.at, lang),
                  },
                )}
              </Alert>
            ) : q.status === 'expired' ? (
              <Alert color="orange" role="status">
                {t('sales.public.expired', { date: formatDate(q.validUntil, lang) })}
              </Alert>
            ) : (
              <Card withBorder>
                <Stack>
                  <TextInput
                    label={t('sales.public.name')}
                    required
                    value={name}
                    onChange={(e) => setName(e.currentTarget.value)}
                    autoComplete="name"
                  />
                  <Text size="sm" c="dimmed">
                    {t('sales.public.legal')}
                  </Text>
                  <FormError message={error} />
                  <Group>
                    <Button color="teal" loading={answer.isPending} onClick={() => answer.mutate('accept')}>
                      {t('sales.public.accept')}
                    </Button>
                    <Button
                      variant="default"
                      loading={answer.isPending}
                      onClick={() => answer.mutate('refuse')}
                    >
                      {t('sales.public.refuse')}
                    </Button>
                  </Group>
                </Stack>
              </Card>
            )}
          </Stack>
        )}
      </Container>
    </Box>
  );
}
