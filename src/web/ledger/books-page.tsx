// The books of a legal entity, for accountants and admins: reports (trial balance, balance per
// activity, general ledger, journal), entries with manual posting and reversal, fiscal years and
// month locks, the chart of accounts, and the FEC of a fiscal year.
import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { can } from '../../domain/access.ts';
import type {
  AccountView,
  ActivityBalancesView,
  EntryView,
  FiscalYearView,
  JournalLineView,
  LedgerLineView,
  LockView,
  TrialBalanceView,
} from '../../domain/ledger/schemas.ts';
import { api, type Page, request, withQuery } from '../api.ts';
import { useActor } from '../auth/session.tsx';
import { useT } from '../i18n/index.ts';
import { entityOptions, useEntities } from '../queries.ts';
import { ConfirmButton } from '../ui/confirm.tsx';
import { formatDate, formatMoney } from '../ui/format.ts';
import { FormError, useErrorMessage } from '../ui/forms.tsx';
import { PageHeader } from '../ui/page.tsx';
import { Empty, Loading, NotFound, QueryError } from '../ui/states.tsx';

/** A fiscal year, or dates within it when the accountant narrows the period. */
type Period = { fiscalYearId?: string | undefined; from?: string | undefined; to?: string | undefined };

export function BooksPage() {
  const actor = useActor();
  // The books are the accountants' and the direction's: anyone else gets the page that does not exist.
  return can(actor, 'ledger.read') ? <Books /> : <NotFound />;
}

function Books() {
  const { t } = useT();
  const entities = useEntities();
  const [entityId, setEntityId] = useState<string | null>(null);
  const entity = entityId ?? entities.data?.[0]?.id ?? null;
  const years = useQuery({
    queryKey: ['ledger', entity, 'fiscal-years'],
    queryFn: () => api.get<{ items: FiscalYearView[] }>(`/api/v1/ledger/entities/${entity}/fiscal-years`),
    enabled: entity !== null,
  });
  const [yearId, setYearId] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const year = years.data?.items.find((y) => y.id === yearId) ?? years.data?.items.at(-1) ?? null;
  if (entities.isPending) return <Loading />;
  if (entities.isError) return <QueryError error={entities.error} />;
  const period: Period =
    from || to ? { from: from || undefined, to: to || undefined } : { fiscalYearId: year?.id };
  return (
    <>
      <PageHeader
        title={t('ledger.booksTitle')}
        actions={
          year && (
            <Button
              component="a"
              href={`/api/v1/ledger/fiscal-years/${year.id}/fec`}
              variant="default"
              download
            >
              {t('ledger.downloadFec', { year: year.code })}
            </Button>
          )
        }
      />
      <Group gap="sm" mb="md" align="flex-end">
        <Select
          label={t('ledger.entity')}
          data={entityOptions(entities.data)}
          value={entity}
          onChange={(v) => {
            setEntityId(v);
            setYearId(null);
          }}
          allowDeselect={false}
          w={320}
        />
        <Select
          label={t('ledger.fiscalYear')}
          data={(years.data?.items ?? []).map((y) => ({
            value: y.id,
            label: `${y.code}${y.status === 'closed' ? ` (${t('ledger.closed')})` : ''}`,
          }))}
          value={year?.id ?? null}
          onChange={(v) => {
            setYearId(v);
            setFrom('');
            setTo('');
          }}
          allowDeselect={false}
          w={200}
        />
        <TextInput
          type="date"
          label={t('ledger.from')}
          value={from}
          min={year?.startDate}
          max={year?.endDate}
          onChange={(e) => setFrom(e.currentTarget.value)}
        />
        <TextInput
          type="date"
          label={t('ledger.to')}
          value={to}
          min={year?.startDate}
          max={year?.endDate}
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
            {t('ledger.wholeYear')}
          </Button>
        )}
      </Group>
      {entity && year ? (
        <Tabs defaultValue="trial" keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="trial">{t('ledger.trialBalance')}</Tabs.Tab>
            <Tabs.Tab value="activities">{t('ledger.activityBalances')}</Tabs.Tab>
            <Tabs.Tab value="entries">{t('ledger.entries')}</Tabs.Tab>
            <Tabs.Tab value="general">{t('ledger.generalLedger')}</Tabs.Tab>
            <Tabs.Tab value="journal">{t('ledger.journalReport')}</Tabs.Tab>
            <Tabs.Tab value="periods">{t('ledger.periods')}</Tabs.Tab>
            <Tabs.Tab value="accounts">{t('ledger.chart')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="trial">
            <TrialBalance entity={entity} period={period} />
          </Tabs.Panel>
          <Tabs.Panel value="activities">
            <ActivityBalances entity={entity} period={period} />
          </Tabs.Panel>
          <Tabs.Panel value="entries">
            <Entries entity={entity} year={year} />
          </Tabs.Panel>
          <Tabs.Panel value="general">
            <GeneralLedger entity={entity} period={period} />
          </Tabs.Panel>
          <Tabs.Panel value="journal">
            <JournalReport entity={entity} period={period} />
          </Tabs.Panel>
          <Tabs.Panel value="periods">
            <Periods entity={entity} year={year} />
          </Tabs.Panel>
          <Tabs.Panel value="accounts">
            <ChartOfAccounts entity={entity} />
          </Tabs.Panel>
        </Tabs>
      ) : (
        years.isPending || <Empty>{t('ledger.noFiscalYear')}</Empty>
      )}
    </>
  );
}

const reportUrl = (entity: string, report: string, query: Record<string, string | undefined>) =>
  withQuery(`/api/v1/ledger/entities/${entity}/reports/${report}`, query);

function Exports({ url }: { url: (format: 'csv' | 'xlsx') => string }) {
  const { t } = useT();
  return (
    <Group gap="xs" justify="flex-end" mb="sm">
      <Button component="a" size="xs" variant="default" href={url('csv')} download>
        {t('ledger.exportCsv')}
      </Button>
      <Button component="a" size="xs" variant="default" href={url('xlsx')} download>
        {t('ledger.exportXlsx')}
      </Button>
    </Group>
  );
}

function Money({ cents, strong }: { cents: number; strong?: boolean }) {
  const { lang } = useT();
  return (
    <Table.Td ta="right" ff="monospace" fw={strong ? 700 : undefined} style={{ whiteSpace: 'nowrap' }}>
      {cents === 0 ? '' : formatMoney(cents, lang)}
    </Table.Td>
  );
}

function ReportTable({ label, head, children }: { label: string; head: ReactNode; children: ReactNode }) {
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover aria-label={label} fz="sm">
        <Table.Thead>{head}</Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function useReport<T>(entity: string, report: string, query: Record<string, string | undefined>) {
  return useQuery({
    queryKey: ['ledger', entity, report, query],
    queryFn: () => api.get<T>(reportUrl(entity, report, query)),
  });
}

function TrialBalance({ entity, period }: { entity: string; period: Period }) {
  const { t } = useT();
  const report = useReport<TrialBalanceView>(entity, 'trial-balance', period);
  if (report.isPending) return <Loading />;
  if (report.isError) return <QueryError error={report.error} />;
  const r = report.data;
  return (
    <>
      <Exports url={(format) => reportUrl(entity, 'trial-balance', { ...period, format })} />
      <ReportTable
        label={t('ledger.trialBalance')}
        head={
          <Table.Tr>
            <Table.Th>{t('ledger.account')}</Table.Th>
            <Table.Th ta="right">{t('ledger.debit')}</Table.Th>
            <Table.Th ta="right">{t('ledger.credit')}</Table.Th>
            <Table.Th ta="right">{t('ledger.balanceDebit')}</Table.Th>
            <Table.Th ta="right">{t('ledger.balanceCredit')}</Table.Th>
          </Table.Tr>
        }
      >
        {r.rows.map((row) => (
          <Table.Tr key={row.accountNumber}>
            <Table.Td>
              <Text span ff="monospace" size="sm">
                {row.accountNumber}
              </Text>{' '}
              {row.accountLabel}
            </Table.Td>
            <Money cents={row.debitCents} />
            <Money cents={row.creditCents} />
            <Money cents={row.balanceDebitCents} />
            <Money cents={row.balanceCreditCents} />
          </Table.Tr>
        ))}
        <Table.Tr>
          <Table.Td fw={700}>{t('ledger.totals')}</Table.Td>
          <Money cents={r.totals.debitCents} strong />
          <Money cents={r.totals.creditCents} strong />
          <Money cents={r.totals.balanceDebitCents} strong />
          <Money cents={r.totals.balanceCreditCents} strong />
        </Table.Tr>
      </ReportTable>
    </>
  );
}

function ActivityBalances({ entity, period }: { entity: string; period: Period }) {
  const { t } = useT();
  const report = useReport<ActivityBalancesView>(entity, 'activity-balances', period);
  if (report.isPending) return <Loading />;
  if (report.isError) return <QueryError error={report.error} />;
  const r = report.data;
  return (
    <>
      <Exports url={(format) => reportUrl(entity, 'activity-balances', { ...period, format })} />
      <ReportTable
        label={t('ledger.activityBalances')}
        head={
          <Table.Tr>
            <Table.Th>{t('ledger.activity')}</Table.Th>
            <Table.Th ta="right">{t('ledger.invoiced')}</Table.Th>
            <Table.Th ta="right">{t('ledger.collected')}</Table.Th>
            <Table.Th ta="right">{t('ledger.expenses')}</Table.Th>
            <Table.Th ta="right">{t('ledger.salaryPaid')}</Table.Th>
            <Table.Th ta="right">{t('ledger.fee')}</Table.Th>
            <Table.Th ta="right">{t('ledger.availableBalance')}</Table.Th>
          </Table.Tr>
        }
      >
        {r.items.map(({ activity, members, figures: f }) => (
          <Table.Tr key={activity.id}>
            <Table.Td>
              <Text size="sm" fw={500}>
                {activity.name}
              </Text>
              <Text size="xs" c="dimmed">
                {members.join(', ')}
              </Text>
            </Table.Td>
            <Money cents={f.invoicedCents} />
            <Money cents={f.collectedCents} />
            <Money cents={f.expensesCents} />
            <Money cents={f.salaryPaidCents} />
            <Money cents={f.feeCents} />
            <Money cents={f.availableBalanceCents} strong />
          </Table.Tr>
        ))}
      </ReportTable>
    </>
  );
}

function GeneralLedger({ entity, period }: { entity: string; period: Period }) {
  const { t, lang } = useT();
  const [account, setAccount] = useState('411');
  const query = { ...period, accountNumber: account || undefined, byAuxiliary: 'true', limit: '200' };
  const report = useReport<Page<LedgerLineView>>(entity, 'general-ledger', query);
  return (
    <>
      <Group justify="space-between" align="flex-end">
        <TextInput
          label={t('ledger.accountFilter')}
          value={account}
          onChange={(e) => setAccount(e.currentTarget.value.replace(/\D/g, ''))}
          w={200}
        />
        <Exports
          url={(format) => reportUrl(entity, 'general-ledger', { ...query, limit: undefined, format })}
        />
      </Group>
      {report.isPending ? (
        <Loading />
      ) : report.isError ? (
        <QueryError error={report.error} />
      ) : (
        <ReportTable
          label={t('ledger.generalLedger')}
          head={
            <Table.Tr>
              <Table.Th>{t('ledger.account')}</Table.Th>
              <Table.Th>{t('ledger.date')}</Table.Th>
              <Table.Th>{t('ledger.reference')}</Table.Th>
              <Table.Th>{t('ledger.label')}</Table.Th>
              <Table.Th ta="right">{t('ledger.debit')}</Table.Th>
              <Table.Th ta="right">{t('ledger.credit')}</Table.Th>
              <Table.Th ta="right">{t('ledger.balance')}</Table.Th>
            </Table.Tr>
          }
        >
          {report.data.items.map((l, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: two lines of one entry may share an account; the report's order is fixed
            <Table.Tr key={`${l.entryId}-${i}`}>
              <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                {l.accountNumber}
                {l.auxiliaryCode ? ` · ${l.auxiliaryCode}` : ''}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(l.entryDate, lang)}</Table.Td>
              <Table.Td ff="monospace">{l.reference}</Table.Td>
              <Table.Td>
                {l.label}
                {l.activityName && (
                  <Text size="xs" c="dimmed">
                    {l.activityName}
                  </Text>
                )}
              </Table.Td>
              <Money cents={l.debitCents} />
              <Money cents={l.creditCents} />
              <Table.Td ta="right" ff="monospace">
                {formatMoney(l.balanceCents, lang)}
              </Table.Td>
            </Table.Tr>
          ))}
        </ReportTable>
      )}
    </>
  );
}

function JournalReport({ entity, period }: { entity: string; period: Period }) {
  const { t, lang } = useT();
  const [journal, setJournal] = useState<string | null>('VE');
  const journals = useQuery({
    queryKey: ['ledger', entity, 'journals'],
    queryFn: () =>
      api.get<{ items: { code: string; label: string }[] }>(`/api/v1/ledger/entities/${entity}/journals`),
  });
  const query = { ...period, journalCode: journal ?? undefined, limit: '200' };
  const report = useReport<Page<JournalLineView>>(entity, 'journal', query);
  return (
    <>
      <Group justify="space-between" align="flex-end">
        <Select
          label={t('ledger.journal')}
          data={(journals.data?.items ?? []).map((j) => ({ value: j.code, label: `${j.code} — ${j.label}` }))}
          value={journal}
          onChange={setJournal}
          w={260}
        />
        <Exports url={(format) => reportUrl(entity, 'journal', { ...query, limit: undefined, format })} />
      </Group>
      {report.isPending ? (
        <Loading />
      ) : report.isError ? (
        <QueryError error={report.error} />
      ) : (
        <ReportTable
          label={t('ledger.journalReport')}
          head={
            <Table.Tr>
              <Table.Th>{t('ledger.reference')}</Table.Th>
              <Table.Th>{t('ledger.date')}</Table.Th>
              <Table.Th>{t('ledger.account')}</Table.Th>
              <Table.Th>{t('ledger.label')}</Table.Th>
              <Table.Th ta="right">{t('ledger.debit')}</Table.Th>
              <Table.Th ta="right">{t('ledger.credit')}</Table.Th>
            </Table.Tr>
          }
        >
          {report.data.items.map((l) => (
            <Table.Tr key={`${l.entryId}-${l.lineNo}`}>
              <Table.Td ff="monospace">{l.lineNo === 1 ? l.reference : ''}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {l.lineNo === 1 ? formatDate(l.entryDate, lang) : ''}
              </Table.Td>
              <Table.Td ff="monospace">
                {l.accountNumber}
                {l.auxiliaryCode ? ` · ${l.auxiliaryCode}` : ''}
              </Table.Td>
              <Table.Td>{l.label}</Table.Td>
              <Money cents={l.debitCents} />
              <Money cents={l.creditCents} />
            </Table.Tr>
          ))}
        </ReportTable>
      )}
    </>
  );
}

type LineDraft = { accountNumber: string; debit: number | string; credit: number | string; label: string };
const emptyLine = (): LineDraft => ({ accountNumber: '', debit: '', credit: '', label: '' });
const toCents = (v: number | string) => Math.round(Number(v || 0) * 100);

function Entries({ entity, year }: { entity: string; year: FiscalYearView }) {
  const { t, lang } = useT();
  const queryClient = useQueryClient();
  const [opened, { open, close }] = useDisclosure(false);
  const entries = useQuery({
    queryKey: ['ledger', entity, 'entries', year.id],
    queryFn: () =>
      api.get<Page<EntryView>>(`/api/v1/ledger/entities/${entity}/entries`, {
        fiscalYearId: year.id,
        limit: 100,
      }),
  });
  const errorMessage = useErrorMessage();
  const reverse = useMutation({
    mutationFn: (id: string) =>
      request<EntryView>(`/api/v1/ledger/entries/${id}/reversal`, {
        method: 'POST',
        body: {},
        idempotencyKey: `reverse-${id}`,
      }),
    onSuccess: (e) => {
      notifications.show({ color: 'green', message: t('ledger.reversed', { reference: e.reference }) });
      void queryClient.invalidateQueries({ queryKey: ['ledger', entity] });
    },
    onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
  });
  return (
    <>
      <Group justify="flex-end" mb="sm">
        <Button onClick={open} disabled={year.status === 'closed'}>
          {t('ledger.newEntry')}
        </Button>
      </Group>
      <Modal opened={opened} onClose={close} title={t('ledger.newEntry')} size="xl">
        <EntryForm entity={entity} onDone={close} />
      </Modal>
      {entries.isPending ? (
        <Loading />
      ) : entries.isError ? (
        <QueryError error={entries.error} />
      ) : entries.data.items.length === 0 ? (
        <Empty>{t('ledger.noEntries')}</Empty>
      ) : (
        <ReportTable
          label={t('ledger.entries')}
          head={
            <Table.Tr>
              <Table.Th>{t('ledger.reference')}</Table.Th>
              <Table.Th>{t('ledger.date')}</Table.Th>
              <Table.Th>{t('ledger.label')}</Table.Th>
              <Table.Th ta="right">{t('ledger.amount')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          }
        >
          {entries.data.items.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                {e.reference}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(e.entryDate, lang)}</Table.Td>
              <Table.Td>
                {e.label}
                <Text size="xs" c="dimmed">
                  {e.lines.map((l) => l.accountNumber).join(' · ')}
                </Text>
              </Table.Td>
              <Money cents={e.totalCents} />
              <Table.Td ta="right">
                {e.reversedByEntryId ? (
                  <Badge color="gray" variant="light">
                    {t('ledger.reversedBadge')}
                  </Badge>
                ) : e.reversesEntryId ? (
                  <Badge color="orange" variant="light">
                    {t('ledger.reversalBadge')}
                  </Badge>
                ) : (
                  <ConfirmButton
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    loading={reverse.isPending && reverse.variables === e.id}
                    title={t('ledger.reverseEntry', { reference: e.reference })}
                    message={t('ledger.reverseText', { label: e.label })}
                    confirmLabel={t('ledger.reverse')}
                    onConfirm={() => reverse.mutateAsync(e.id)}
                    aria-label={t('ledger.reverseEntry', { reference: e.reference })}
                  >
                    {t('ledger.reverse')}
                  </ConfirmButton>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </ReportTable>
      )}
    </>
  );
}

function EntryForm({ entity, onDone }: { entity: string; onDone: () => void }) {
  const { t, lang } = useT();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const [date, setDate] = useState('');
  const [label, setLabel] = useState('');
  const [pieceRef, setPieceRef] = useState('');
  const [lines, setLines] = useState<LineDraft[]>([emptyLine(), emptyLine()]);
  // One key per form: a retried submission after a network error posts the entry once.
  const [key] = useState(() => crypto.randomUUID());
  const debit = lines.reduce((s, l) => s + toCents(l.debit), 0);
  const credit = lines.reduce((s, l) => s + toCents(l.credit), 0);
  const post = useMutation({
    mutationFn: () =>
      request<EntryView>('/api/v1/ledger/entries', {
        method: 'POST',
        idempotencyKey: key,
        body: {
          entityId: entity,
          journalCode: 'OD',
          entryDate: date,
          label,
          pieceRef: pieceRef || null,
          lines: lines.map((l) => ({
            accountNumber: l.accountNumber,
            debitCents: toCents(l.debit),
            creditCents: toCents(l.credit),
            label: l.label || null,
          })),
        },
      }),
    onSuccess: (e) => {
      notifications.show({ color: 'green', message: t('ledger.posted', { reference: e.reference }) });
      void queryClient.invalidateQueries({ queryKey: ['ledger', entity] });
      onDone();
    },
  });
  const set = (i: number, patch: Partial<LineDraft>) =>
    setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        post.mutate();
      }}
    >
      <Stack gap="sm">
        <FormError message={post.error ? errorMessage(post.error) : null} />
        <Group grow>
          <TextInput
            type="date"
            label={t('ledger.date')}
            required
            value={date}
            onChange={(e) => setDate(e.currentTarget.value)}
          />
          <TextInput
            label={t('ledger.pieceRef')}
            value={pieceRef}
            onChange={(e) => setPieceRef(e.currentTarget.value)}
          />
        </Group>
        <TextInput
          label={t('ledger.label')}
          required
          value={label}
          onChange={(e) => setLabel(e.currentTarget.value)}
        />
        {lines.map((l, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity before they are posted
          <Group key={i} gap="xs" align="flex-end" wrap="nowrap">
            <TextInput
              label={i === 0 ? t('ledger.account') : undefined}
              aria-label={t('ledger.lineAccount', { n: i + 1 })}
              value={l.accountNumber}
              onChange={(e) => set(i, { accountNumber: e.currentTarget.value })}
              w={110}
            />
            <TextInput
              label={i === 0 ? t('ledger.lineLabel') : undefined}
              aria-label={t('ledger.lineLabelN', { n: i + 1 })}
              value={l.label}
              onChange={(e) => set(i, { label: e.currentTarget.value })}
              style={{ flex: 1 }}
            />
            <NumberInput
              label={i === 0 ? t('ledger.debit') : undefined}
              aria-label={t('ledger.lineDebit', { n: i + 1 })}
              value={l.debit}
              onChange={(v) => set(i, { debit: v })}
              decimalScale={2}
              min={0}
              decimalSeparator={lang === 'fr' ? ',' : '.'}
              hideControls
              w={120}
            />
            <NumberInput
              label={i === 0 ? t('ledger.credit') : undefined}
              aria-label={t('ledger.lineCredit', { n: i + 1 })}
              value={l.credit}
              onChange={(v) => set(i, { credit: v })}
              decimalScale={2}
              min={0}
              decimalSeparator={lang === 'fr' ? ',' : '.'}
              hideControls
              w={120}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('ledger.removeLine', { n: i + 1 })}
              disabled={lines.length <= 2}
              onClick={() => setLines((ls) => ls.filter((_, j) => j !== i))}
              mb={4}
            >
              ×
            </ActionIcon>
          </Group>
        ))}
        <Group justify="space-between">
          <Button variant="light" size="xs" onClick={() => setLines((ls) => [...ls, emptyLine()])}>
            {t('ledger.addLine')}
          </Button>
          <Text size="sm" c={debit === credit ? 'dimmed' : 'red.8'}>
            {t('ledger.totalsLine', { debit: formatMoney(debit, lang), credit: formatMoney(credit, lang) })}
          </Text>
        </Group>
        <Group justify="flex-end">
          <Button type="submit" loading={post.isPending}>
            {t('ledger.post')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Periods({ entity, year }: { entity: string; year: FiscalYearView }) {
  const { t, lang } = useT();
  const actor = useActor();
  const admin = actor.roles.includes('admin');
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const locks = useQuery({
    queryKey: ['ledger', entity, 'locks'],
    queryFn: () => api.get<{ items: LockView[] }>(`/api/v1/ledger/entities/${entity}/locks`),
  });
  const act = useMutation({
    mutationFn: (o: { method: 'PUT' | 'DELETE' | 'POST'; path: string }) =>
      request(o.path, { method: o.method, ...(o.method === 'POST' ? { body: {} } : {}) }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['ledger', entity] }),
    onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
  });
  const months: string[] = [];
  for (let d = new Date(`${year.startDate}T00:00:00Z`); d.toISOString().slice(0, 10) <= year.endDate; ) {
    months.push(d.toISOString().slice(0, 7));
    d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
  }
  const locked = new Map((locks.data?.items ?? []).map((l) => [l.month, l]));
  const monthName = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'fr-FR', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return (
    <Stack>
      <Group justify="space-between">
        <Text>
          {t('ledger.yearSummary', {
            code: year.code,
            from: formatDate(year.startDate, lang),
            to: formatDate(year.endDate, lang),
            count: year.entryCount,
          })}{' '}
          <Badge color={year.status === 'open' ? 'green' : 'gray'} variant="light">
            {year.status === 'open' ? t('ledger.open') : t('ledger.closed')}
          </Badge>
        </Text>
        {year.status === 'open' ? (
          <Button
            color="red"
            variant="light"
            onClick={() =>
              act.mutate({ method: 'POST', path: `/api/v1/ledger/fiscal-years/${year.id}/close` })
            }
          >
            {t('ledger.closeYear')}
          </Button>
        ) : (
          admin && (
            <Button
              variant="light"
              onClick={() =>
                act.mutate({ method: 'POST', path: `/api/v1/ledger/fiscal-years/${year.id}/reopen` })
              }
            >
              {t('ledger.reopenYear')}
            </Button>
          )
        )}
      </Group>
      <ReportTable
        label={t('ledger.periods')}
        head={
          <Table.Tr>
            <Table.Th>{t('ledger.month')}</Table.Th>
            <Table.Th>{t('ledger.state')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        }
      >
        {months.map((m) => {
          const lock = locked.get(m);
          const path = `/api/v1/ledger/entities/${entity}/locks/${m}`;
          return (
            <Table.Tr key={m}>
              <Table.Td tt="capitalize">{monthName.format(new Date(`${m}-01T00:00:00Z`))}</Table.Td>
              <Table.Td>
                {lock
                  ? t('ledger.lockedOn', { date: formatDate(lock.lockedAt.slice(0, 10), lang) })
                  : t('ledger.open')}
              </Table.Td>
              <Table.Td ta="right">
                {!lock && year.status === 'open' && (
                  <Button
                    size="compact-xs"
                    variant="light"
                    onClick={() => act.mutate({ method: 'PUT', path })}
                  >
                    {t('ledger.lockMonth')}
                  </Button>
                )}
                {lock && admin && year.status === 'open' && (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    onClick={() => act.mutate({ method: 'DELETE', path })}
                  >
                    {t('ledger.unlockMonth')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </ReportTable>
    </Stack>
  );
}

function ChartOfAccounts({ entity }: { entity: string }) {
  const { t } = useT();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const [q, setQ] = useState('');
  const [number, setNumber] = useState('');
  const [label, setLabel] = useState('');
  const accounts = useQuery({
    queryKey: ['ledger', entity, 'accounts', q],
    queryFn: () =>
      api.get<{ items: AccountView[] }>(`/api/v1/ledger/entities/${entity}/accounts`, { q: q || undefined }),
  });
  const add = useMutation({
    mutationFn: () =>
      api.post<AccountView>(`/api/v1/ledger/entities/${entity}/accounts`, {
        number,
        label,
        auxiliaryKind: null,
      }),
    onSuccess: (a) => {
      notifications.show({ color: 'green', message: t('ledger.accountAdded', { number: a.number }) });
      setNumber('');
      setLabel('');
      void queryClient.invalidateQueries({ queryKey: ['ledger', entity, 'accounts'] });
    },
  });
  return (
    <Stack>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate();
        }}
      >
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t('ledger.accountNumber')}
            value={number}
            onChange={(e) => setNumber(e.currentTarget.value)}
            w={140}
            required
          />
          <TextInput
            label={t('ledger.accountLabel')}
            value={label}
            onChange={(e) => setLabel(e.currentTarget.value)}
            w={320}
            required
          />
          <Button type="submit" loading={add.isPending}>
            {t('ledger.addAccount')}
          </Button>
        </Group>
        <FormError message={add.error ? errorMessage(add.error) : null} />
      </form>
      <TextInput
        label={t('ledger.searchAccount')}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        w={320}
      />
      {accounts.isPending ? (
        <Loading />
      ) : accounts.isError ? (
        <QueryError error={accounts.error} />
      ) : (
        <ReportTable
          label={t('ledger.chart')}
          head={
            <Table.Tr>
              <Table.Th>{t('ledger.accountNumber')}</Table.Th>
              <Table.Th>{t('ledger.accountLabel')}</Table.Th>
              <Table.Th>{t('ledger.auxiliary')}</Table.Th>
            </Table.Tr>
          }
        >
          {accounts.data.items.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td ff="monospace">{a.number}</Table.Td>
              <Table.Td>{a.label}</Table.Td>
              <Table.Td>{a.auxiliaryKind ? t(`ledger.auxiliaryKinds.${a.auxiliaryKind}`) : ''}</Table.Td>
            </Table.Tr>
          ))}
        </ReportTable>
      )}
    </Stack>
  );
}
