// The direction's dashboard: per entity and office, month by month over a year, the members'
// turnover invoiced and collected, the cooperative fee, salaries, active members and what the
// guarantee fund covers; with its CSV and XLSX export.
import { Button, Card, Group, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { DashboardView } from '../../domain/backoffice/schemas.ts';
import { api, withQuery } from '../api.ts';
import { useT } from '../i18n/index.ts';
import { useEntities, useOffices } from '../queries.ts';
import { formatMoney, localeOf } from '../ui/format.ts';
import { MonthChart } from '../ui/month-chart.tsx';
import { PageHeader, Section } from '../ui/page.tsx';
import { Loading, QueryError } from '../ui/states.tsx';

const thisYear = () => new Date().getUTCFullYear();

export function DashboardPage() {
  const { t, lang } = useT();
  const entities = useEntities();
  const offices = useOffices();
  const [year, setYear] = useState(String(thisYear()));
  const [entityId, setEntityId] = useState('');
  const [officeId, setOfficeId] = useState('');
  const query = { year, ...(entityId ? { entityId } : {}), ...(officeId ? { officeId } : {}) };
  const dashboard = useQuery({
    queryKey: ['backoffice', 'dashboard', query],
    queryFn: () => api.get<DashboardView>('/api/v1/backoffice/dashboard', query),
  });
  const years = Array.from({ length: 5 }, (_, i) => String(thisYear() - i));
  return (
    <>
      <PageHeader
        title={t('backoffice.dashboardTitle')}
        subtitle={t('backoffice.dashboardIntro')}
        actions={(['csv', 'xlsx'] as const).map((format) => (
          <Button
            key={format}
            component="a"
            variant="default"
            href={withQuery('/api/v1/backoffice/dashboard/export', { ...query, format })}
            download
          >
            {t(format === 'csv' ? 'backoffice.exportCsv' : 'backoffice.exportXlsx')}
          </Button>
        ))}
      />
      <Group gap="sm" mb="lg" align="flex-end">
        <Select
          label={t('backoffice.entity')}
          data={[
            { value: '', label: t('backoffice.allEntities') },
            ...(entities.data ?? []).map((e) => ({ value: e.id, label: e.name })),
          ]}
          value={entityId}
          onChange={(v) => setEntityId(v ?? '')}
          allowDeselect={false}
          w={{ base: '100%', xs: 260 }}
        />
        <Select
          label={t('backoffice.office')}
          data={[
            { value: '', label: t('backoffice.allOffices') },
            ...(offices.data ?? []).map((o) => ({ value: o.id, label: o.name })),
          ]}
          value={officeId}
          onChange={(v) => setOfficeId(v ?? '')}
          allowDeselect={false}
          searchable
          w={{ base: '100%', xs: 220 }}
        />
        <Select
          label={t('backoffice.year')}
          data={years}
          value={year}
          onChange={(v) => setYear(v ?? String(thisYear()))}
          allowDeselect={false}
          w={{ base: '100%', xs: 120 }}
        />
      </Group>
      {dashboard.isPending ? (
        <Loading />
      ) : dashboard.isError ? (
        <QueryError error={dashboard.error} onRetry={() => dashboard.refetch()} />
      ) : (
        <Figures d={dashboard.data} lang={lang} />
      )}
    </>
  );
}

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Card withBorder padding="sm" radius="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text
        fz={{ base: 18, sm: 22 }}
        fw={700}
        lh={1.2}
        c="var(--mantine-color-commune-9)"
        style={{ whiteSpace: 'nowrap' }}
      >
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Card>
  );
}

function Figures({ d, lang }: { d: DashboardView; lang: 'fr' | 'en' }) {
  const { t } = useT();
  const money = (c: number) => formatMoney(c, lang);
  const months = d.months.map((m) => m.month);
  const monthName = new Intl.DateTimeFormat(localeOf(lang), { month: 'long', timeZone: 'UTC' });
  const tot = d.totals;
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 2, sm: 3, xl: 6 }} spacing="sm">
        <Stat
          label={t('backoffice.invoiced')}
          value={money(tot.invoicedCents)}
          hint={t('backoffice.exclVat')}
        />
        <Stat
          label={t('backoffice.collected')}
          value={money(tot.collectedCents)}
          hint={t('backoffice.inclVat')}
        />
        <Stat label={t('backoffice.fee')} value={money(tot.feeCents)} />
        <Stat
          label={t('backoffice.grossSalaries')}
          value={money(tot.grossSalariesCents)}
          hint={t('backoffice.employerCostHint', { amount: money(tot.payrollCostCents) })}
        />
        <Stat
          label={t('backoffice.activeMembers')}
          value={String(tot.activeMembers)}
          hint={t('backoffice.activeHint')}
        />
        <Stat
          label={t('backoffice.exposure')}
          value={money(tot.exposureCents)}
          hint={
            tot.fundBalanceCents === null
              ? t('backoffice.exposureHint')
              : t('backoffice.fundBalanceHint', { amount: money(tot.fundBalanceCents) })
          }
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, xl: 2 }} spacing="lg">
        <Section title={t('backoffice.chartTurnover')}>
          <MonthChart
            months={months}
            lang={lang}
            label={t('backoffice.chartTurnover')}
            bars={[
              {
                label: t('backoffice.invoiced'),
                color: 'var(--mantine-color-teal-5)',
                values: d.months.map((m) => m.invoicedCents),
              },
              {
                label: t('backoffice.collected'),
                color: 'var(--mantine-color-blue-4)',
                values: d.months.map((m) => m.collectedCents),
              },
            ]}
          />
        </Section>
        <Section title={t('backoffice.chartPayroll')}>
          <MonthChart
            months={months}
            lang={lang}
            label={t('backoffice.chartPayroll')}
            bars={[
              {
                label: t('backoffice.grossSalaries'),
                color: 'var(--mantine-color-orange-4)',
                values: d.months.map((m) => m.grossSalariesCents),
              },
              {
                label: t('backoffice.fee'),
                color: 'var(--mantine-color-grape-4)',
                values: d.months.map((m) => m.feeCents),
              },
            ]}
            line={{
              label: t('backoffice.exposure'),
              color: 'var(--mantine-color-red-7)',
              values: d.months.map((m) => m.exposureCents),
            }}
          />
        </Section>
      </SimpleGrid>
      <Section title={t('backoffice.byMonth')}>
        <Table.ScrollContainer minWidth={820} type="native">
          <Table verticalSpacing={4} striped aria-label={t('backoffice.byMonth')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('backoffice.month')}</Table.Th>
                <Table.Th ta="right">{t('backoffice.invoiced')}</Table.Th>
                <Table.Th ta="right">{t('backoffice.collected')}</Table.Th>
                <Table.Th ta="right">{t('backoffice.fee')}</Table.Th>
                <Table.Th ta="right">{t('backoffice.grossSalaries')}</Table.Th>
                <Table.Th ta="right">{t('backoffice.activeMembers')}</Table.Th>
                <Table.Th ta="right">{t('backoffice.exposure')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody ff="monospace">
              {d.months.map((m) => (
                <Table.Tr key={m.month}>
                  <Table.Td ff="var(--mantine-font-family)">
                    {monthName.format(new Date(`${m.month}-01T00:00:00Z`))}
                  </Table.Td>
                  <Table.Td ta="right">{money(m.invoicedCents)}</Table.Td>
                  <Table.Td ta="right">{money(m.collectedCents)}</Table.Td>
                  <Table.Td ta="right">{money(m.feeCents)}</Table.Td>
                  <Table.Td ta="right">{money(m.grossSalariesCents)}</Table.Td>
                  <Table.Td ta="right">{m.activeMembers}</Table.Td>
                  <Table.Td ta="right">{money(m.exposureCents)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Section>
      <Section title={t('backoffice.byEntityOffice')}>
        {d.rows.length === 0 ? (
          <Text c="dimmed">{t('backoffice.noFigures')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={820} type="native">
            <Table verticalSpacing={4} aria-label={t('backoffice.byEntityOffice')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('backoffice.entity')}</Table.Th>
                  <Table.Th>{t('backoffice.office')}</Table.Th>
                  <Table.Th ta="right">{t('backoffice.invoiced')}</Table.Th>
                  <Table.Th ta="right">{t('backoffice.collected')}</Table.Th>
                  <Table.Th ta="right">{t('backoffice.fee')}</Table.Th>
                  <Table.Th ta="right">{t('backoffice.grossSalaries')}</Table.Th>
                  <Table.Th ta="right">{t('backoffice.activeMembers')}</Table.Th>
                  <Table.Th ta="right">{t('backoffice.exposure')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.rows.map((r) => (
                  <Table.Tr key={`${r.entity.id}-${r.office?.id ?? ''}`}>
                    <Table.Td>{r.entity.code}</Table.Td>
                    <Table.Td>{r.office?.name ?? t('backoffice.noOffice')}</Table.Td>
                    <Table.Td ta="right" ff="monospace">
                      {money(r.invoicedCents)}
                    </Table.Td>
                    <Table.Td ta="right" ff="monospace">
                      {money(r.collectedCents)}
                    </Table.Td>
                    <Table.Td ta="right" ff="monospace">
                      {money(r.feeCents)}
                    </Table.Td>
                    <Table.Td ta="right" ff="monospace">
                      {money(r.grossSalariesCents)}
                    </Table.Td>
                    <Table.Td ta="right" ff="monospace">
                      {r.activeMembers}
                    </Table.Td>
                    <Table.Td ta="right" ff="monospace">
                      {money(r.exposureCents)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Section>
    </Stack>
  );
}
