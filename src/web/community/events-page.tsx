// Events for members (list, register, unregister, waiting-list position, calendar feed) and, on an
// event's page, what the office's staff do: attendance, the sheet to print, capacity, cancelling.
import {
  Alert,
  Anchor,
  Button,
  Card,
  Checkbox,
  CopyButton,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { EventView } from '../../domain/community/schemas.ts';
import { api } from '../api.ts';
import { hasRole, useActor } from '../auth/session.tsx';
import { useT } from '../i18n/index.ts';
import { officeOptions, useOffices } from '../queries.ts';
import { ConfirmButton } from '../ui/confirm.tsx';
import { useErrorMessage } from '../ui/forms.tsx';
import { PageHeader, Section } from '../ui/page.tsx';
import { Empty, Loading, QueryError } from '../ui/states.tsx';
import { EventBadges, formatWhen } from './shared.tsx';

type Attendance = {
  event: EventView;
  registrations: {
    id: string;
    memberId: string | null;
    name: string;
    email: string | null;
    status: 'registered' | 'waitlisted';
    confirmed: boolean;
    waitlistPosition: number | null;
    attended: boolean | null;
  }[];
};

/** Register or unregister the signed-in member, telling what happened. */
function useRegistration(e: EventView) {
  const { t } = useT();
  const client = useQueryClient();
  const messageOf = useErrorMessage();
  return useMutation({
    mutationFn: (register: boolean) =>
      register
        ? api.put<EventView>(`/api/v1/events/${e.id}/registration`)
        : api.delete<EventView>(`/api/v1/events/${e.id}/registration`),
    onSuccess: (after) => {
      client.setQueryData(['event', e.id], after);
      void client.invalidateQueries({ queryKey: ['events'] });
      notifications.show({
        color: 'green',
        message: !after.mine
          ? t('community.unregisteredDone')
          : after.mine.status === 'registered'
            ? t('community.registeredDone')
            : t('community.waitlistedDone', { position: after.mine.waitlistPosition ?? '?' }),
      });
    },
    onError: (error) => notifications.show({ color: 'red', message: messageOf(error) }),
  });
}

function RegisterButton({ e, fullWidth }: { e: EventView; fullWidth?: boolean }) {
  const { t } = useT();
  const actor = useActor();
  const registration = useRegistration(e);
  if (!actor.memberId || e.status === 'cancelled') return null;
  if (e.mine)
    return (
      <Button
        variant="default"
        fullWidth={fullWidth}
        loading={registration.isPending}
        onClick={() => registration.mutate(false)}
        aria-label={`${t('community.unregister')} — ${e.title}`}
      >
        {t('community.unregister')}
      </Button>
    );
  return (
    <Button
      fullWidth={fullWidth}
      variant={e.placesLeft === 0 ? 'light' : 'filled'}
      loading={registration.isPending}
      onClick={() => registration.mutate(true)}
      aria-label={`${e.placesLeft === 0 ? t('community.joinWaitlist') : t('community.register')} — ${e.title}`}
    >
      {e.placesLeft === 0 ? t('community.joinWaitlist') : t('community.register')}
    </Button>
  );
}

function EventCard({ e }: { e: EventView }) {
  const { t, lang } = useT();
  return (
    <Card withBorder padding="md" radius="md" component="article" aria-labelledby={`event-${e.id}`}>
      <Stack gap={8} h="100%">
        <EventBadges e={e} />
        <Anchor component={Link} to={`/events/${e.id}`} fw={600} fz="lg" id={`event-${e.id}`}>
          {e.title}
        </Anchor>
        <Text size="sm">{formatWhen(e, lang)}</Text>
        <Text size="sm" c="dimmed">
          {e.officeName} · {e.place.kind === 'online' ? t('community.online') : e.place.label}
        </Text>
        {e.waitlistCount > 0 && (
          <Text size="xs" c="dimmed">
            {t('community.waitlistCount', { count: e.waitlistCount })}
          </Text>
        )}
        <Group mt="auto" pt="xs">
          <RegisterButton e={e} />
        </Group>
      </Stack>
    </Card>
  );
}

function CalendarFeed() {
  const { t } = useT();
  const [url, setUrl] = useState<string | null>(null);
  const show = useMutation({
    mutationFn: (rotate: boolean) =>
      rotate
        ? api.post<{ url: string }>('/api/v1/calendar-feed')
        : api.get<{ url: string }>('/api/v1/calendar-feed'),
    onSuccess: (r) => setUrl(r.url),
  });
  return (
    <Section title={t('community.feedTitle')}>
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          {t('community.feedText')}
        </Text>
        {url ? (
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <TextInput readOnly value={url} label={t('community.feedShow')} style={{ flex: 1 }} />
            <CopyButton value={url}>
              {({ copied, copy }) => (
                <Button variant="light" onClick={copy}>
                  {copied ? t('community.copied') : t('community.copy')}
                </Button>
              )}
            </CopyButton>
            <Button variant="subtle" onClick={() => show.mutate(true)}>
              {t('community.feedRotate')}
            </Button>
          </Group>
        ) : (
          <Button variant="light" w="fit-content" onClick={() => show.mutate(false)} loading={show.isPending}>
            {t('community.feedShow')}
          </Button>
        )}
      </Stack>
    </Section>
  );
}

export function EventsPage() {
  const { t } = useT();
  const actor = useActor();
  const offices = useOffices();
  const [officeId, setOfficeId] = useState<string | null>(null);
  const [mine, setMine] = useState(false);
  const events = useQuery({
    queryKey: ['events', officeId, mine],
    queryFn: () => api.get<{ items: EventView[] }>('/api/v1/events', { officeId, mine: mine || undefined }),
  });
  const staff = hasRole(actor, 'adviser', 'admin');
  return (
    <>
      <PageHeader
        title={t('community.eventsTitle')}
        subtitle={t('community.eventsIntro')}
        actions={
          staff && (
            <Button component={Link} to="/events/new">
              {t('community.newEvent')}
            </Button>
          )
        }
      />
      <Group mb="md" gap="md" align="flex-end">
        <Select
          label={t('community.office')}
          placeholder={t('community.allOffices')}
          data={officeOptions(offices.data)}
          value={officeId}
          onChange={setOfficeId}
          clearable
          searchable
          w={260}
        />
        {actor.memberId && (
          <Switch
            label={t('community.onlyMine')}
            checked={mine}
            onChange={(ev) => setMine(ev.currentTarget.checked)}
            mb={8}
          />
        )}
      </Group>
      {events.isPending ? (
        <Loading />
      ) : events.isError ? (
        <QueryError error={events.error} onRetry={() => events.refetch()} />
      ) : events.data.items.length === 0 ? (
        <Empty>{t('community.noEvents')}</Empty>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" mb="lg">
          {events.data.items.map((e) => (
            <EventCard key={e.id} e={e} />
          ))}
        </SimpleGrid>
      )}
      {actor.memberId && <CalendarFeed />}
    </>
  );
}

function AttendanceSection({ id }: { id: string }) {
  const { t } = useT();
  const client = useQueryClient();
  const messageOf = useErrorMessage();
  const sheet = useQuery({
    queryKey: ['event', id, 'attendance'],
    queryFn: () => api.get<Attendance>(`/api/v1/events/${id}/attendance`),
  });
  const mark = useMutation({
    mutationFn: (m: { registrationId: string; attended: boolean }) =>
      api.put<Attendance>(`/api/v1/events/${id}/attendance`, { marks: [m] }),
    onSuccess: (data) => client.setQueryData(['event', id, 'attendance'], data),
    onError: (error) => notifications.show({ color: 'red', message: messageOf(error) }),
  });
  if (sheet.isPending) return <Loading />;
  if (sheet.isError) return <QueryError error={sheet.error} onRetry={() => sheet.refetch()} />;
  const rows = sheet.data.registrations;
  return (
    <Section
      title={t('community.attendance')}
      actions={
        <Button
          component="a"
          href={`/api/v1/events/${id}/attendance.pdf`}
          target="_blank"
          variant="light"
          size="xs"
        >
          {t('community.sheetPdf')}
        </Button>
      }
    >
      {rows.length === 0 ? (
        <Text c="dimmed">{t('community.attendanceEmpty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('community.name')}</Table.Th>
                <Table.Th>{t('community.email')}</Table.Th>
                <Table.Th>{t('community.status')}</Table.Th>
                <Table.Th>{t('community.attended')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    {r.name}{' '}
                    <Text span size="xs" c="dimmed">
                      ({r.memberId ? t('community.member') : t('community.prospect')})
                    </Text>
                  </Table.Td>
                  <Table.Td>{r.email}</Table.Td>
                  <Table.Td>
                    {r.status === 'registered'
                      ? t('community.registered')
                      : t('community.waitlisted', { position: r.waitlistPosition ?? '?' })}
                    {!r.confirmed && ` (${t('community.unconfirmed')})`}
                  </Table.Td>
                  <Table.Td>
                    {r.status === 'registered' && (
                      <Checkbox
                        aria-label={`${t('community.attended')} — ${r.name}`}
                        checked={r.attended === true}
                        onChange={(ev) =>
                          mark.mutate({ registrationId: r.id, attended: ev.currentTarget.checked })
                        }
                      />
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}

function ManageSection({ e }: { e: EventView }) {
  const { t } = useT();
  const client = useQueryClient();
  const messageOf = useErrorMessage();
  const [capacity, setCapacity] = useState<number | string>(e.capacity);
  const onDone = (after: EventView) => {
    client.setQueryData(['event', e.id], after);
    void client.invalidateQueries({ queryKey: ['event', e.id, 'attendance'] });
    notifications.show({ color: 'green', message: t('community.saved') });
  };
  const onError = (error: unknown) => notifications.show({ color: 'red', message: messageOf(error) });
  const save = useMutation({
    mutationFn: () => api.patch<EventView>(`/api/v1/events/${e.id}`, { capacity: Number(capacity) }),
    onSuccess: onDone,
    onError,
  });
  const cancel = useMutation({
    mutationFn: () => api.post<EventView>(`/api/v1/events/${e.id}/cancel`),
    onSuccess: onDone,
    onError,
  });
  if (e.status === 'cancelled') return null;
  return (
    <Section title={t('community.manage')}>
      <Group align="flex-end" gap="md">
        <NumberInput
          label={t('community.capacity')}
          min={1}
          max={10000}
          value={capacity}
          onChange={setCapacity}
          w={140}
        />
        <Button variant="light" onClick={() => save.mutate()} loading={save.isPending}>
          {t('community.saveCapacity')}
        </Button>
        <ConfirmButton
          color="red"
          variant="subtle"
          ml="auto"
          title={t('community.cancelEvent')}
          message={t('community.cancelEventConfirm')}
          loading={cancel.isPending}
          onConfirm={() => cancel.mutateAsync()}
        >
          {t('community.cancelEvent')}
        </ConfirmButton>
      </Group>
    </Section>
  );
}

export function EventPage() {
  const { id = '' } = useParams();
  const { t, lang } = useT();
  const event = useQuery({
    queryKey: ['event', id],
    queryFn: () => api.get<EventView>(`/api/v1/events/${id}`),
  });
  if (event.isPending) return <Loading />;
  if (event.isError) return <QueryError error={event.error} onRetry={() => event.refetch()} />;
  const e = event.data;
  return (
    <>
      <PageHeader
        title={e.title}
        back={{ to: '/events', label: t('community.eventsTitle') }}
        subtitle={`${formatWhen(e, lang)} · ${e.officeName}`}
        badges={<EventBadges e={e} />}
        actions={<RegisterButton e={e} />}
      />
      <Stack gap="lg">
        <Section title={t('community.details')}>
          <Stack gap="xs">
            <Text size="sm">
              <b>{t('community.place')} :</b>{' '}
              {e.place.url ? (
                <Anchor href={e.place.url} target="_blank" rel="noreferrer">
                  {e.place.url}
                </Anchor>
              ) : (
                e.place.label
              )}
            </Text>
            <Text size="sm">
              <b>{t('community.audience')} :</b> {t(`community.audiences.${e.audience}`)} ·{' '}
              {e.placesLeft === 0 ? t('community.full') : t('community.placesLeft', { count: e.placesLeft })}
              {e.waitlistCount > 0 && ` · ${t('community.waitlistCount', { count: e.waitlistCount })}`}
            </Text>
            {e.description && (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {e.description}
              </Text>
            )}
            {e.mine?.status === 'waitlisted' && (
              <Alert color="yellow">
                {t('community.waitlistedDone', { position: e.mine.waitlistPosition ?? '?' })}
              </Alert>
            )}
          </Stack>
        </Section>
        {e.manageable && <ManageSection e={e} />}
        {e.manageable && <AttendanceSection id={e.id} />}
      </Stack>
    </>
  );
}
