// Outgoing transfers, for accountants: approved reimbursements and supplier invoices of an entity are
// picked into a batch, its SEPA file downloaded for the bank, and the batch marked executed once the
// bank has carried it out (which posts it to the books).
import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { can } from '../../domain/access.ts';
import type { ExpenseView, PayoutView } from '../../domain/expenses/schemas.ts';
import type { BankAccountView } from '../../domain/treasury/schemas.ts';
import { api, type Page, request } from '../api.ts';
import { useActor } from '../auth/session.tsx';
import { useT } from '../i18n/index.ts';
import { entityOptions, useEntities } from '../queries.ts';
import { formatDate, formatMoney } from '../ui/format.ts';
import { FormError, useErrorMessage } from '../ui/forms.tsx';
import { PageHeader, Section } from '../ui/page.tsx';
import { Empty, Loading, NotFound, QueryError } from '../ui/states.tsx';
import { ExpenseSummary } from './expenses-page.tsx';

const newKey = () => globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random()}`;
const nextWorkingDay = () => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + (d.getUTCDay() === 5 ? 3 : d.getUTCDay() === 6 ? 2 : 1));
  return d.toISOString().slice(0, 10);
};

export function PayoutsPage() {
  const actor = useActor();
  return can(actor, 'payout.manage') ? <Payouts /> : <NotFound />;
}

function Payouts() {
  const { t } = useT();
  const entities = useEntities();
  const [entityId, setEntityId] = useState<string | null>(null);
  const entity = entityId ?? entities.data?.[0]?.id ?? null;
  if (entities.isPending) return <Loading />;
  if (entities.isError) return <QueryError error={entities.error} />;
  return (
    <>
      <PageHeader title={t('payouts.title')} subtitle={t('payouts.subtitle')} />
      <Stack gap="lg">
        <Select
          label={t('payouts.entity')}
          data={entityOptions(entities.data)}
          value={entity}
          onChange={setEntityId}
          allowDeselect={false}
          w={{ base: '100%', sm: 360 }}
        />
        {entity && <ToPay entityId={entity} />}
        {entity && <Batches entityId={entity} />}
      </Stack>
    </>
  );
}

function ToPay({ entityId }: { entityId: string }) {
  const { t, lang } = useT();
  const client = useQueryClient();
  const payable = useQuery({
    queryKey: ['expenses', 'payable', entityId],
    queryFn: () => api.get<Page<ExpenseView>>('/api/v1/expenses', { entityId, payable: 'true', limit: 200 }),
  });
  const accounts = useQuery({
    queryKey: ['treasury', 'accounts', entityId],
    queryFn: () => api.get<{ items: BankAccountView[] }>('/api/v1/treasury/bank-accounts', { entityId }),
  });
  const last = useQuery({
    queryKey: ['payouts', 'debtor', entityId],
    queryFn: () =>
      api.get<{ debtor: { name: string; iban: string; bic: string } | null }>('/api/v1/payouts/debtor', {
        entityId,
      }),
  });
  const entities = useEntities();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [debtor, setDebtor] = useState({ name: '', iban: '', bic: '' });
  const [executionDate, setExecutionDate] = useState(nextWorkingDay);
  const [key, setKey] = useState(newKey);

  // The account of the last batch, else the entity's first bank account, fills the debtor in.
  useEffect(() => {
    const previous = last.data?.debtor;
    const account = accounts.data?.items[0];
    const name = entities.data?.find((e) => e.id === entityId)?.name ?? '';
    if (previous) setDebtor(previous);
    else if (account) setDebtor({ name, iban: account.iban, bic: account.bic ?? '' });
    else setDebtor({ name, iban: '', bic: '' });
    setSelected(new Set());
  }, [last.data, accounts.data, entities.data, entityId]);

  const create = useMutation({
    mutationFn: () =>
      request<PayoutView>('/api/v1/payouts', {
        method: 'POST',
        idempotencyKey: key,
        body: { entityId, executionDate, expenseIds: [...selected], debtor },
      }),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('payouts.createdBatch') });
      setKey(newKey());
      setSelected(new Set());
      void client.invalidateQueries({ queryKey: ['expenses'] });
      void client.invalidateQueries({ queryKey: ['payouts'] });
    },
  });
  const messageOf = useErrorMessage();
  if (payable.isPending) return <Loading />;
  if (payable.isError) return <QueryError error={payable.error} onRetry={() => payable.refetch()} />;
  const items = payable.data.items;
  const total = items.filter((e) => selected.has(e.id)).reduce((s, e) => s + e.amountInclVatCents, 0);
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <Section title={t('payouts.toPay')}>
      {items.length === 0 ? (
        <Empty>{t('payouts.nothingToPay')}</Empty>
      ) : (
        <Stack gap="md">
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="xs" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={40}>
                    <Checkbox
                      aria-label={t('payouts.selectAll')}
                      checked={selected.size === items.length}
                      indeterminate={selected.size > 0 && selected.size < items.length}
                      onChange={() =>
                        setSelected(
                          selected.size === items.length ? new Set() : new Set(items.map((e) => e.id)),
                        )
                      }
                    />
                  </Table.Th>
                  <Table.Th>{t('payouts.payee')}</Table.Th>
                  <Table.Th>{t('expenses.what')}</Table.Th>
                  <Table.Th>{t('expenses.activity')}</Table.Th>
                  <Table.Th ta="right">{t('expenses.amount')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td>
                      <Checkbox
                        aria-label={`${e.reference} ${e.label}`}
                        checked={selected.has(e.id)}
                        onChange={() => toggle(e.id)}
                      />
                    </Table.Td>
                    <Table.Td>
                      {e.member ? `${e.member.firstName} ${e.member.lastName}` : e.supplierName}
                    </Table.Td>
                    <Table.Td>
                      <ExpenseSummary e={e} />
                      <Text size="xs" c="dimmed">
                        {formatDate(e.expenseDate, lang)} · {e.reference}
                      </Text>
                    </Table.Td>
                    <Table.Td>{e.activity.name}</Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {formatMoney(e.amountInclVatCents, lang)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
            <TextInput
              label={t('payouts.debtorName')}
              value={debtor.name}
              onChange={(e) => setDebtor({ ...debtor, name: e.currentTarget.value })}
            />
            <TextInput
              label={t('payouts.debtorIban')}
              value={debtor.iban}
              onChange={(e) => setDebtor({ ...debtor, iban: e.currentTarget.value })}
            />
            <TextInput
              label={t('payouts.debtorBic')}
              value={debtor.bic}
              onChange={(e) => setDebtor({ ...debtor, bic: e.currentTarget.value })}
            />
            <TextInput
              type="date"
              label={t('payouts.executionDate')}
              value={executionDate}
              onChange={(e) => setExecutionDate(e.currentTarget.value)}
            />
          </SimpleGrid>
          <FormError message={create.error ? messageOf(create.error) : null} />
          <Group justify="space-between">
            <Text size="sm" data-testid="payout-selection">
              {t('payouts.selected', { count: selected.size, amount: formatMoney(total, lang) })}
            </Text>
            <Button disabled={selected.size === 0} loading={create.isPending} onClick={() => create.mutate()}>
              {t('payouts.create')}
            </Button>
          </Group>
        </Stack>
      )}
    </Section>
  );
}

function Batches({ entityId }: { entityId: string }) {
  const { t, lang } = useT();
  const client = useQueryClient();
  const batches = useQuery({
    queryKey: ['payouts', 'list', entityId],
    queryFn: () => api.get<Page<PayoutView>>('/api/v1/payouts', { entityId, limit: 50 }),
  });
  const execute = useMutation({
    mutationFn: (id: string) =>
      request<PayoutView>(`/api/v1/payouts/${id}/execute`, {
        method: 'POST',
        idempotencyKey: `execute-${id}`,
      }),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('payouts.executed') });
      void client.invalidateQueries({ queryKey: ['payouts'] });
      void client.invalidateQueries({ queryKey: ['expenses'] });
    },
  });
  const messageOf = useErrorMessage();
  if (batches.isPending) return <Loading />;
  if (batches.isError) return <QueryError error={batches.error} onRetry={() => batches.refetch()} />;
  return (
    <Section title={t('payouts.batches')}>
      <FormError message={execute.error ? messageOf(execute.error) : null} />
      {batches.data.items.length === 0 ? (
        <Empty>{t('payouts.noBatch')}</Empty>
      ) : (
        <Stack gap="sm">
          {batches.data.items.map((b) => (
            <Card key={b.id} withBorder padding="sm" data-testid="payout-batch">
              <Group justify="space-between" align="flex-start" gap="sm">
                <Stack gap={2}>
                  <Group gap="xs">
                    <Badge color={b.status === 'executed' ? 'green' : 'blue'} variant="light">
                      {t(`payouts.batchStatus.${b.status}`)}
                    </Badge>
                    <Text size="sm" fw={600}>
                      {formatMoney(b.totalCents, lang)}
                    </Text>
                    <Text size="sm" c="dimmed">
                      {t('payouts.items', { count: b.items.length })} · {formatDate(b.executionDate, lang)}
                    </Text>
                  </Group>
                  <Text size="xs" c="dimmed">
                    {b.items.map((i) => `${i.payee} (${formatMoney(i.amountCents, lang)})`).join(' · ')}
                  </Text>
                </Stack>
                <Group gap="xs">
                  <Button
                    component="a"
                    href={`/api/v1/payouts/${b.id}/sepa`}
                    download
                    variant="default"
                    size="xs"
                  >
                    {t('payouts.download')}
                  </Button>
                  {b.status === 'open' && (
                    <Button
                      size="xs"
                      loading={execute.isPending && execute.variables === b.id}
                      onClick={() => window.confirm(t('payouts.executeConfirm')) && execute.mutate(b.id)}
                    >
                      {t('payouts.execute')}
                    </Button>
                  )}
                </Group>
              </Group>
            </Card>
          ))}
        </Stack>
      )}
    </Section>
  );
}
