// One activity: its members, linked clients and fee rate. Staff set or remove a fee-rate exception
// (with a reason) and manage members; members edit, close and link clients.
import {
  Alert,
  Anchor,
  Button,
  Group,
  Modal,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { type Actor, can } from '../../domain/access.ts';
import { activityPatch, feeOverride } from '../../domain/activities/schemas.ts';
import { api, type Page } from '../api.ts';
import { isStaff, useActor } from '../auth/session.tsx';
import { ActivityFeeTerms } from '../fees/activity-fee.tsx';
import { useT } from '../i18n/index.ts';
import type { Activity, ClientSummary, MemberSummary } from '../types.ts';
import { ActivityStatusBadge, ClientKindBadge } from '../ui/badges.tsx';
import { ConfirmButton } from '../ui/confirm.tsx';
import { bpToPercent, formatDate, formatRate, percentToBp, withColon } from '../ui/format.ts';
import { FormError, useErrorMessage, useFormSubmit, validateWith } from '../ui/forms.tsx';
import { PageHeader, Section } from '../ui/page.tsx';
import { RemoteSelect } from '../ui/remote-select.tsx';
import { Empty, Loading, QueryError } from '../ui/states.tsx';

export const activityKey = (id: string) => ['activity', id] as const;

const resourceOf = (a: Activity) => ({
  kind: 'activity' as const,
  id: a.id,
  memberIds: a.members.map((m) => m.id),
  // The view does not carry the members' offices: an adviser's rights are confirmed by the server.
  officeIds: [] as string[],
});

/**
 * Staff rights on an activity (fee exception, members, reopening): admins, and advisers on the
 * activities they see without working on them, which are those of their offices' members.
 */
const staffOn = (actor: Actor, a: Activity) =>
  can(actor, 'activity.setFee', resourceOf(a)) ||
  (actor.roles.includes('adviser') && !a.members.some((m) => m.id === actor.memberId));

export function ActivityPage() {
  const { id = '' } = useParams();
  const activity = useQuery({
    queryKey: activityKey(id),
    queryFn: () => api.get<Activity>(`/api/v1/activities/${id}`),
  });
  if (activity.isPending) return <Loading />;
  if (activity.isError) return <QueryError error={activity.error} onRetry={() => activity.refetch()} />;
  return <ActivityView activity={activity.data} />;
}

function useSaved(id: string) {
  const queryClient = useQueryClient();
  return (updated?: Activity) => {
    if (updated) queryClient.setQueryData(activityKey(id), updated);
    void queryClient.invalidateQueries({ queryKey: ['activities'] });
    void queryClient.invalidateQueries({ queryKey: ['home'] });
  };
}

function ActivityView({ activity: a }: { activity: Activity }) {
  const { t, lang } = useT();
  const actor = useActor();
  const onIt = a.members.some((m) => m.id === actor.memberId);
  const staff = staffOn(actor, a);
  const mayUpdate = onIt || staff;
  const open = a.status === 'open';

  return (
    <>
      <PageHeader
        title={a.name}
        badges={<ActivityStatusBadge status={a.status} />}
        subtitle={[a.entity.name, a.trade, `${t('activities.createdOn')} ${formatDate(a.createdAt, lang)}`]
          .filter(Boolean)
          .join(' · ')}
        back={{
          to: '/activities',
          label: isStaff(actor) ? t('activities.title') : t('activities.titleMine'),
        }}
        actions={
          <Group gap="xs">
            <Button component={Link} to={`/activities/${a.id}/account`} variant="light">
              {t('ledger.accountLink')}
            </Button>
            <Button component={Link} to={`/expenses?activityId=${a.id}`} variant="light">
              {t('expenses.activityLink')}
            </Button>
            {mayUpdate && <StatusButtons activity={a} staff={staff} />}
          </Group>
        }
      />
      <Stack gap="lg">
        {!open && (
          <Alert color="gray" variant="light">
            {t('activities.closedNotice')}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Section title={t('activities.feeRate')}>
            {/* The terms of the activity's fee policy today (fees module), its kind set by staff. */}
            <ActivityFeeTerms activityId={a.id} staff={staff} />
            {a.feeRateOverridden && (
              <Stack gap={4}>
                {a.feeOverrideReason && (
                  <Text size="sm">{t('activities.exceptionReason', { reason: a.feeOverrideReason })}</Text>
                )}
                <Text size="sm" c="dimmed">
                  {t('activities.entityRate', { rate: formatRate(a.entity.feeRateBp, lang) })}
                </Text>
              </Stack>
            )}
            {staff && <FeeForm activity={a} />}
          </Section>
          <Section title={t('common.details')} actions={mayUpdate && open && <EditButton activity={a} />}>
            <Stack gap="xs">
              <Text size="sm">
                <Text span fw={600}>
                  {withColon(t('activities.entity'), lang)}{' '}
                </Text>
                {a.entity.name} ({a.entity.code})
              </Text>
              <Text size="sm">
                <Text span fw={600}>
                  {withColon(t('activities.trade'), lang)}{' '}
                </Text>
                {a.trade || t('common.notProvided')}
              </Text>
              <Text size="sm" fw={600}>
                {t('activities.description')}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={a.description ? undefined : 'dimmed'}>
                {a.description || t('common.notProvided')}
              </Text>
            </Stack>
          </Section>
        </SimpleGrid>
        <ActivityMembers activity={a} staff={staff} />
        <LinkedClients activity={a} mayUpdate={mayUpdate && open} />
      </Stack>
    </>
  );
}

function StatusButtons({ activity: a, staff }: { activity: Activity; staff: boolean }) {
  const { t } = useT();
  const saved = useSaved(a.id);
  const messageOf = useErrorMessage();
  const [opened, { open, close }] = useDisclosure(false);
  const change = useMutation({
    mutationFn: (status: 'open' | 'closed') => api.patch<Activity>(`/api/v1/activities/${a.id}`, { status }),
    onSuccess: (updated) => {
      saved(updated);
      close();
      notifications.show({
        color: 'commune',
        message: updated.status === 'closed' ? t('activities.closedDone') : t('activities.reopenedDone'),
      });
    },
    onError: (e) => notifications.show({ color: 'red', message: messageOf(e) }),
  });
  if (a.status === 'closed')
    return staff ? (
      <Button variant="default" loading={change.isPending} onClick={() => change.mutate('open')}>
        {t('activities.reopen')}
      </Button>
    ) : null;
  return (
    <>
      <Button variant="default" color="red" onClick={open}>
        {t('activities.close')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('activities.closeTitle')} centered>
        <Stack gap="md">
          <Text size="sm">{t('activities.closeText')}</Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={change.isPending} onClick={() => change.mutate('closed')}>
              {t('activities.close')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

type EditValues = { name: string; trade: string; description: string };
const editBody = (v: EditValues) => ({
  name: v.name.trim(),
  trade: v.trade.trim(),
  description: v.description.trim(),
});

function EditButton({ activity: a }: { activity: Activity }) {
  const { t } = useT();
  const [opened, { open, close }] = useDisclosure(false);
  const saved = useSaved(a.id);
  const form = useForm<EditValues, ReturnType<typeof editBody>>({
    initialValues: { name: a.name, trade: a.trade, description: a.description },
    validate: validateWith(activityPatch, editBody),
    transformValues: editBody,
  });
  const submit = useFormSubmit(form, {
    mutationFn: (body) => api.patch<Activity>(`/api/v1/activities/${a.id}`, body),
    onSuccess: (updated) => {
      saved(updated);
      close();
      notifications.show({ color: 'commune', message: t('common.saved') });
    },
  });
  return (
    <>
      <Button
        size="xs"
        variant="light"
        onClick={() => {
          form.setValues({ name: a.name, trade: a.trade, description: a.description });
          form.clearErrors();
          submit.reset();
          open();
        }}
      >
        {t('common.edit')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('activities.editTitle')} centered size="lg">
        <form onSubmit={submit.onSubmit} noValidate>
          <Stack gap="md">
            <FormError message={submit.error} />
            <TextInput label={t('activities.name')} required {...form.getInputProps('name')} />
            <TextInput label={t('activities.trade')} {...form.getInputProps('trade')} />
            <Textarea
              label={t('activities.description')}
              autosize
              minRows={3}
              {...form.getInputProps('description')}
            />
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={submit.pending}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

type FeeValues = { feeRateBp: number | string; reason: string };
const feeBody = (v: FeeValues) => ({
  feeRateBp: v.feeRateBp === '' ? undefined : percentToBp(Number(v.feeRateBp)),
  reason: v.reason.trim() || null,
});

function FeeForm({ activity: a }: { activity: Activity }) {
  const { t, lang } = useT();
  const saved = useSaved(a.id);
  const messageOf = useErrorMessage();
  const initial: FeeValues = {
    feeRateBp: a.feeRateOverridden ? bpToPercent(a.feeRateBp) : '',
    reason: a.feeOverrideReason ?? '',
  };
  const form = useForm<FeeValues, ReturnType<typeof feeBody>>({
    initialValues: initial,
    validate: validateWith(feeOverride, feeBody),
    transformValues: feeBody,
  });
  const submit = useFormSubmit(form, {
    mutationFn: (body) => api.put<Activity>(`/api/v1/activities/${a.id}/fee`, body),
    onSuccess: (updated) => {
      saved(updated);
      form.resetDirty();
      notifications.show({ color: 'commune', message: t('activities.feeSaved') });
    },
  });
  const remove = useMutation({
    mutationFn: () => api.put<Activity>(`/api/v1/activities/${a.id}/fee`, { feeRateBp: null, reason: null }),
    onSuccess: (updated) => {
      saved(updated);
      form.setValues({ feeRateBp: '', reason: '' });
      notifications.show({ color: 'commune', message: t('activities.feeSaved') });
    },
    onError: (e) => notifications.show({ color: 'red', message: messageOf(e) }),
  });
  return (
    <form onSubmit={submit.onSubmit} noValidate aria-labelledby="fee-form-title">
      <Stack gap="sm" mt="sm" pt="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
        <div>
          <Text fw={600} size="sm" id="fee-form-title">
            {t('activities.feeTitle')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('activities.feeIntro')}
          </Text>
        </div>
        <FormError message={submit.error} />
        <NumberInput
          label={t('activities.feeOverride')}
          description={t('activities.entityRate', { rate: formatRate(a.entity.feeRateBp, lang) })}
          min={0}
          max={100}
          step={0.5}
          decimalScale={2}
          decimalSeparator={lang === 'fr' ? ',' : '.'}
          allowNegative={false}
          suffix=" %"
          w={220}
          {...form.getInputProps('feeRateBp')}
        />
        <Textarea
          label={t('activities.feeReason')}
          autosize
          minRows={2}
          maxLength={500}
          {...form.getInputProps('reason')}
        />
        <Group gap="sm">
          <Button type="submit" size="sm" loading={submit.pending}>
            {t('activities.setFee')}
          </Button>
          {a.feeRateOverridden && (
            <Button size="sm" variant="default" loading={remove.isPending} onClick={() => remove.mutate()}>
              {t('activities.removeFee')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}

function ActivityMembers({ activity: a, staff }: { activity: Activity; staff: boolean }) {
  const { t } = useT();
  const actor = useActor();
  const saved = useSaved(a.id);
  const messageOf = useErrorMessage();
  const [toAdd, setToAdd] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: (memberId: string) => api.post<Activity>(`/api/v1/activities/${a.id}/members`, { memberId }),
    onSuccess: (updated) => {
      saved(updated);
      setToAdd(null);
      setError(null);
      notifications.show({ color: 'commune', message: t('activities.memberAdded') });
    },
    onError: (e) => setError(messageOf(e)),
  });
  const remove = useMutation({
    mutationFn: (memberId: string) => api.delete<Activity>(`/api/v1/activities/${a.id}/members/${memberId}`),
    onSuccess: (updated) => {
      saved(updated);
      notifications.show({ color: 'commune', message: t('activities.memberRemoved') });
    },
    onError: (e) => notifications.show({ color: 'red', message: messageOf(e) }),
  });
  const open = a.status === 'open';
  const linkable = isStaff(actor);
  return (
    <Section title={t('activities.members')}>
      <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {a.members.map((m) => {
          const name = `${m.firstName} ${m.lastName}`;
          return (
            <Group
              key={m.id}
              component="li"
              justify="space-between"
              py="xs"
              style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
            >
              <div>
                {linkable || m.id === actor.memberId ? (
                  <Anchor component={Link} to={`/members/${m.id}`} fw={500}>
                    {name}
                  </Anchor>
                ) : (
                  <Text fw={500}>{name}</Text>
                )}
                <Text size="xs" c="dimmed">
                  {m.number}
                </Text>
              </div>
              {staff && a.members.length > 1 && (
                <ConfirmButton
                  size="xs"
                  variant="subtle"
                  color="red"
                  aria-label={t('activities.removeMember', { name })}
                  title={t('activities.removeMember', { name })}
                  message={`${name} — ${a.name}`}
                  confirmLabel={t('common.remove')}
                  loading={remove.isPending}
                  onConfirm={() => remove.mutateAsync(m.id).catch(() => undefined)}
                >
                  {t('common.remove')}
                </ConfirmButton>
              )}
            </Group>
          );
        })}
      </Stack>
      {staff && open && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (toAdd) add.mutate(toAdd);
          }}
        >
          <Group align="flex-end" gap="sm" mt="xs">
            <div style={{ flex: '1 1 260px', maxWidth: 380 }}>
              <RemoteSelect<MemberSummary>
                label={t('activities.memberToAdd')}
                placeholder={t('members.searchPlaceholder')}
                path="/api/v1/members"
                toOption={(m) => ({ value: m.id, label: `${m.firstName} ${m.lastName} (${m.number})` })}
                exclude={a.members.map((m) => m.id)}
                value={toAdd}
                onChange={(v) => setToAdd(v)}
                error={error}
              />
            </div>
            <Button type="submit" variant="light" disabled={!toAdd} loading={add.isPending}>
              {t('activities.addMember')}
            </Button>
          </Group>
        </form>
      )}
    </Section>
  );
}

function LinkedClients({ activity: a, mayUpdate }: { activity: Activity; mayUpdate: boolean }) {
  const { t } = useT();
  const queryClient = useQueryClient();
  const messageOf = useErrorMessage();
  const [toLink, setToLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = ['clients', 'activity', a.id];
  const clients = useQuery({
    queryKey: key,
    queryFn: () =>
      api.get<Page<ClientSummary>>('/api/v1/clients', { activityId: a.id, limit: 200, sort: 'name' }),
  });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['clients'] });
    void queryClient.invalidateQueries({ queryKey: activityKey(a.id) });
    void queryClient.invalidateQueries({ queryKey: ['home'] });
  };
  const link = useMutation({
    mutationFn: (clientId: string) => api.put(`/api/v1/activities/${a.id}/clients/${clientId}`),
    onSuccess: () => {
      refresh();
      setToLink(null);
      setError(null);
      notifications.show({ color: 'commune', message: t('activities.clientLinked') });
    },
    onError: (e) => setError(messageOf(e)),
  });
  const unlink = useMutation({
    mutationFn: (clientId: string) => api.delete(`/api/v1/activities/${a.id}/clients/${clientId}`),
    onSuccess: () => {
      refresh();
      notifications.show({ color: 'commune', message: t('activities.clientUnlinked') });
    },
    onError: (e) => notifications.show({ color: 'red', message: messageOf(e) }),
  });
  const linkedIds = clients.data?.items.map((c) => c.id) ?? [];
  return (
    <Section
      title={t('activities.linkedClients')}
      actions={
        mayUpdate && (
          <Button component={Link} to={`/clients/new?activityId=${a.id}`} size="xs" variant="light">
            {t('activities.newClient')}
          </Button>
        )
      }
    >
      {clients.isPending ? (
        <Loading />
      ) : clients.isError ? (
        <QueryError error={clients.error} onRetry={() => clients.refetch()} />
      ) : clients.data.items.length === 0 ? (
        <Empty>{t('activities.noClients')}</Empty>
      ) : (
        <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {clients.data.items.map((c) => (
            <Group
              key={c.id}
              component="li"
              justify="space-between"
              py="xs"
              wrap="nowrap"
              style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
            >
              <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
                <div style={{ minWidth: 0 }}>
                  <Anchor component={Link} to={`/clients/${c.id}`} fw={500}>
                    {c.name}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {[c.postalCode, c.city].filter(Boolean).join(' ')}
                  </Text>
                </div>
                <ClientKindBadge kind={c.kind} />
              </Group>
              {mayUpdate && (
                <ConfirmButton
                  size="xs"
                  variant="subtle"
                  color="red"
                  aria-label={t('activities.unlinkClient', { name: c.name })}
                  title={t('activities.unlinkClient', { name: c.name })}
                  message={`${c.name} — ${a.name}`}
                  confirmLabel={t('common.remove')}
                  loading={unlink.isPending}
                  onConfirm={() => unlink.mutateAsync(c.id).catch(() => undefined)}
                >
                  {t('common.remove')}
                </ConfirmButton>
              )}
            </Group>
          ))}
        </Stack>
      )}
      {mayUpdate && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (toLink) link.mutate(toLink);
          }}
        >
          <Group align="flex-end" gap="sm" mt="xs">
            <div style={{ flex: '1 1 260px', maxWidth: 380 }}>
              <RemoteSelect<ClientSummary>
                label={t('activities.clientToLink')}
                placeholder={t('clients.searchPlaceholder')}
                path="/api/v1/clients"
                toOption={(c) => ({ value: c.id, label: c.city ? `${c.name} — ${c.city}` : c.name })}
                exclude={linkedIds}
                value={toLink}
                onChange={(v) => setToLink(v)}
                error={error}
              />
            </div>
            <Button type="submit" variant="light" disabled={!toLink} loading={link.isPending}>
              {t('activities.linkClient')}
            </Button>
          </Group>
        </form>
      )}
    </Section>
  );
}
