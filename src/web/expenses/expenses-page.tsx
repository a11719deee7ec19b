// Expenses: a member's claims per activity with their status; for advisers (and staff) the queue of
// claims waiting for a decision, each with its receipt shown beside it, approved or rejected with a comment.
import {
  Anchor,
  Badge,
  Button,
  Card,
  FileButton,
  Group,
  Image,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { findExpenseCategory } from '../../domain/expenses/categories.ts';
import type { ExpenseStatus, ExpenseView } from '../../domain/expenses/schemas.ts';
import { expenseStatuses } from '../../domain/expenses/schemas.ts';
import { api, type Page, request } from '../api.ts';
import { hasRole, useActor } from '../auth/session.tsx';
import { useT } from '../i18n/index.ts';
import type { Activity } from '../types.ts';
import { formatDate, formatMoney } from '../ui/format.ts';
import { FormError, useErrorMessage } from '../ui/forms.tsx';
import { PageHeader } from '../ui/page.tsx';
import { Empty, Loading, QueryError } from '../ui/states.tsx';

const statusColor: Record<ExpenseStatus, string> = {
  draft: 'gray',
  submitted: 'blue',
  rejected: 'red',
  approved: 'teal',
  paid: 'green',
};

export function ExpenseStatusBadge({ status }: { status: ExpenseStatus }) {
  const { t } = useT();
  return (
    <Badge color={statusColor[status]} variant="light">
      {t(`expenses.statuses.${status}`)}
    </Badge>
  );
}

const newKey = () => globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random()}`;
export const receiptUrl = (id: string) => `/api/v1/expenses/${id}/receipt`;

/** A chosen file as the API takes it: its name and its bytes in base64 (the server finds its type). */
export function readReceipt(file: File): Promise<{ fileName: string; contentBase64: string }> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () =>
      resolve({
        fileName: file.name.slice(-120) || 'justificatif',
        contentBase64: String(reader.result).replace(/^data:[^,]*,/, ''),
      });
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** The line a person reads for an expense: what, from whom, or the trip. */
export function ExpenseSummary({ e }: { e: ExpenseView }) {
  const { t, lang } = useT();
  const category = findExpenseCategory(e.category);
  return (
    <Stack gap={2}>
      <Text size="sm" fw={500}>
        {e.label}
      </Text>
      <Text size="xs" c="dimmed">
        {t(`expenses.kinds.${e.kind}`)}
        {e.supplierName ? ` · ${e.supplierName}` : ''}
        {e.mileage
          ? ` · ${t('expenses.perKm', { km: e.mileage.distanceKm, from: e.mileage.tripFrom, to: e.mileage.tripTo })}`
          : ''}
        {category ? ` · ${category.label[lang]}` : ''}
      </Text>
      {e.status === 'rejected' && e.decisionComment && (
        <Text size="xs" c="red.8">
          {t('expenses.decision', { comment: e.decisionComment })}
        </Text>
      )}
    </Stack>
  );
}

export function ExpensesPage() {
  const actor = useActor();
  const { t } = useT();
  const decides = hasRole(actor, 'adviser', 'accountant', 'admin');
  // Coming from an activity's page, its expenses first; otherwise a decider starts with the queue.
  const [params] = useSearchParams();
  const [tab, setTab] = useState<string | null>(decides && !params.get('activityId') ? 'queue' : 'mine');
  return (
    <>
      <PageHeader
        title={actor.memberId && !decides ? t('expenses.myTitle') : t('expenses.title')}
        subtitle={decides ? t('expenses.staffSubtitle') : t('expenses.subtitle')}
        actions={
          actor.memberId ? (
            <Button component={Link} to="/expenses/new">
              {t('expenses.new')}
            </Button>
          ) : undefined
        }
      />
      {decides ? (
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="queue">{t('expenses.queueTitle')}</Tabs.Tab>
            <Tabs.Tab value="mine">{t('expenses.allTab')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="queue">
            <ApprovalQueue />
          </Tabs.Panel>
          <Tabs.Panel value="mine">
            <ExpenseList />
          </Tabs.Panel>
        </Tabs>
      ) : (
        <ExpenseList />
      )}
    </>
  );
}

function ExpenseList() {
  const { t, lang } = useT();
  const actor = useActor();
  const [params, setParams] = useSearchParams();
  const activityId = params.get('activityId') ?? '';
  const status = params.get('status') ?? '';
  const activities = useQuery({
    queryKey: ['activities', 'mine-for-expenses'],
    queryFn: () => api.get<Page<Activity>>('/api/v1/activities', { limit: 200 }),
  });
  const list = useQuery({
    queryKey: ['expenses', { activityId, status }],
    queryFn: () => api.get<Page<ExpenseView>>('/api/v1/expenses', { activityId, status, limit: 200 }),
  });
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: ['expenses'] });
  const submit = useMutation({
    mutationFn: (id: string) => api.post<ExpenseView>(`/api/v1/expenses/${id}/submit`),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('expenses.submitted') });
      void refresh();
    },
  });
  const attach = useMutation({
    mutationFn: async ({ id, file }: { id: string; file: File }) =>
      api.put<ExpenseView>(`/api/v1/expenses/${id}/receipt`, await readReceipt(file)),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('expenses.receiptAttached') });
      void refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/expenses/${id}`),
    onSuccess: () => {
      notifications.show({ message: t('expenses.removed') });
      void refresh();
    },
  });
  const messageOf = useErrorMessage();
  const failed = submit.error ?? remove.error ?? attach.error;
  const error = failed ? messageOf(failed) : null;
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return (
    <Stack gap="md">
      <Group gap="sm" align="flex-end">
        <Select
          label={t('expenses.activity')}
          placeholder={t('expenses.allActivities')}
          data={(activities.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
          value={activityId || null}
          onChange={(v) => set('activityId', v)}
          clearable
          searchable
          w={{ base: '100%', sm: 300 }}
        />
        <Select
          label={t('expenses.status')}
          placeholder={t('expenses.allStatuses')}
          data={expenseStatuses.map((s) => ({ value: s, label: t(`expenses.statuses.${s}`) }))}
          value={status || null}
          onChange={(v) => set('status', v)}
          clearable
          w={{ base: '100%', sm: 200 }}
        />
      </Group>
      <FormError message={error} />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Empty>{t('expenses.none')}</Empty>
      ) : (
        <Stack gap="sm">
          {list.data.items.map((e) => {
            const mine = e.member?.id === actor.memberId || (!e.member && e.status === 'draft');
            return (
              <Card key={e.id} withBorder padding="sm" data-testid="expense-row">
                <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
                  <Stack gap={4} style={{ minWidth: 0 }}>
                    <Group gap="xs">
                      <ExpenseStatusBadge status={e.status} />
                      <Text size="xs" c="dimmed">
                        {formatDate(e.expenseDate, lang)} · {e.reference} · {e.activity.name}
                      </Text>
                    </Group>
                    <ExpenseSummary e={e} />
                    {e.paidAt && (
                      <Text size="xs" c="dimmed">
                        {t('expenses.paidOn', { date: formatDate(e.paidAt, lang) })}
                      </Text>
                    )}
                  </Stack>
                  <Stack gap={6} align="flex-end" style={{ flexShrink: 0 }}>
                    <Text fw={600} style={{ whiteSpace: 'nowrap' }}>
                      {formatMoney(e.amountInclVatCents, lang)}
                    </Text>
                    {e.receipt && (
                      <Anchor href={receiptUrl(e.id)} size="xs" target="_blank" rel="noopener">
                        {t('expenses.openReceipt')}
                      </Anchor>
                    )}
                    {mine && (e.status === 'draft' || e.status === 'rejected') && (
                      <Group gap={6} justify="flex-end">
                        {e.kind !== 'mileage' && (
                          <FileButton
                            accept="image/*,application/pdf"
                            onChange={(file) => file && attach.mutate({ id: e.id, file })}
                          >
                            {(props) => (
                              <Button {...props} size="xs" variant="default" loading={attach.isPending}>
                                {e.receipt ? t('expenses.replaceReceipt') : t('expenses.attachReceipt')}
                              </Button>
                            )}
                          </FileButton>
                        )}
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          onClick={() => window.confirm(t('expenses.removeConfirm')) && remove.mutate(e.id)}
                        >
                          {t('expenses.remove')}
                        </Button>
                        <Button size="xs" onClick={() => submit.mutate(e.id)} loading={submit.isPending}>
                          {t('expenses.submit')}
                        </Button>
                      </Group>
                    )}
                  </Stack>
                </Group>
              </Card>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}

function ReceiptPreview({ e }: { e: ExpenseView }) {
  const { t } = useT();
  if (e.mileage)
    return (
      <Card bg="gray.0" padding="sm" radius="sm">
        <Text size="sm" fw={500}>
          {t('expenses.perKm', { km: e.mileage.distanceKm, from: e.mileage.tripFrom, to: e.mileage.tripTo })}
        </Text>
        <Text size="xs" c="dimmed">
          {t(`expenses.vehicles.${e.mileage.vehicleKind}`)} · {e.mileage.fiscalCv} CV
          {e.mileage.electric ? ` · ${t('expenses.electric')}` : ''}
        </Text>
        {e.mileage.kmBefore !== null && (
          <Text size="xs" c="dimmed">
            {t('expenses.kmBefore', { km: e.mileage.kmBefore })}
          </Text>
        )}
      </Card>
    );
  if (!e.receipt)
    return (
      <Text size="sm" c="dimmed">
        {t('expenses.noReceipt')}
      </Text>
    );
  // Images are shown as images; a PDF is opened beside the queue (served as an attachment).
  return e.receipt.contentType.startsWith('image/') && e.receipt.contentType !== 'image/heic' ? (
    <Anchor href={receiptUrl(e.id)} target="_blank" rel="noopener" aria-label={t('expenses.openReceipt')}>
      <Image
        src={receiptUrl(e.id)}
        alt={`${t('expenses.receipt')} ${e.reference}`}
        h={180}
        w="100%"
        fit="contain"
        radius="sm"
        bg="gray.1"
      />
    </Anchor>
  ) : (
    <Button component="a" href={receiptUrl(e.id)} target="_blank" rel="noopener" variant="default" size="xs">
      {t('expenses.openReceipt')} ({e.receipt.fileName})
    </Button>
  );
}

function ApprovalQueue() {
  const { t, lang } = useT();
  const queue = useQuery({
    queryKey: ['expenses', 'queue'],
    queryFn: () => api.get<Page<ExpenseView>>('/api/v1/expenses', { status: 'submitted', limit: 200 }),
  });
  const [deciding, setDeciding] = useState<{ e: ExpenseView; decision: 'approve' | 'reject' } | null>(null);
  if (queue.isPending) return <Loading />;
  if (queue.isError) return <QueryError error={queue.error} onRetry={() => queue.refetch()} />;
  if (queue.data.items.length === 0) return <Empty>{t('expenses.queueEmpty')}</Empty>;
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
        {queue.data.items.map((e) => (
          <Card key={e.id} withBorder padding="md" data-testid="queue-item">
            <Stack gap="sm">
              <ReceiptPreview e={e} />
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <ExpenseSummary e={e} />
                <Text fw={600} style={{ whiteSpace: 'nowrap' }}>
                  {formatMoney(e.amountInclVatCents, lang)}
                </Text>
              </Group>
              <Table withRowBorders={false} verticalSpacing={2} fz="xs">
                <Table.Tbody>
                  <Table.Tr>
                    <Table.Th w={110}>{e.member ? t('expenses.claimant') : t('expenses.supplier')}</Table.Th>
                    <Table.Td>
                      {e.member ? `${e.member.firstName} ${e.member.lastName}` : e.supplierName}
                    </Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>{t('expenses.activity')}</Table.Th>
                    <Table.Td>{e.activity.name}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>{t('expenses.date')}</Table.Th>
                    <Table.Td>
                      {formatDate(e.expenseDate, lang)} · {e.reference}
                    </Table.Td>
                  </Table.Tr>
                  {e.kind !== 'mileage' && (
                    <Table.Tr>
                      <Table.Th>{t('expenses.vat')}</Table.Th>
                      <Table.Td>
                        {formatMoney(e.vatCents, lang)} ·{' '}
                        {t('expenses.deductible', { amount: formatMoney(e.deductibleVatCents, lang) })}
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Table.Tbody>
              </Table>
              <Group grow gap="xs">
                <Button variant="default" color="red" onClick={() => setDeciding({ e, decision: 'reject' })}>
                  {t('expenses.reject')}
                </Button>
                <Button onClick={() => setDeciding({ e, decision: 'approve' })}>
                  {t('expenses.approve')}
                </Button>
              </Group>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
      {deciding && <DecisionModal {...deciding} onClose={() => setDeciding(null)} />}
    </>
  );
}

function DecisionModal({
  e,
  decision,
  onClose,
}: {
  e: ExpenseView;
  decision: 'approve' | 'reject';
  onClose: () => void;
}) {
  const { t, lang } = useT();
  const [comment, setComment] = useState('');
  const [key] = useState(newKey);
  const client = useQueryClient();
  const decide = useMutation({
    mutationFn: () =>
      request<ExpenseView>(`/api/v1/expenses/${e.id}/${decision}`, {
        method: 'POST',
        body: { comment },
        ...(decision === 'approve' ? { idempotencyKey: key } : {}),
      }),
    onSuccess: () => {
      notifications.show({
        color: decision === 'approve' ? 'teal' : 'orange',
        message: t(decision === 'approve' ? 'expenses.approved' : 'expenses.rejected'),
      });
      void client.invalidateQueries({ queryKey: ['expenses'] });
      onClose();
    },
  });
  const messageOf = useErrorMessage();
  const error = decide.error ? messageOf(decide.error) : null;
  return (
    <Modal
      opened
      onClose={onClose}
      title={t(decision === 'approve' ? 'expenses.approveTitle' : 'expenses.rejectTitle')}
    >
      <form
        onSubmit={(ev) => {
          ev.preventDefault();
          decide.mutate();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">
            {decision === 'approve'
              ? t('expenses.approveHelp', {
                  activity: e.activity.name,
                  amount: formatMoney(e.amountInclVatCents, lang),
                })
              : t('expenses.rejectHelp')}
          </Text>
          <Textarea
            label={t('expenses.comment')}
            value={comment}
            onChange={(ev) => setComment(ev.currentTarget.value)}
            required={decision === 'reject'}
            autosize
            minRows={2}
            data-autofocus
          />
          <FormError message={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              color={decision === 'reject' ? 'red' : undefined}
              loading={decide.isPending}
            >
              {t(decision === 'approve' ? 'expenses.approve' : 'expenses.reject')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
