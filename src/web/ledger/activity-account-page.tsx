// The activity account (compte d'activité): what the activity invoiced, collected and spent, the
// salary it paid and the fee, its available balance over time, and every movement with its running
// balance. Exports as CSV or XLSX for the period shown.
import {
  Anchor,
  Button,
  Card,
  Group,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { StatementView } from '../../domain/ledger/schemas.ts';
import { api, withQuery } from '../api.ts';
import { useT } from '../i18n/index.ts';
import { BalanceChart } from '../ui/balance-chart.tsx';
import { formatDate, formatMoney } from '../ui/format.ts';
import { PageHeader, Section } from '../ui/page.tsx';
import { Empty, Loading, QueryError } from '../ui/states.tsx';

type Figures = StatementView['figures'];
type Movement = StatementView['movements'][number];

/** Revenue of an invoice's entry (class 7, excl. VAT), shown while it is not collected yet. */
const revenueOf = (lines: Movement['lines']) =>
  lines
    .filter((l) => l.accountNumber.startsWith('7'))
    .reduce((sum, l) => sum + l.creditCents - l.debitCents, 0);

export function ActivityAccountPage() {
  const { id = '' } = useParams();
  const { t, lang } = useT();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const period = { from: from || undefined, to: to || undefined };
  const statement = useQuery({
    queryKey: ['activity-account', id, period],
    queryFn: () => api.get<StatementView>(withQuery(`/api/v1/activities/${id}/account`, period)),
  });
  // Salary requests not yet paid hold part of the balance: shown beside it as pending.
  const salary = useQuery({
    queryKey: ['salary-balance', id],
    queryFn: () => api.get<{ pendingSalaryCents: number }>(`/api/v1/activities/${id}/salary-balance`),
  });
  if (statement.isPending) return <Loading />;
  if (statement.isError) return <QueryError error={statement.error} onRetry={() => statement.refetch()} />;
  const s = statement.data;
  const money = (c: number) => formatMoney(c, lang);
  const exportUrl = (format: 'csv' | 'xlsx') =>
    withQuery(`/api/v1/activities/${id}/account`, { ...period, format });
  return (
    <>
      <PageHeader
        title={t('ledger.accountTitle', { name: s.activity.name })}
        subtitle={s.activity.entity.name}
        back={{ to: `/activities/${id}`, label: s.activity.name }}
        actions={
          <Group gap="xs">
            <Button component="a" href={exportUrl('csv')} variant="default" download>
              {t('ledger.exportCsv')}
            </Button>
            <Button component="a" href={exportUrl('xlsx')} variant="default" download>
              {t('ledger.exportXlsx')}
            </Button>
          </Group>
        }
      />
      <Stack gap="lg">
        <FiguresGrid
          figures={s.figures}
          money={money}
          pendingSalaryCents={salary.data?.pendingSalaryCents ?? 0}
        />
        <Group align="flex-end" gap="sm">
          <TextInput
            type="date"
            label={t('ledger.from')}
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={t('ledger.to')}
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
          />
          {(from || to) && (
            <Button
              variant="subtle"
              onClick={() => {
                setFrom('');
                setTo('');
              }}
            >
              {t('ledger.allPeriod')}
            </Button>
          )}
        </Group>
        {s.monthly.length > 0 && (
          <Section title={t('ledger.overTime')}>
            <BalanceChart
              points={s.monthly}
              lang={lang}
              label={t('ledger.chartLabel')}
              legend={{
                in: t('ledger.moneyIn'),
                out: t('ledger.moneyOut'),
                balance: t('ledger.availableBalance'),
              }}
            />
          </Section>
        )}
        <Section title={t('ledger.movements')}>
          {s.movements.length === 0 ? (
            <Empty>{t('ledger.noMovements')}</Empty>
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table striped highlightOnHover aria-label={t('ledger.movements')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('ledger.date')}</Table.Th>
                    <Table.Th>{t('ledger.label')}</Table.Th>
                    <Table.Th>{t('ledger.category')}</Table.Th>
                    <Table.Th ta="right">{t('ledger.amount')}</Table.Th>
                    <Table.Th ta="right">{t('ledger.balance')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  <Table.Tr>
                    <Table.Td colSpan={4}>
                      <Text size="sm" c="dimmed">
                        {t('ledger.opening')}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right" ff="monospace">
                      {money(s.openingBalanceCents)}
                    </Table.Td>
                  </Table.Tr>
                  {s.movements.map((m) => (
                    <Table.Tr key={`${m.entryId}-${m.category}`}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(m.entryDate, lang)}</Table.Td>
                      <Table.Td>
                        <Tooltip label={`${m.reference}${m.pieceRef ? ` · ${m.pieceRef}` : ''}`}>
                          <Text size="sm">{m.label}</Text>
                        </Tooltip>
                        {m.category === 'revenue' && (
                          <Text size="xs" c="dimmed">
                            {t('ledger.invoicedLine', { amount: money(revenueOf(m.lines)) })}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{t(`ledger.categories.${m.category}`)}</Table.Td>
                      <Table.Td ta="right" ff="monospace" c={m.amountCents < 0 ? 'red.8' : undefined}>
                        {m.amountCents === 0 ? '—' : money(m.amountCents)}
                      </Table.Td>
                      <Table.Td ta="right" ff="monospace">
                        {money(m.balanceCents)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Section>
        <Text size="sm" c="dimmed">
          {t('ledger.howCounted')}{' '}
          <Anchor component={Link} to={`/activities/${id}`}>
            {s.activity.name}
          </Anchor>
        </Text>
      </Stack>
    </>
  );
}

function FiguresGrid({
  figures: f,
  money,
  pendingSalaryCents,
}: {
  figures: Figures;
  money: (c: number) => string;
  pendingSalaryCents: number;
}) {
  const { t } = useT();
  const cards: { key: string; label: string; value: number; strong?: boolean }[] = [
    { key: 'available', label: t('ledger.availableBalance'), value: f.availableBalanceCents, strong: true },
    ...(pendingSalaryCents > 0
      ? [{ key: 'pendingSalary', label: t('ledger.pendingSalary'), value: pendingSalaryCents }]
      : []),
    { key: 'invoiced', label: t('ledger.invoiced'), value: f.invoicedCents },
    { key: 'collected', label: t('ledger.collected'), value: f.collectedCents },
    { key: 'outstanding', label: t('ledger.outstanding'), value: f.outstandingReceivablesCents },
    { key: 'expenses', label: t('ledger.expenses'), value: f.expensesCents },
    { key: 'salary', label: t('ledger.salaryPaid'), value: f.salaryPaidCents },
    { key: 'fee', label: t('ledger.fee'), value: f.feeCents },
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }} spacing="sm">
      {cards.map((c) => (
        <Card
          key={c.key}
          withBorder
          padding="md"
          radius="md"
          bg={c.strong ? 'var(--mantine-color-commune-0)' : undefined}
        >
          <Text size="sm" c="dimmed">
            {c.label}
          </Text>
          <Text fw={700} fz={c.strong ? 26 : 20} ff="monospace" aria-label={`${c.label} : ${money(c.value)}`}>
            {money(c.value)}
          </Text>
        </Card>
      ))}
    </SimpleGrid>
  );
}
