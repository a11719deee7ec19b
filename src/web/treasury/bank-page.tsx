// The bank, for accountants: each account's balance at the bank beside the ledger's, statement
// imports (with upload progress), the reconciliation queue where a suggested match is confirmed in one
// click, lines set aside, and client payments recorded by hand (cheques, cards, cash).
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  FileButton,
  Group,
  Modal,
  NumberInput,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Tabs,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { can } from '../../domain/access.ts';
import {
  type BankAccountView,
  type MatchSuggestion,
  type OpenInvoiceView,
  type PaymentView,
  paymentMethods,
  type StatementImportView,
  type StatementLineView,
} from '../../domain/treasury/schemas.ts';
import { ApiError, api, request } from '../api.ts';
import { useActor } from '../auth/session.tsx';
import { useT } from '../i18n/index.ts';
import { entityOptions, useEntities } from '../queries.ts';
import { formatDate, formatMoney } from '../ui/format.ts';
import { FormError, useErrorMessage } from '../ui/forms.tsx';
import { PageHeader } from '../ui/page.tsx';
import { Empty, Loading, NotFound, QueryError } from '../ui/states.tsx';

export function BankPage() {
  const actor = useActor();
  return can(actor, 'treasury.manage') ? <Bank /> : <NotFound />;
}

const newKey = () => (globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random()}`).toString();

/** Parses "1 234,56" or "1234.56" typed by a person into cents. */
const toCents = (value: string | number) =>
  Math.round(Number(String(value).replace(/\s/g, '').replace(',', '.')) * 100);

function Bank() {
  const { t } = useT();
  const entities = useEntities();
  const [entityId, setEntityId] = useState<string | null>(null);
  const entity = entityId ?? entities.data?.[0]?.id ?? null;
  const accounts = useQuery({
    queryKey: ['treasury', 'accounts', entity],
    queryFn: () =>
      api.get<{ items: BankAccountView[] }>('/api/v1/treasury/bank-accounts', { entityId: entity }),
    enabled: entity !== null,
  });
  const [accountId, setAccountId] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  if (entities.isPending) return <Loading />;
  if (entities.isError) return <QueryError error={entities.error} />;
  const list = accounts.data?.items ?? [];
  const account = list.find((a) => a.id === accountId) ?? list[0] ?? null;
  return (
    <>
      <PageHeader
        title={t('treasury.title')}
        subtitle={t('treasury.subtitle')}
        actions={
          <Button variant="default" onClick={() => setAdding(true)}>
            {t('treasury.addAccount')}
          </Button>
        }
      />
      <Group mb="md" align="end">
        <Select
          label={t('ledger.entity')}
          data={entityOptions(entities.data)}
          value={entity}
          onChange={(v) => {
            setEntityId(v);
            setAccountId(null);
          }}
          allowDeselect={false}
          w={320}
        />
      </Group>
      {accounts.isPending ? (
        <Loading />
      ) : accounts.isError ? (
        <QueryError error={accounts.error} />
      ) : list.length === 0 ? (
        <Empty>{t('treasury.noAccount')}</Empty>
      ) : (
        <>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} mb="lg">
            {list.map((a) => (
              <AccountCard
                key={a.id}
                account={a}
                selected={a.id === account?.id}
                onSelect={() => setAccountId(a.id)}
              />
            ))}
          </SimpleGrid>
          {account && <AccountWork key={account.id} account={account} />}
        </>
      )}
      {entity && <AddAccount opened={adding} onClose={() => setAdding(false)} entityId={entity} />}
    </>
  );
}

function AccountCard({
  account,
  selected,
  onSelect,
}: {
  account: BankAccountView;
  selected: boolean;
  onSelect: () => void;
}) {
  const { t, lang } = useT();
  const gap =
    account.statementBalanceCents === null
      ? null
      : account.statementBalanceCents - account.ledgerBalanceCents;
  return (
    <Card
      withBorder
      padding="md"
      component="button"
      type="button"
      onClick={onSelect}
      aria-pressed={selected}
      style={{
        textAlign: 'left',
        cursor: 'pointer',
        borderColor: selected ? 'var(--mantine-color-teal-6)' : undefined,
        borderWidth: selected ? 2 : 1,
      }}
    >
      <Group justify="space-between" mb={4} wrap="nowrap">
        <Text fw={600}>{account.label}</Text>
        {account.unmatchedCount > 0 && (
          <Badge color="orange" variant="light">
            {t('treasury.toMatch', { count: account.unmatchedCount })}
          </Badge>
        )}
      </Group>
      <Text size="sm" c="dimmed" ff="monospace">
        {account.iban.replace(/(.{4})/g, '$1 ').trim()} · {account.ledgerAccount}
      </Text>
      <Group mt="sm" gap="xl">
        <div>
          <Text size="xs" c="dimmed">
            {account.statementBalanceDate
              ? t('treasury.bankBalanceOn', { date: formatDate(account.statementBalanceDate, lang) })
              : t('treasury.bankBalance')}
          </Text>
          <Text fw={600}>
            {account.statementBalanceCents === null ? '—' : formatMoney(account.statementBalanceCents, lang)}
          </Text>
        </div>
        <div>
          <Text size="xs" c="dimmed">
            {t('treasury.ledgerBalance')}
          </Text>
          <Text fw={600}>{formatMoney(account.ledgerBalanceCents, lang)}</Text>
        </div>
      </Group>
      {gap !== null && gap !== 0 && (
        <Text size="xs" c="orange.8" mt={6}>
          {t('treasury.gap', { amount: formatMoney(gap, lang) })}
        </Text>
      )}
    </Card>
  );
}

function AccountWork({ account }: { account: BankAccountView }) {
  const { t } = useT();
  const [paying, setPaying] = useState(false);
  return (
    <Card withBorder padding="md">
      <Group justify="space-between" mb="sm">
        <Text fw={600} size="lg">
          {account.label}
        </Text>
        <Group>
          <Button variant="default" onClick={() => setPaying(true)}>
            {t('treasury.recordPayment')}
          </Button>
          <ImportButton account={account} />
        </Group>
      </Group>
      <Tabs defaultValue="unmatched" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="unmatched">{t('treasury.tabUnmatched')}</Tabs.Tab>
          <Tabs.Tab value="matched">{t('treasury.tabMatched')}</Tabs.Tab>
          <Tabs.Tab value="ignored">{t('treasury.tabIgnored')}</Tabs.Tab>
          <Tabs.Tab value="imports">{t('treasury.tabImports')}</Tabs.Tab>
          <Tabs.Tab value="payments">{t('treasury.tabPayments')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="unmatched" pt="md">
          <Lines account={account} status="unmatched" />
        </Tabs.Panel>
        <Tabs.Panel value="matched" pt="md">
          <Lines account={account} status="matched" />
        </Tabs.Panel>
        <Tabs.Panel value="ignored" pt="md">
          <Lines account={account} status="ignored" />
        </Tabs.Panel>
        <Tabs.Panel value="imports" pt="md">
          <Imports account={account} />
        </Tabs.Panel>
        <Tabs.Panel value="payments" pt="md">
          <Payments account={account} />
        </Tabs.Panel>
      </Tabs>
      <PaymentModal opened={paying} onClose={() => setPaying(false)} account={account} line={null} />
    </Card>
  );
}

/** Sends the file as it is, with progress: statements of a year can weigh several megabytes. */
function ImportButton({ account }: { account: BankAccountView }) {
  const { t } = useT();
  const message = useErrorMessage();
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<number | null>(null);
  const upload = (file: File | null) => {
    if (!file) return;
    const xhr = new XMLHttpRequest();
    xhr.open(
      'POST',
      `/api/v1/treasury/bank-accounts/${account.id}/statements?fileName=${encodeURIComponent(file.name)}`,
    );
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('Accept-Language', document.documentElement.lang || 'fr');
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => e.lengthComputable && setProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      setProgress(null);
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status >= 400) {
        notifications.show({
          color: 'red',
          message: message(new ApiError({ ...(body as object), status: xhr.status })),
        });
        return;
      }
      const r = body as StatementImportView;
      notifications.show({
        color: r.alreadyImported ? 'yellow' : 'teal',
        message: r.alreadyImported
          ? t('treasury.alreadyImported', { file: r.fileName })
          : t('treasury.imported', { added: r.newLineCount, total: r.lineCount }),
      });
      void queryClient.invalidateQueries({ queryKey: ['treasury'] });
    };
    xhr.onerror = () => {
      setProgress(null);
      notifications.show({ color: 'red', message: t('app.networkError') });
    };
    setProgress(0);
    xhr.send(file);
  };
  return (
    <Stack gap={4}>
      <FileButton onChange={upload} accept=".xml,.ofx,.qfx,.csv,.txt,.sta">
        {(props) => (
          <Button {...props} loading={progress !== null}>
            {t('treasury.import')}
          </Button>
        )}
      </FileButton>
      {progress !== null && <Progress value={progress} size="sm" aria-label={t('treasury.uploading')} />}
    </Stack>
  );
}

const confidenceColor = (c: number) => (c >= 90 ? 'teal' : c >= 60 ? 'yellow' : 'gray');

function Lines({
  account,
  status,
}: {
  account: BankAccountView;
  status: 'unmatched' | 'matched' | 'ignored';
}) {
  const { t, lang } = useT();
  const message = useErrorMessage();
  const queryClient = useQueryClient();
  const [assigning, setAssigning] = useState<StatementLineView | null>(null);
  const lines = useQuery({
    queryKey: ['treasury', 'lines', account.id, status],
    queryFn: () =>
      api.get<{ items: StatementLineView[] }>(`/api/v1/treasury/bank-accounts/${account.id}/lines`, {
        status,
      }),
  });
  const done = () => queryClient.invalidateQueries({ queryKey: ['treasury'] });
  const confirm = useMutation({
    mutationFn: ({ line, s }: { line: StatementLineView; s: MatchSuggestion }) =>
      request<PaymentView>(`/api/v1/treasury/lines/${line.id}/match`, {
        method: 'POST',
        body: {
          clientId: s.clientId,
          allocations: s.allocations.map((a) => ({ documentId: a.documentId, amountCents: a.amountCents })),
        },
        idempotencyKey: `match-${line.id}`,
      }),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('treasury.matched') });
      void done();
    },
    onError: (e) => notifications.show({ color: 'red', message: message(e) }),
  });
  const aside = useMutation({
    mutationFn: ({ id, back }: { id: string; back: boolean }) =>
      api.post(`/api/v1/treasury/lines/${id}/${back ? 'restore' : 'ignore'}`),
    onSuccess: () => void done(),
    onError: (e) => notifications.show({ color: 'red', message: message(e) }),
  });
  if (lines.isPending) return <Loading />;
  if (lines.isError) return <QueryError error={lines.error} />;
  if (lines.data.items.length === 0) return <Empty>{t(`treasury.empty.${status}`)}</Empty>;
  return (
    <>
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="sm" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('treasury.date')}</Table.Th>
              <Table.Th>{t('treasury.operation')}</Table.Th>
              <Table.Th ta="right">{t('treasury.amount')}</Table.Th>
              {status === 'unmatched' && <Table.Th>{t('treasury.suggestion')}</Table.Th>}
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.data.items.map((l) => {
              const s = l.suggestions[0];
              return (
                <Table.Tr key={l.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(l.bookingDate, lang)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{l.counterpartyName ?? l.label}</Text>
                    {(l.remittance || l.counterpartyName) && (
                      <Text size="xs" c="dimmed">
                        {[l.counterpartyName ? l.label : null, l.remittance].filter(Boolean).join(' · ')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td
                    ta="right"
                    ff="monospace"
                    c={l.amountCents < 0 ? 'red.8' : undefined}
                    style={{ whiteSpace: 'nowrap' }}
                  >
                    {formatMoney(l.amountCents, lang)}
                  </Table.Td>
                  {status === 'unmatched' && (
                    <Table.Td>
                      {s ? (
                        <Stack gap={2}>
                          <Group gap={6}>
                            <Badge color={confidenceColor(s.confidence)} variant="light">
                              {t('treasury.confidence', { value: s.confidence })}
                            </Badge>
                            <Text size="sm">{s.allocations.map((a) => a.number).join(', ')}</Text>
                          </Group>
                          <Text size="xs" c="dimmed">
                            {t(`treasury.reason.${s.reason}`)} · {s.clientName}
                            {s.unallocatedCents > 0 &&
                              ` · ${t('treasury.credit', { amount: formatMoney(s.unallocatedCents, lang) })}`}
                          </Text>
                        </Stack>
                      ) : l.amountCents > 0 ? (
                        <Text size="sm" c="dimmed">
                          {t('treasury.noSuggestion')}
                        </Text>
                      ) : null}
                    </Table.Td>
                  )}
                  <Table.Td>
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      {status === 'unmatched' && s && (
                        <Button
                          size="xs"
                          onClick={() => confirm.mutate({ line: l, s })}
                          loading={confirm.isPending && confirm.variables?.line.id === l.id}
                        >
                          {t('treasury.confirm')}
                        </Button>
                      )}
                      {status === 'unmatched' && l.amountCents > 0 && (
                        <Button size="xs" variant="default" onClick={() => setAssigning(l)}>
                          {t('treasury.assign')}
                        </Button>
                      )}
                      {status !== 'matched' && (
                        <Button
                          size="xs"
                          variant="subtle"
                          onClick={() => aside.mutate({ id: l.id, back: status === 'ignored' })}
                        >
                          {status === 'ignored' ? t('treasury.restore') : t('treasury.ignore')}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <PaymentModal
        opened={assigning !== null}
        onClose={() => setAssigning(null)}
        account={account}
        line={assigning}
      />
    </>
  );
}

/** A payment by hand, or what a statement line pays when no suggestion fits: client, invoices, amounts. */
function PaymentModal({
  opened,
  onClose,
  account,
  line,
}: {
  opened: boolean;
  onClose: () => void;
  account: BankAccountView;
  line: StatementLineView | null;
}) {
  const { t, lang } = useT();
  const message = useErrorMessage();
  const queryClient = useQueryClient();
  const invoices = useQuery({
    queryKey: ['treasury', 'open-invoices', account.entityId],
    queryFn: () =>
      api.get<{ items: OpenInvoiceView[] }>('/api/v1/treasury/open-invoices', { entityId: account.entityId }),
    enabled: opened,
  });
  const [clientId, setClientId] = useState<string | null>(null);
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [amount, setAmount] = useState<string | number>('');
  const [date, setDate] = useState(new Date().toISOString().slice(0, 10));
  const [method, setMethod] = useState<string>('cheque');
  const [reference, setReference] = useState('');
  const [key] = useState(newKey);
  const [error, setError] = useState<string | null>(null);
  const clients = [
    ...new Map((invoices.data?.items ?? []).map((i) => [i.clientId, i.clientName])).entries(),
  ].map(([value, label]) => ({
    value,
    label,
  }));
  const ofClient = (invoices.data?.items ?? []).filter((i) => i.clientId === clientId);
  const allocations = Object.entries(chosen)
    .filter(([, v]) => v !== '')
    .map(([documentId, v]) => ({ documentId, amountCents: toCents(v) }));
  const total = line ? line.amountCents : toCents(amount || 0);
  const allocated = allocations.reduce((s, a) => s + a.amountCents, 0);
  const save = useMutation({
    mutationFn: () =>
      line
        ? request<PaymentView>(`/api/v1/treasury/lines/${line.id}/match`, {
            method: 'POST',
            body: { clientId, allocations },
            idempotencyKey: `match-${line.id}-${key}`,
          })
        : request<PaymentView>('/api/v1/payments', {
            method: 'POST',
            body: {
              bankAccountId: account.id,
              clientId,
              paymentDate: date,
              amountCents: total,
              method,
              reference,
              allocations,
            },
            idempotencyKey: key,
          }),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('treasury.paymentRecorded') });
      void queryClient.invalidateQueries({ queryKey: ['treasury'] });
      setChosen({});
      setClientId(null);
      onClose();
    },
    onError: (e) => setError(message(e)),
  });
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={line ? t('treasury.assignTitle') : t('treasury.recordPayment')}
      size="lg"
    >
      <Stack>
        {line && (
          <Alert variant="light">
            {formatDate(line.bookingDate, lang)} · {line.counterpartyName ?? line.label} ·{' '}
            {formatMoney(line.amountCents, lang)}
          </Alert>
        )}
        <Select
          label={t('treasury.client')}
          data={clients}
          value={clientId}
          onChange={(v) => {
            setClientId(v);
            setChosen({});
          }}
          searchable
          nothingFoundMessage={t('treasury.noOpenInvoice')}
          required
        />
        {!line && (
          <Group grow>
            <TextInput
              label={t('treasury.date')}
              type="date"
              value={date}
              onChange={(e) => setDate(e.currentTarget.value)}
              required
            />
            <NumberInput
              label={t('treasury.amount')}
              value={amount}
              onChange={setAmount}
              decimalSeparator=","
              decimalScale={2}
              min={0}
              suffix=" €"
              required
            />
            <Select
              label={t('treasury.method')}
              value={method}
              onChange={(v) => setMethod(v ?? 'cheque')}
              allowDeselect={false}
              data={paymentMethods.map((m) => ({
                value: m,
                label: t(`treasury.methods.${m}`),
              }))}
            />
          </Group>
        )}
        {!line && (
          <TextInput
            label={t('treasury.reference')}
            value={reference}
            onChange={(e) => setReference(e.currentTarget.value)}
          />
        )}
        {clientId && (
          <Stack gap="xs">
            <Text size="sm" fw={600}>
              {t('treasury.invoicesToSettle')}
            </Text>
            {ofClient.map((i) => (
              <Group key={i.documentId} justify="space-between" wrap="nowrap">
                <Checkbox
                  label={`${i.number} · ${formatDate(i.issueDate, lang)} · ${t('treasury.owes', { amount: formatMoney(i.outstandingCents, lang) })}`}
                  checked={i.documentId in chosen}
                  onChange={(e) => {
                    const next = { ...chosen };
                    if (e.currentTarget.checked) {
                      const left = Math.max(0, total - allocated);
                      next[i.documentId] = String(
                        Math.min(i.outstandingCents, left || i.outstandingCents) / 100,
                      );
                    } else delete next[i.documentId];
                    setChosen(next);
                  }}
                />
                {i.documentId in chosen && (
                  <NumberInput
                    aria-label={t('treasury.allocatedTo', { number: i.number })}
                    value={chosen[i.documentId]}
                    onChange={(v) => setChosen({ ...chosen, [i.documentId]: String(v) })}
                    decimalSeparator=","
                    decimalScale={2}
                    min={0}
                    max={i.outstandingCents / 100}
                    suffix=" €"
                    w={140}
                  />
                )}
              </Group>
            ))}
            <Text size="sm" c={allocated > total ? 'red' : 'dimmed'}>
              {t('treasury.allocatedSummary', {
                allocated: formatMoney(allocated, lang),
                total: formatMoney(total, lang),
                credit: formatMoney(Math.max(0, total - allocated), lang),
              })}
            </Text>
          </Stack>
        )}
        <FormError message={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            onClick={() => save.mutate()}
            loading={save.isPending}
            disabled={!clientId || total <= 0 || allocated > total}
          >
            {t('treasury.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function Imports({ account }: { account: BankAccountView }) {
  const { t, lang } = useT();
  const imports = useQuery({
    queryKey: ['treasury', 'imports', account.id],
    queryFn: () =>
      api.get<{ items: StatementImportView[] }>(`/api/v1/treasury/bank-accounts/${account.id}/statements`),
  });
  if (imports.isPending) return <Loading />;
  if (imports.isError) return <QueryError error={imports.error} />;
  if (imports.data.items.length === 0) return <Empty>{t('treasury.noImport')}</Empty>;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('treasury.importedAt')}</Table.Th>
            <Table.Th>{t('treasury.file')}</Table.Th>
            <Table.Th>{t('treasury.period')}</Table.Th>
            <Table.Th ta="right">{t('treasury.newLines')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {imports.data.items.map((i) => (
            <Table.Tr key={i.id}>
              <Table.Td>{formatDate(i.importedAt.slice(0, 10), lang)}</Table.Td>
              <Table.Td>
                {i.fileName} <Badge variant="light">{i.format.toUpperCase()}</Badge>
              </Table.Td>
              <Table.Td>
                {i.fromDate && i.toDate
                  ? `${formatDate(i.fromDate, lang)} – ${formatDate(i.toDate, lang)}`
                  : '—'}
              </Table.Td>
              <Table.Td ta="right">
                {i.newLineCount} / {i.lineCount}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Payments({ account }: { account: BankAccountView }) {
  const { t, lang } = useT();
  const payments = useQuery({
    queryKey: ['treasury', 'payments', account.entityId],
    queryFn: () => api.get<{ items: PaymentView[] }>('/api/v1/payments', { entityId: account.entityId }),
  });
  if (payments.isPending) return <Loading />;
  if (payments.isError) return <QueryError error={payments.error} />;
  const mine = payments.data.items.filter((p) => p.bankAccountId === account.id);
  if (mine.length === 0) return <Empty>{t('treasury.noPayment')}</Empty>;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('treasury.date')}</Table.Th>
            <Table.Th>{t('treasury.client')}</Table.Th>
            <Table.Th>{t('treasury.invoices')}</Table.Th>
            <Table.Th>{t('treasury.method')}</Table.Th>
            <Table.Th ta="right">{t('treasury.amount')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {mine.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>{formatDate(p.paymentDate, lang)}</Table.Td>
              <Table.Td>{p.clientName}</Table.Td>
              <Table.Td>
                {p.allocations.map((a) => a.number).join(', ') || '—'}
                {p.unallocatedCents > 0 && (
                  <Text size="xs" c="dimmed">
                    {t('treasury.credit', { amount: formatMoney(p.unallocatedCents, lang) })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{t(`treasury.methods.${p.method}`)}</Table.Td>
              <Table.Td ta="right" ff="monospace">
                {formatMoney(p.amountCents, lang)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function AddAccount({
  opened,
  onClose,
  entityId,
}: {
  opened: boolean;
  onClose: () => void;
  entityId: string;
}) {
  const { t } = useT();
  const message = useErrorMessage();
  const queryClient = useQueryClient();
  const [label, setLabel] = useState('');
  const [iban, setIban] = useState('');
  const [bic, setBic] = useState('');
  const [forInvoices, setForInvoices] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: () =>
      api.post<BankAccountView>('/api/v1/treasury/bank-accounts', {
        entityId,
        label,
        iban,
        bic: bic || null,
        forInvoices,
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['treasury'] });
      setLabel('');
      setIban('');
      setBic('');
      onClose();
    },
    onError: (e) => {
      const fields: Record<string, string> = {};
      if (e instanceof ApiError)
        for (const f of e.problem.errors ?? []) fields[f.pointer.slice(1)] = f.message;
      setFieldErrors(fields);
      setError(Object.keys(fields).length ? null : message(e));
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('treasury.addAccount')}>
      <Stack>
        <TextInput
          label={t('treasury.accountLabel')}
          value={label}
          onChange={(e) => setLabel(e.currentTarget.value)}
          error={fieldErrors.label}
          required
        />
        <TextInput
          label="IBAN"
          value={iban}
          onChange={(e) => setIban(e.currentTarget.value)}
          error={fieldErrors.iban}
          required
        />
        <TextInput
          label="BIC"
          value={bic}
          onChange={(e) => setBic(e.currentTarget.value)}
          error={fieldErrors.bic}
        />
        <Switch
          label={t('treasury.forInvoices')}
          checked={forInvoices}
          onChange={(e) => setForInvoices(e.currentTarget.checked)}
        />
        <FormError message={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            {t('treasury.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
