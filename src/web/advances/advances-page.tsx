// Advances and equipment loans: a member asks on one of their activities (purpose, amount, monthly
// instalments or a share of each client payment) and follows the balance and the schedule; the
// advisers of the office, accountants and admins approve with a file fee, or refuse.
import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { can } from '../../domain/access.ts';
import type { AdvanceView } from '../../domain/advances/schemas.ts';
import { api, type Page, request } from '../api.ts';
import { useActor } from '../auth/session.tsx';
import { useT } from '../i18n/index.ts';
import { formatDate, formatMoney, formatRate } from '../ui/format.ts';
import { FormError, useErrorMessage } from '../ui/forms.tsx';
import { PageHeader } from '../ui/page.tsx';
import { Empty, Loading, QueryError } from '../ui/states.tsx';

const statusColors: Record<AdvanceView['status'], string> = {
  requested: 'blue',
  refused: 'gray',
  active: 'teal',
  repaid: 'green',
};
const newKey = () => globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random()}`;

export function AdvancesPage() {
  const { t } = useT();
  const actor = useActor();
  const staff = actor.roles.some((r) => r !== 'member');
  const [status, setStatus] = useState<string | null>(staff ? 'requested' : null);
  const [asking, setAsking] = useState(false);
  const list = useQuery({
    queryKey: ['advances', status],
    queryFn: () => api.get<{ items: AdvanceView[] }>('/api/v1/advances', status ? { status } : {}),
  });
  return (
    <>
      <PageHeader
        title={t('advances.title')}
        subtitle={staff ? t('advances.subtitleStaff') : t('advances.subtitleMember')}
        actions={actor.memberId && <Button onClick={() => setAsking(true)}>{t('advances.new')}</Button>}
      />
      <Select
        label={t('advances.statusLabel')}
        placeholder={t('advances.filterStatus')}
        data={(['requested', 'active', 'repaid', 'refused'] as const).map((s) => ({
          value: s,
          label: t(`advances.status.${s}`),
        }))}
        value={status}
        onChange={setStatus}
        clearable
        w={240}
        mb="md"
      />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <QueryError error={list.error} />
      ) : list.data.items.length === 0 ? (
        <Empty>{t('advances.empty')}</Empty>
      ) : (
        <Stack gap="md">
          {list.data.items.map((a) => (
            <AdvanceCard key={a.id} advance={a} />
          ))}
        </Stack>
      )}
      {asking && <RequestModal onClose={() => setAsking(false)} />}
    </>
  );
}

function AdvanceCard({ advance: a }: { advance: AdvanceView }) {
  const { t, lang } = useT();
  const actor = useActor();
  const money = (c: number) => formatMoney(c, lang);
  const [deciding, setDeciding] = useState(false);
  const decider =
    a.status === 'requested' &&
    can(actor, 'advance.decide', {
      kind: 'activity',
      id: a.activity.id,
      memberIds: [a.member.id],
      officeIds: [a.activity.officeId],
    });
  return (
    <Card withBorder padding="md" data-testid="advance">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={2}>
          <Group gap="xs">
            <Text fw={700}>
              {t(`advances.kind.${a.kind}`)} · {money(a.amountCents)}
            </Text>
            <Badge color={statusColors[a.status]} variant="light">
              {t(`advances.status.${a.status}`)}
            </Badge>
          </Group>
          <Text size="sm">{a.purpose}</Text>
          <Text size="xs" c="dimmed">
            {a.activity.name} · {a.member.name} ·{' '}
            {t('advances.requestedOn', { date: formatDate(a.requestedAt, lang) })}
          </Text>
          <Text size="xs" c="dimmed">
            {a.repayment === 'schedule'
              ? `${t('advances.repayment.schedule')} (${a.instalments})`
              : t('advances.revenueRule', { rate: formatRate(a.revenueShareBp ?? 0, lang) })}
            {a.fileFeeCents !== null && a.fileFeeBp !== null && a.status !== 'refused'
              ? ` · ${t('advances.fee', { amount: money(a.fileFeeCents), rate: formatRate(a.fileFeeBp, lang) })}`
              : ''}
          </Text>
          {a.comment && (
            <Text size="xs" c="dimmed" fs="italic">
              {a.comment}
            </Text>
          )}
        </Stack>
        <Stack gap={4} align="flex-end">
          {(a.status === 'active' || a.status === 'repaid') && (
            <>
              <Text fw={700} ff="monospace" data-testid="advance-remaining">
                {t('advances.remaining', { amount: money(a.remainingCents) })}
              </Text>
              <Text size="xs" c="dimmed">
                {t('advances.repaid', { amount: money(a.repaidCents) })}
              </Text>
            </>
          )}
          {decider && (
            <Button onClick={() => setDeciding(true)}>
              {t('advances.approve')} / {t('advances.refuse')}
            </Button>
          )}
        </Stack>
      </Group>
      {a.schedule.length > 0 && (
        <Table.ScrollContainer minWidth={360} mt="sm">
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('advances.dueOn')}</Table.Th>
                <Table.Th ta="right">{t('guarantee.amount')}</Table.Th>
                <Table.Th>{t('advances.statusLabel')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {a.schedule.map((i) => (
                <Table.Tr key={i.seq}>
                  <Table.Td>{formatDate(i.dueOn, lang)}</Table.Td>
                  <Table.Td ta="right" ff="monospace">
                    {money(i.amountCents)}
                  </Table.Td>
                  <Table.Td>
                    {i.repaidOn ? (
                      <Text size="sm" c="teal.8">
                        {t('advances.paidOn', { date: formatDate(i.repaidOn, lang) })}
                      </Text>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('advances.toCome')}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {a.repayment === 'revenue' && a.repayments.length > 0 && (
        <Stack gap={2} mt="sm">
          <Text size="sm" fw={600}>
            {t('advances.repayments')}
          </Text>
          {a.repayments.map((r) => (
            <Text key={r.id} size="xs">
              {formatDate(r.on, lang)} · {t(`advances.source.${r.source}`)} · {money(r.amountCents)}
            </Text>
          ))}
        </Stack>
      )}
      {deciding && <DecideModal advance={a} onClose={() => setDeciding(false)} />}
    </Card>
  );
}

function DecideModal({ advance: a, onClose }: { advance: AdvanceView; onClose: () => void }) {
  const { t, lang } = useT();
  const message = useErrorMessage();
  const queryClient = useQueryClient();
  const [fee, setFee] = useState<number | string>(1.5);
  const [comment, setComment] = useState('');
  const [key] = useState(newKey);
  const decide = useMutation({
    mutationFn: (approve: boolean) =>
      request<AdvanceView>(`/api/v1/advances/${a.id}/decision`, {
        method: 'POST',
        idempotencyKey: `${key}-${approve}`,
        body: { approve, fileFeeBp: Math.round(Number(fee || 0) * 100), comment },
      }),
    onSuccess: (r) => {
      notifications.show({
        color: 'teal',
        message: r.status === 'active' ? t('advances.approved') : t('advances.refusedDone'),
      });
      void queryClient.invalidateQueries({ queryKey: ['advances'] });
      onClose();
    },
  });
  return (
    <Modal
      opened
      onClose={onClose}
      centered
      title={t('advances.decideTitle', {
        kind: t(`advances.kind.${a.kind}`),
        amount: formatMoney(a.amountCents, lang),
        activity: a.activity.name,
      })}
    >
      <Stack gap="sm">
        <Text size="sm">{a.purpose}</Text>
        <NumberInput
          label={t('advances.fileFee')}
          value={fee}
          onChange={setFee}
          min={0}
          max={10}
          decimalScale={2}
          decimalSeparator={lang === 'fr' ? ',' : '.'}
        />
        <Textarea
          label={t('advances.comment')}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          autosize
        />
        <FormError message={decide.isError ? message(decide.error) : null} />
        <Group justify="flex-end">
          <Button
            variant="default"
            color="red"
            onClick={() => decide.mutate(false)}
            loading={decide.isPending}
          >
            {t('advances.refuse')}
          </Button>
          <Button onClick={() => decide.mutate(true)} loading={decide.isPending}>
            {t('advances.approve')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

type ActivityOption = { id: string; name: string; status: string; entity: { code: string } };

function RequestModal({ onClose }: { onClose: () => void }) {
  const { t, lang } = useT();
  const message = useErrorMessage();
  const queryClient = useQueryClient();
  const activities = useQuery({
    queryKey: ['activities', 'mine', 'open'],
    queryFn: () => api.get<Page<ActivityOption>>('/api/v1/activities', { limit: 200 }),
  });
  const open = activities.data?.items.filter((a) => a.status === 'open') ?? [];
  const [activityId, setActivityId] = useState<string | null>(null);
  const activity = activityId ?? open[0]?.id ?? null;
  const [kind, setKind] = useState<'advance' | 'loan'>('loan');
  const [purpose, setPurpose] = useState('');
  const [amount, setAmount] = useState<number | string>('');
  const [repayment, setRepayment] = useState<'schedule' | 'revenue'>('schedule');
  const [instalments, setInstalments] = useState<number | string>(6);
  const [firstDueOn, setFirstDueOn] = useState('');
  const [share, setShare] = useState<number | string>(20);
  const [key] = useState(newKey);
  const send = useMutation({
    mutationFn: () =>
      request<AdvanceView>('/api/v1/advances', {
        method: 'POST',
        idempotencyKey: key,
        body: {
          activityId: activity,
          kind,
          purpose,
          amountCents: Math.round(Number(amount) * 100),
          repayment,
          ...(repayment === 'schedule'
            ? { instalments: Number(instalments), ...(firstDueOn ? { firstDueOn } : {}) }
            : { revenueShareBp: Math.round(Number(share) * 100) }),
        },
      }),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('advances.sent') });
      void queryClient.invalidateQueries({ queryKey: ['advances'] });
      onClose();
    },
  });
  const sep = { decimalSeparator: lang === 'fr' ? ',' : '.', thousandSeparator: lang === 'fr' ? ' ' : ',' };
  return (
    <Modal opened onClose={onClose} title={t('advances.new')} centered size="lg">
      <Stack gap="sm">
        <Select
          label={t('advances.activity')}
          data={open.map((a) => ({ value: a.id, label: `${a.name} (${a.entity.code})` }))}
          value={activity}
          onChange={setActivityId}
          allowDeselect={false}
        />
        <SegmentedControl
          value={kind}
          onChange={(v) => setKind(v as 'advance' | 'loan')}
          data={(['loan', 'advance'] as const).map((k) => ({ value: k, label: t(`advances.kind.${k}`) }))}
          aria-label={t('advances.kindLabel')}
        />
        <TextInput
          label={t('advances.purpose')}
          placeholder={t('advances.purposeHint')}
          value={purpose}
          onChange={(e) => setPurpose(e.currentTarget.value)}
          required
        />
        <NumberInput
          label={t('advances.amount')}
          value={amount}
          onChange={setAmount}
          min={100}
          max={50_000}
          {...sep}
          suffix=" €"
          required
        />
        <SegmentedControl
          value={repayment}
          onChange={(v) => setRepayment(v as 'schedule' | 'revenue')}
          data={(['schedule', 'revenue'] as const).map((k) => ({
            value: k,
            label: t(`advances.repayment.${k}`),
          }))}
          aria-label={t('advances.repaymentLabel')}
        />
        {repayment === 'schedule' ? (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput
              label={t('advances.instalments')}
              value={instalments}
              onChange={setInstalments}
              min={1}
              max={60}
            />
            <TextInput
              label={t('advances.firstDueOn')}
              type="date"
              value={firstDueOn}
              onChange={(e) => setFirstDueOn(e.currentTarget.value)}
            />
          </SimpleGrid>
        ) : (
          <NumberInput
            label={t('advances.revenueShare')}
            value={share}
            onChange={setShare}
            min={1}
            max={100}
            {...sep}
            suffix=" %"
          />
        )}
        <FormError message={send.isError ? message(send.error) : null} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            onClick={() => send.mutate()}
            loading={send.isPending}
            disabled={!activity || purpose.trim().length < 3 || !(Number(amount) >= 100)}
          >
            {t('advances.send')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
