// Collection (recouvrement): the overdue invoices an adviser follows for their offices, or all of
// them for accountants — days late, what is owed with penalties and indemnity, the reminders sent and
// the next one; reminders paused with a reason; litigation and the schedule for accountants.
import {
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { can } from '../../domain/access.ts';
import type { CollectionItem } from '../../domain/treasury/schemas.ts';
import { api, request } from '../api.ts';
import { useActor } from '../auth/session.tsx';
import { IrrecoverableButton } from '../guarantee/irrecoverable.tsx';
import { useT } from '../i18n/index.ts';
import { entityOptions, useEntities } from '../queries.ts';
import { ConfirmButton } from '../ui/confirm.tsx';
import { formatDate, formatMoney } from '../ui/format.ts';
import { FormError, useErrorMessage } from '../ui/forms.tsx';
import { PageHeader } from '../ui/page.tsx';
import { Empty, Loading, NotFound, QueryError } from '../ui/states.tsx';

export function CollectionPage() {
  const actor = useActor();
  return can(actor, 'collection.read') ? <Collection /> : <NotFound />;
}

const lateColor = (days: number) => (days > 45 ? 'red' : days > 30 ? 'orange' : 'yellow');

function Collection() {
  const { t, lang } = useT();
  const actor = useActor();
  const manager = can(actor, 'collection.manage');
  const message = useErrorMessage();
  const queryClient = useQueryClient();
  const entities = useEntities();
  const [entityId, setEntityId] = useState<string | null>(null);
  const [pausing, setPausing] = useState<CollectionItem | null>(null);
  const [schedule, setSchedule] = useState(false);
  const queue = useQuery({
    queryKey: ['collection', entityId],
    queryFn: () => api.get<{ items: CollectionItem[] }>('/api/v1/collection/invoices', { entityId }),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['collection'] });
  const run = useMutation({
    mutationFn: () =>
      api.post<{ sent: number; withoutEmail: number }>(
        '/api/v1/collection/run',
        entityId ? { entityId } : {},
      ),
    onSuccess: (r) => {
      notifications.show({
        color: 'teal',
        message:
          t('collection.runDone', { sent: r.sent }) +
          (r.withoutEmail ? ` ${t('collection.withoutEmail', { count: r.withoutEmail })}` : ''),
      });
      void refresh();
    },
    onError: (e) => notifications.show({ color: 'red', message: message(e) }),
  });
  const resume = useMutation({
    mutationFn: (id: string) => api.post(`/api/v1/collection/invoices/${id}/resume`),
    onSuccess: () => void refresh(),
    onError: (e) => notifications.show({ color: 'red', message: message(e) }),
  });
  const litigation = useMutation({
    mutationFn: (id: string) =>
      request(`/api/v1/collection/invoices/${id}/litigation`, {
        method: 'POST',
        body: {},
        idempotencyKey: `litigation-${id}`,
      }),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('collection.litigationDone') });
      void refresh();
    },
    onError: (e) => notifications.show({ color: 'red', message: message(e) }),
  });
  const items = queue.data?.items ?? [];
  const total = items.reduce((s, i) => s + i.outstandingCents, 0);
  return (
    <>
      <PageHeader
        title={t('collection.title')}
        subtitle={t('collection.subtitle')}
        actions={
          manager && (
            <Group>
              <Button
                variant="default"
                onClick={() => setSchedule(true)}
                disabled={!entityId && !entities.data?.[0]}
              >
                {t('collection.schedule')}
              </Button>
              <Button onClick={() => run.mutate()} loading={run.isPending}>
                {t('collection.runNow')}
              </Button>
            </Group>
          )
        }
      />
      <Group mb="md" align="end" justify="space-between">
        <Select
          label={t('ledger.entity')}
          placeholder={t('collection.allEntities')}
          data={entityOptions(entities.data)}
          value={entityId}
          onChange={setEntityId}
          clearable
          w={320}
        />
        {items.length > 0 && (
          <Text size="sm" c="dimmed">
            {t('collection.summary', { count: items.length, amount: formatMoney(total, lang) })}
          </Text>
        )}
      </Group>
      {queue.isPending ? (
        <Loading />
      ) : queue.isError ? (
        <QueryError error={queue.error} />
      ) : items.length === 0 ? (
        <Empty>{t('collection.empty')}</Empty>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing="sm" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('collection.invoice')}</Table.Th>
                <Table.Th>{t('collection.client')}</Table.Th>
                <Table.Th>{t('collection.late')}</Table.Th>
                <Table.Th ta="right">{t('collection.owed')}</Table.Th>
                <Table.Th>{t('collection.reminders')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((i) => (
                <Table.Tr key={i.documentId}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {i.number}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {i.activityName}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{i.clientName}</Text>
                    {!i.clientEmail && (
                      <Text size="xs" c="red.8">
                        {t('collection.noEmail')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={lateColor(i.daysLate)} variant="light">
                      {t('collection.daysLate', { count: i.daysLate })}
                    </Badge>
                    <Text size="xs" c="dimmed">
                      {t('collection.dueOn', { date: formatDate(i.dueDate, lang) })}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm" ff="monospace">
                      {formatMoney(i.outstandingCents, lang)}
                    </Text>
                    {i.business && (
                      <Tooltip label={t('collection.chargesHelp')}>
                        <Text size="xs" c="dimmed">
                          {t('collection.charges', {
                            penalty: formatMoney(i.penaltyCents, lang),
                            indemnity: formatMoney(i.indemnityCents, lang),
                          })}
                        </Text>
                      </Tooltip>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      {i.reminders.map((r) => (
                        <Text key={r.step} size="xs">
                          {formatDate(r.sentOn, lang)} · {t(`collection.tone.${r.tone}`)}
                        </Text>
                      ))}
                      {i.litigationOn ? (
                        <Badge color="red" variant="filled" w="fit-content">
                          {t('collection.inLitigation', { date: formatDate(i.litigationOn, lang) })}
                        </Badge>
                      ) : i.paused ? (
                        <Text size="xs" c="orange.8">
                          {t('collection.pausedBecause', { reason: i.pauseReason })}
                        </Text>
                      ) : i.nextReminderOn ? (
                        <Text size="xs" c="dimmed">
                          {t('collection.next', { date: formatDate(i.nextReminderOn, lang) })}
                        </Text>
                      ) : null}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    {i.litigationOn && can(actor, 'guarantee.writeOff') && (
                      // After litigation the accountant may declare it irrecoverable: the fund absorbs it.
                      <Group justify="flex-end">
                        <IrrecoverableButton
                          documentId={i.documentId}
                          number={i.number}
                          outstandingCents={i.outstandingCents}
                        />
                      </Group>
                    )}
                    {!i.litigationOn && (
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        {i.paused ? (
                          <Button size="xs" variant="default" onClick={() => resume.mutate(i.documentId)}>
                            {t('collection.resume')}
                          </Button>
                        ) : (
                          <Button size="xs" variant="default" onClick={() => setPausing(i)}>
                            {t('collection.pause')}
                          </Button>
                        )}
                        {manager && (
                          <ConfirmButton
                            size="xs"
                            color="red"
                            variant="subtle"
                            title={t('collection.litigationTitle', { number: i.number })}
                            message={t('collection.litigationText', {
                              amount: formatMoney(i.outstandingCents, lang),
                            })}
                            confirmLabel={t('collection.litigation')}
                            onConfirm={() => litigation.mutate(i.documentId)}
                          >
                            {t('collection.litigation')}
                          </ConfirmButton>
                        )}
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <PauseModal item={pausing} onClose={() => setPausing(null)} onDone={() => void refresh()} />
      {schedule && (
        <ScheduleModal
          entityId={entityId ?? entities.data?.[0]?.id ?? ''}
          onClose={() => setSchedule(false)}
        />
      )}
    </>
  );
}

function PauseModal({
  item,
  onClose,
  onDone,
}: {
  item: CollectionItem | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useT();
  const message = useErrorMessage();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => api.post(`/api/v1/collection/invoices/${item?.documentId}/pause`, { reason }),
    onSuccess: () => {
      setReason('');
      onDone();
      onClose();
    },
    onError: (e) => setError(message(e)),
  });
  return (
    <Modal
      opened={item !== null}
      onClose={onClose}
      title={t('collection.pauseTitle', { number: item?.number ?? '' })}
    >
      <Stack>
        <Textarea
          label={t('collection.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          required
          autosize
          minRows={2}
        />
        <FormError message={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={reason.trim() === ''}>
            {t('collection.pause')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ScheduleModal({ entityId, onClose }: { entityId: string; onClose: () => void }) {
  const { t } = useT();
  const message = useErrorMessage();
  const policy = useQuery({
    queryKey: ['collection', 'policy', entityId],
    queryFn: () => api.get<{ steps: number[]; enabled: boolean }>(`/api/v1/collection/policies/${entityId}`),
  });
  const [steps, setSteps] = useState<(number | string)[] | null>(null);
  const [enabled, setEnabled] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  const current = steps ?? policy.data?.steps ?? [];
  const on = enabled ?? policy.data?.enabled ?? true;
  const save = useMutation({
    mutationFn: () =>
      api.put(`/api/v1/collection/policies/${entityId}`, { steps: current.map(Number), enabled: on }),
    onSuccess: () => onClose(),
    onError: (e) => setError(message(e)),
  });
  return (
    <Modal opened onClose={onClose} title={t('collection.schedule')}>
      {policy.isPending ? (
        <Loading />
      ) : (
        <Stack>
          <Text size="sm" c="dimmed">
            {t('collection.scheduleHelp')}
          </Text>
          {current.map((d, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a step is its position in the schedule
            <Group key={i} align="end">
              <NumberInput
                label={t(
                  `collection.tone.${i === current.length - 1 && current.length > 1 ? 'formal_notice' : i === 0 ? 'reminder' : 'firm'}`,
                )}
                value={d}
                onChange={(v) => setSteps(current.map((x, j) => (j === i ? v : x)))}
                min={1}
                max={365}
                suffix={` ${t('collection.daysAfter')}`}
                w={220}
              />
              {current.length > 1 && (
                <Button
                  variant="subtle"
                  color="red"
                  onClick={() => setSteps(current.filter((_, j) => j !== i))}
                >
                  {t('common.remove')}
                </Button>
              )}
            </Group>
          ))}
          {current.length < 6 && (
            <Button
              variant="default"
              onClick={() => setSteps([...current, Number(current.at(-1) ?? 0) + 15])}
              w="fit-content"
            >
              {t('collection.addStep')}
            </Button>
          )}
          <Switch
            label={t('collection.enabled')}
            checked={on}
            onChange={(e) => setEnabled(e.currentTarget.checked)}
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
      )}
    </Modal>
  );
}
