// Spaces of the offices: a week calendar per space (free, booked, mine, held by an event, closed),
// booking a slot charged to one of the member's activities, the member's bookings with cancellation,
// and for the office's staff the form of a space and the occupancy of each space over a month.
import {
  Alert,
  Badge,
  Box,
  Button,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { canInOffice } from '../../domain/access.ts';
import type { BookingView, SpaceView } from '../../domain/community/schemas.ts';
import { bookingPrice, isPriced, slotMinutes } from '../../domain/community/spaces.ts';
import { instantOf, officeTimeZone, parseHhMm, wallTimeOf } from '../../domain/community/time.ts';
import { api } from '../api.ts';
import { useActor } from '../auth/session.tsx';
import { useT } from '../i18n/index.ts';
import { officeOptions, useOffices } from '../queries.ts';
import { formatMoney, formatRate, localeOf } from '../ui/format.ts';
import { useErrorMessage } from '../ui/forms.tsx';
import { PageHeader, Section } from '../ui/page.tsx';
import { Empty, Loading, QueryError } from '../ui/states.tsx';
import { SpaceFormModal } from './space-form.tsx';

type Occupancy = {
  month: string;
  spaces: {
    spaceId: string;
    name: string;
    bookings: number;
    events: number;
    bookedMinutes: number;
    openMinutes: number;
    rateBp: number;
    chargedCents: number;
  }[];
};
type Home = { activities: { id: string; name: string; status?: string }[] };

const pad = (n: number) => String(n).padStart(2, '0');
const hhmm = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
const isoDay = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** The Monday (local date) of the week containing `instant`. */
function mondayOf(instant: Date): string {
  const w = wallTimeOf(instant);
  return isoDay(new Date(Date.UTC(w.year, w.month - 1, w.day - w.weekday)));
}
const addDays = (day: string, n: number) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return isoDay(new Date(Date.UTC(y, m - 1, d + n)));
};
/** A local day and minute of the office → an instant. */
const at = (day: string, minute: number) => {
  const [year, month, d] = day.split('-').map(Number) as [number, number, number];
  return instantOf({ year, month, day: d, hour: Math.floor(minute / 60), minute: minute % 60 });
};

type Selection = { day: string; from: number; to: number };

function WeekGrid({
  space,
  monday,
  bookings,
  selection,
  onPick,
}: {
  space: SpaceView;
  monday: string;
  bookings: BookingView[];
  selection: Selection | null;
  onPick: (s: Selection) => void;
}) {
  const { t, lang } = useT();
  const days = Array.from({ length: 7 }, (_, i) => ({
    i,
    day: addDays(monday, i),
    hours: space.openingHours[i],
  }));
  const open = days.filter((d) => d.hours);
  if (open.length === 0) return <Text c="dimmed">{t('community.closed')}</Text>;
  const first = Math.min(...open.map((d) => parseHhMm(d.hours!.open)));
  const last = Math.max(...open.map((d) => parseHhMm(d.hours!.close)));
  const rows: number[] = [];
  for (let m = first; m < last; m += slotMinutes) rows.push(m);
  const now = Date.now();
  const dayLabel = new Intl.DateTimeFormat(localeOf(lang), {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  });
  const bookingAt = (day: string, minute: number) => {
    const start = at(day, minute).getTime();
    return bookings.find(
      (b) => new Date(b.startsAt).getTime() <= start && start < new Date(b.endsAt).getTime(),
    );
  };
  const stateOf = (day: string, minute: number, hours: { open: string; close: string } | null) => {
    if (!hours || minute < parseHhMm(hours.open) || minute + slotMinutes > parseHhMm(hours.close))
      return 'closed';
    const start = at(day, minute).getTime();
    const booking = bookingAt(day, minute);
    if (booking) return booking.eventId ? 'event' : booking.mine ? 'mine' : 'busy';
    if (selection && selection.day === day && minute >= selection.from && minute < selection.to)
      return 'selected';
    if (start < now) return 'past';
    return 'free';
  };
  const colors: Record<string, string> = {
    closed: 'var(--mantine-color-gray-2)',
    past: 'var(--mantine-color-gray-1)',
    busy: 'var(--mantine-color-red-2)',
    mine: 'var(--mantine-color-green-3)',
    event: 'var(--mantine-color-violet-2)',
    selected: 'var(--mantine-color-blue-4)',
    free: 'white',
  };
  return (
    <Table.ScrollContainer minWidth={120 + open.length * 90}>
      <Table
        withColumnBorders
        withTableBorder
        verticalSpacing={0}
        horizontalSpacing={0}
        style={{ tableLayout: 'fixed' }}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={56} />
            {open.map((d) => (
              <Table.Th key={d.day} ta="center" fz="xs" py={4}>
                {dayLabel.format(new Date(`${d.day}T12:00:00Z`))}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((minute) => (
            <Table.Tr key={minute}>
              <Table.Td fz="xs" c="dimmed" ta="right" pr={6} style={{ whiteSpace: 'nowrap' }}>
                {minute % 60 === 0 ? hhmm(minute) : ''}
              </Table.Td>
              {open.map((d) => {
                const state = stateOf(d.day, minute, d.hours ?? null);
                const held = state === 'event' ? bookingAt(d.day, minute) : undefined;
                const label = `${dayLabel.format(new Date(`${d.day}T12:00:00Z`))} ${hhmm(minute)} — ${
                  state === 'free'
                    ? t('community.available')
                    : state === 'event'
                      ? [t('community.event'), held?.eventTitle].filter(Boolean).join(' : ')
                      : t(
                          `community.${state === 'mine' ? 'mine' : state === 'busy' ? 'busy' : state === 'selected' ? 'selected' : 'closed'}`,
                        )
                }`;
                return (
                  <Table.Td key={d.day} p={0} style={{ background: colors[state], height: 22 }}>
                    {state === 'free' ? (
                      <UnstyledButton
                        w="100%"
                        h={22}
                        aria-label={label}
                        data-slot={`${d.day}T${hhmm(minute)}`}
                        onClick={() => onPick({ day: d.day, from: minute, to: minute + 60 })}
                        style={{ display: 'block' }}
                      />
                    ) : (
                      <Box h={22} title={label} aria-hidden="true" />
                    )}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Legend() {
  const { t } = useT();
  const item = (color: string, label: string) => (
    <Group gap={6} key={label}>
      <Box
        w={14}
        h={14}
        style={{ background: color, border: '1px solid var(--mantine-color-gray-4)', borderRadius: 3 }}
      />
      <Text size="xs">{label}</Text>
    </Group>
  );
  return (
    <Group gap="md" mt="xs">
      {item('white', t('community.available'))}
      {item('var(--mantine-color-green-3)', t('community.mine'))}
      {item('var(--mantine-color-red-2)', t('community.busy'))}
      {item('var(--mantine-color-violet-2)', t('community.event'))}
      {item('var(--mantine-color-blue-4)', t('community.selected'))}
      {item('var(--mantine-color-gray-2)', t('community.closed'))}
    </Group>
  );
}

function BookingForm({
  space,
  selection,
  setSelection,
}: {
  space: SpaceView;
  selection: Selection | null;
  setSelection: (s: Selection | null) => void;
}) {
  const { t, lang } = useT();
  const actor = useActor();
  const client = useQueryClient();
  const messageOf = useErrorMessage();
  const home = useQuery({
    queryKey: ['home'],
    queryFn: () => api.get<Home>('/api/v1/home'),
    enabled: Boolean(actor.memberId),
  });
  const [activityId, setActivityId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const activities = home.data?.activities ?? [];
  const chosenActivity = activityId ?? activities[0]?.id ?? null;
  const book = useMutation({
    mutationFn: (s: Selection) =>
      api.post<BookingView>(`/api/v1/spaces/${space.id}/bookings`, {
        startsAt: at(s.day, s.from).toISOString(),
        endsAt: at(s.day, s.to).toISOString(),
        activityId: isPriced(space) ? chosenActivity : null,
      }),
    onSuccess: () => {
      setError(null);
      setSelection(null);
      notifications.show({ color: 'green', message: t('community.booked') });
      void client.invalidateQueries({ queryKey: ['space-bookings'] });
      void client.invalidateQueries({ queryKey: ['my-bookings'] });
    },
    onError: (e) => {
      setError(messageOf(e));
      void client.invalidateQueries({ queryKey: ['space-bookings'] });
    },
  });
  if (!actor.memberId) return null;
  const hours = selection ? space.openingHours[wallTimeOf(at(selection.day, 12 * 60)).weekday] : null;
  const times = hours
    ? Array.from(
        { length: (parseHhMm(hours.close) - parseHhMm(hours.open)) / slotMinutes + 1 },
        (_, i) => parseHhMm(hours.open) + i * slotMinutes,
      )
    : [];
  const price = selection
    ? bookingPrice(
        space.pricePerHourCents,
        { startsAt: at(selection.day, selection.from), endsAt: at(selection.day, selection.to) },
        space.pricePerDayCents,
      )
    : 0;
  return (
    <Section title={t('community.bookTitle')}>
      {!selection ? (
        <Text size="sm" c="dimmed">
          {t('community.bookHint')}
        </Text>
      ) : (
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t('community.day')}
              type="date"
              value={selection.day}
              onChange={(e) => setSelection({ ...selection, day: e.currentTarget.value })}
            />
            <Select
              label={t('community.from')}
              allowDeselect={false}
              data={times.slice(0, -1).map((m) => ({ value: String(m), label: hhmm(m) }))}
              value={String(selection.from)}
              onChange={(v) =>
                v &&
                setSelection({
                  ...selection,
                  from: Number(v),
                  to: Math.max(Number(v) + slotMinutes, selection.to),
                })
              }
            />
            <Select
              label={t('community.to')}
              allowDeselect={false}
              data={times
                .filter((m) => m > selection.from)
                .map((m) => ({ value: String(m), label: hhmm(m) }))}
              value={String(selection.to)}
              onChange={(v) => v && setSelection({ ...selection, to: Number(v) })}
            />
          </SimpleGrid>
          {isPriced(space) && (
            <Group align="flex-end" gap="md">
              <Select
                label={t('community.activity')}
                data={activities.map((a) => ({ value: a.id, label: a.name }))}
                value={chosenActivity}
                onChange={setActivityId}
                allowDeselect={false}
                w={300}
              />
              <Text size="sm" mb={8}>
                {t('community.price')} : <b>{formatMoney(price, lang)}</b>
              </Text>
            </Group>
          )}
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group>
            <Button onClick={() => book.mutate(selection)} loading={book.isPending}>
              {t('community.book')}
            </Button>
            <Button variant="subtle" onClick={() => setSelection(null)}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      )}
    </Section>
  );
}

function MyBookings() {
  const { t, lang } = useT();
  const client = useQueryClient();
  const messageOf = useErrorMessage();
  const mine = useQuery({
    queryKey: ['my-bookings'],
    queryFn: () => api.get<{ items: BookingView[] }>('/api/v1/space-bookings'),
  });
  const cancel = useMutation({
    mutationFn: (id: string) => api.post<BookingView>(`/api/v1/space-bookings/${id}/cancel`),
    onSuccess: () => {
      notifications.show({ color: 'green', message: t('community.bookingCancelled') });
      void client.invalidateQueries({ queryKey: ['my-bookings'] });
      void client.invalidateQueries({ queryKey: ['space-bookings'] });
    },
    onError: (e) => notifications.show({ color: 'red', message: messageOf(e) }),
  });
  const when = new Intl.DateTimeFormat(localeOf(lang), {
    timeZone: officeTimeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  const time = new Intl.DateTimeFormat(localeOf(lang), { timeZone: officeTimeZone, timeStyle: 'short' });
  if (mine.isPending) return <Loading />;
  if (mine.isError) return <QueryError error={mine.error} />;
  return (
    <Section title={t('community.myBookings')}>
      {mine.data.items.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('community.noBookings')}
        </Text>
      ) : (
        <Stack gap="xs">
          {mine.data.items.map((b) => (
            <Group key={b.id} justify="space-between" wrap="wrap" gap="xs">
              <Text size="sm">
                <b>{b.spaceName}</b> · {when.format(new Date(b.startsAt))}–{time.format(new Date(b.endsAt))}
                {b.priceCents > 0 && ` · ${formatMoney(b.priceCents, lang)}`}
              </Text>
              <Group gap="xs">
                {b.status === 'cancelled' ? (
                  <Badge color="gray">{b.charged ? t('community.charged') : t('community.refunded')}</Badge>
                ) : (
                  <>
                    {b.charged && <Badge variant="light">{t('community.charged')}</Badge>}
                    {new Date(b.startsAt).getTime() > Date.now() && (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        onClick={() => cancel.mutate(b.id)}
                        loading={cancel.isPending && cancel.variables === b.id}
                      >
                        {t('community.cancelBooking')}
                      </Button>
                    )}
                  </>
                )}
              </Group>
            </Group>
          ))}
        </Stack>
      )}
    </Section>
  );
}

function OccupancySection({ officeId }: { officeId: string }) {
  const { t, lang } = useT();
  const [month, setMonth] = useState(() => new Date().toISOString().slice(0, 7));
  const occ = useQuery({
    queryKey: ['occupancy', officeId, month],
    queryFn: () => api.get<Occupancy>(`/api/v1/offices/${officeId}/occupancy`, { month }),
    enabled: /^\d{4}-\d{2}$/.test(month),
  });
  return (
    <Section title={t('community.occupancyTitle')}>
      <TextInput
        type="month"
        label={t('community.month')}
        value={month}
        onChange={(e) => setMonth(e.currentTarget.value)}
        w={200}
        mb="sm"
      />
      {occ.isPending ? (
        <Loading />
      ) : occ.isError ? (
        <QueryError error={occ.error} />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('community.chooseSpace')}</Table.Th>
                <Table.Th ta="right">{t('community.bookings')}</Table.Th>
                <Table.Th ta="right">{t('community.eventsHeld')}</Table.Th>
                <Table.Th ta="right">{t('community.hoursBooked')}</Table.Th>
                <Table.Th ta="right">{t('community.hoursOpen')}</Table.Th>
                <Table.Th ta="right">{t('community.rate')}</Table.Th>
                <Table.Th ta="right">{t('community.chargedTotal')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {occ.data.spaces.map((s) => (
                <Table.Tr key={s.spaceId}>
                  <Table.Td>{s.name}</Table.Td>
                  <Table.Td ta="right">{s.bookings}</Table.Td>
                  <Table.Td ta="right">{s.events}</Table.Td>
                  <Table.Td ta="right">{(s.bookedMinutes / 60).toLocaleString(localeOf(lang))}</Table.Td>
                  <Table.Td ta="right">{(s.openMinutes / 60).toLocaleString(localeOf(lang))}</Table.Td>
                  <Table.Td ta="right">{formatRate(s.rateBp, lang)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(s.chargedCents, lang)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}

export function SpacesPage() {
  const { t, lang } = useT();
  const actor = useActor();
  const officeList = useOffices();
  // The offices whose spaces this person runs: they add spaces there, even to an office without any yet.
  const managed = (officeList.data ?? []).filter((o) => canInOffice(actor, 'space.manage', o.id));
  const staffAnywhere = managed.length > 0;
  const spaces = useQuery({
    queryKey: ['spaces', 'page', staffAnywhere],
    // Staff ask for the spaces out of bookings too: wait to know whether this person is staff.
    enabled: !officeList.isPending,
    queryFn: () =>
      api.get<{ items: SpaceView[] }>(
        '/api/v1/spaces',
        staffAnywhere ? { includeInactive: 'true' } : undefined,
      ),
  });
  const [officeId, setOfficeId] = useState<string | null>(null);
  const [spaceId, setSpaceId] = useState<string | null>(null);
  const [monday, setMonday] = useState(() => mondayOf(new Date()));
  const [selection, setSelection] = useState<Selection | null>(null);
  const [editing, setEditing] = useState<SpaceView | 'new' | null>(null);
  // Spaces taken out of bookings stay visible to their office's staff only, to be brought back.
  const all = (spaces.data?.items ?? []).filter((s) => s.active || s.manageable);
  const offices = [
    ...new Map([
      ...all.map((s) => [s.officeId, s.officeName] as const),
      ...managed.map((o) => [o.id, o.name] as const),
    ]).entries(),
  ].sort((a, b) => a[1].localeCompare(b[1], 'fr'));
  const office =
    officeId ?? actor.officeIds.find((o) => offices.some(([id]) => id === o)) ?? offices[0]?.[0] ?? null;
  const inOffice = all.filter((s) => s.officeId === office);
  const space = inOffice.find((s) => s.id === spaceId) ?? inOffice[0] ?? null;
  const bookings = useQuery({
    queryKey: ['space-bookings', space?.id, monday],
    queryFn: () =>
      api.get<{ items: BookingView[] }>(`/api/v1/spaces/${space!.id}/bookings`, {
        from: at(monday, 0).toISOString(),
        to: at(addDays(monday, 7), 0).toISOString(),
      }),
    enabled: Boolean(space),
  });
  if (spaces.isPending) return <Loading />;
  if (spaces.isError) return <QueryError error={spaces.error} onRetry={() => spaces.refetch()} />;
  const weekLabel = new Intl.DateTimeFormat(localeOf(lang), { timeZone: 'UTC', dateStyle: 'long' }).format(
    new Date(`${monday}T12:00:00Z`),
  );
  const staff = office !== null && canInOffice(actor, 'space.manage', office);
  return (
    <>
      <PageHeader
        title={t('community.spacesTitle')}
        subtitle={t('community.spacesIntro')}
        actions={
          staffAnywhere ? (
            <Button onClick={() => setEditing('new')}>{t('community.newSpace')}</Button>
          ) : undefined
        }
      />
      {editing && (
        <SpaceFormModal
          space={editing === 'new' ? undefined : editing}
          officeId={office && staff ? office : (managed[0]?.id ?? '')}
          offices={officeOptions(managed)}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            setOfficeId(saved.officeId);
            setSpaceId(saved.id);
            setSelection(null);
          }}
        />
      )}
      <Group mb="md" gap="md" align="flex-end" wrap="wrap">
        <Select
          label={t('community.office')}
          data={offices.map(([value, label]) => ({ value, label }))}
          value={office}
          onChange={(v) => {
            setOfficeId(v);
            setSpaceId(null);
            setSelection(null);
          }}
          allowDeselect={false}
          w={220}
        />
        <Select
          label={t('community.chooseSpace')}
          data={inOffice.map((s) => ({
            value: s.id,
            label: s.active ? s.name : `${s.name} (${t('community.notBookable')})`,
          }))}
          value={space?.id ?? null}
          onChange={(v) => {
            setSpaceId(v);
            setSelection(null);
          }}
          allowDeselect={false}
          w={260}
        />
      </Group>
      {!space ? (
        <Empty>{t('community.noSpaces')}</Empty>
      ) : (
        <Stack gap="lg">
          <Section
            title={space.name}
            actions={
              space.manageable ? (
                <Button size="xs" variant="light" onClick={() => setEditing(space)}>
                  {t('community.editSpace')}
                </Button>
              ) : undefined
            }
          >
            <Stack gap="sm">
              <Group gap="xs">
                {!space.active && <Badge color="red">{t('community.notBookable')}</Badge>}
                <Badge variant="light">{t(`community.spaceKinds.${space.kind}`)}</Badge>
                <Badge variant="outline" color="gray">
                  {t('community.persons', { count: space.capacity })}
                </Badge>
                {space.pricePerHourCents !== null && (
                  <Badge variant="outline" color="blue">
                    {t('community.perHour', { price: formatMoney(space.pricePerHourCents, lang) })}
                  </Badge>
                )}
                {space.pricePerDayCents !== null && (
                  <Badge variant="outline" color="blue">
                    {t('community.perDay', { price: formatMoney(space.pricePerDayCents, lang) })}
                  </Badge>
                )}
                {!isPriced(space) && (
                  <Badge variant="outline" color="green">
                    {t('community.free')}
                  </Badge>
                )}
              </Group>
              {isPriced(space) && (
                <Text size="xs" c="dimmed">
                  {t('community.freeCancel', { hours: space.freeCancelHours })}
                </Text>
              )}
              {space.rules && (
                <Text size="sm">
                  <b>{t('community.rules')} :</b> {space.rules}
                </Text>
              )}
              <Group justify="space-between" wrap="wrap">
                <Button
                  variant="default"
                  size="xs"
                  onClick={() => setMonday(addDays(monday, -7))}
                  aria-label={t('community.previousWeek')}
                >
                  ←
                </Button>
                <Text fw={600}>{t('community.week', { date: weekLabel })}</Text>
                <Button
                  variant="default"
                  size="xs"
                  onClick={() => setMonday(addDays(monday, 7))}
                  aria-label={t('community.nextWeek')}
                >
                  →
                </Button>
              </Group>
              {bookings.isError ? (
                <QueryError error={bookings.error} />
              ) : (
                <WeekGrid
                  space={space}
                  monday={monday}
                  bookings={bookings.data?.items ?? []}
                  selection={selection}
                  onPick={setSelection}
                />
              )}
              <Legend />
            </Stack>
          </Section>
          <BookingForm space={space} selection={selection} setSelection={setSelection} />
          {actor.memberId && <MyBookings />}
          {staff && office && <OccupancySection officeId={office} />}
        </Stack>
      )}
    </>
  );
}
