// The staff's event editor: one session or a weekly or monthly series, at the office's local time.
import {
  Button,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import {
  audiences,
  type EventInput,
  type EventView,
  eventKinds,
  type SpaceView,
} from '../../domain/community/schemas.ts';
import { instantOf } from '../../domain/community/time.ts';
import { api } from '../api.ts';
import { hasRole, useActor } from '../auth/session.tsx';
import { useT } from '../i18n/index.ts';
import { officeOptions, useOffices } from '../queries.ts';
import { FormError, useFormSubmit } from '../ui/forms.tsx';
import { PageHeader, Section } from '../ui/page.tsx';

type Values = {
  officeId: string;
  kind: EventInput['kind'];
  title: string;
  description: string;
  date: string;
  start: string;
  end: string;
  placeKind: 'space' | 'address' | 'online';
  spaceId: string;
  address: string;
  url: string;
  capacity: number | string;
  audience: EventInput['audience'];
  frequency: 'none' | 'weekly' | 'monthly';
  until: string;
};

/** "2026-12-01" + "18:00" in the office's time zone → an ISO instant. */
const localInstant = (date: string, time: string) => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return instantOf({ year, month, day, hour, minute }).toISOString();
};

export function NewEventPage() {
  const { t } = useT();
  const actor = useActor();
  const navigate = useNavigate();
  const offices = useOffices();
  const mine = (offices.data ?? []).filter((o) => hasRole(actor, 'admin') || actor.officeIds.includes(o.id));
  const form = useForm<Values, EventInput>({
    mode: 'controlled',
    initialValues: {
      officeId: actor.officeIds[0] ?? '',
      kind: 'info_session',
      title: '',
      description: '',
      date: '',
      start: '18:00',
      end: '19:30',
      placeKind: 'address',
      spaceId: '',
      address: '',
      url: '',
      capacity: 20,
      audience: 'prospects',
      frequency: 'none',
      until: '',
    },
    transformValues: (v): EventInput => ({
      officeId: v.officeId,
      kind: v.kind,
      title: v.title,
      description: v.description,
      startsAt: v.date ? localInstant(v.date, v.start) : '',
      endsAt: v.date ? localInstant(v.date, v.end) : '',
      place:
        v.placeKind === 'space'
          ? { kind: 'space' as const, spaceId: v.spaceId }
          : v.placeKind === 'online'
            ? { kind: 'online' as const, url: v.url }
            : { kind: 'address' as const, address: v.address },
      capacity: Number(v.capacity),
      audience: v.audience,
      recurrence: v.frequency === 'none' ? null : { frequency: v.frequency, interval: 1, until: v.until },
    }),
  });
  const spaces = useQuery({
    queryKey: ['spaces', form.values.officeId],
    queryFn: () => api.get<{ items: SpaceView[] }>('/api/v1/spaces', { officeId: form.values.officeId }),
    enabled: Boolean(form.values.officeId),
  });
  const submit = useFormSubmit(form, {
    mutationFn: (body: EventInput) => api.post<{ items: EventView[] }>('/api/v1/events', body),
    onSuccess: (r) => {
      notifications.show({
        color: 'green',
        message: t('community.createdSeries', { count: r.items.length }),
      });
      navigate(`/events/${r.items[0]?.id}`);
    },
    // The API's fields as this form names them: a space already booked shows under the space.
    paths: {
      'place.spaceId': 'spaceId',
      'place.address': 'address',
      'place.url': 'url',
      startsAt: 'date',
      endsAt: 'end',
      'recurrence.until': 'until',
    },
  });
  return (
    <>
      <PageHeader
        title={t('community.editorTitle')}
        back={{ to: '/events', label: t('community.eventsTitle') }}
      />
      <form onSubmit={submit.onSubmit} noValidate>
        <Stack gap="lg" maw={820}>
          <Section title={t('community.details')}>
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Select
                  label={t('community.office')}
                  data={officeOptions(mine)}
                  required
                  allowDeselect={false}
                  {...form.getInputProps('officeId')}
                />
                <Select
                  label={t('community.kind')}
                  data={eventKinds.map((k) => ({ value: k, label: t(`community.kinds.${k}`) }))}
                  required
                  allowDeselect={false}
                  {...form.getInputProps('kind')}
                />
              </SimpleGrid>
              <TextInput label={t('community.title')} required {...form.getInputProps('title')} />
              <Textarea
                label={t('community.description')}
                autosize
                minRows={3}
                {...form.getInputProps('description')}
              />
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput
                  type="date"
                  label={t('community.date')}
                  required
                  {...form.getInputProps('date')}
                  error={form.errors.date ?? form.errors.startsAt}
                />
                <TextInput
                  type="time"
                  step={900}
                  label={t('community.startTime')}
                  required
                  {...form.getInputProps('start')}
                />
                <TextInput
                  type="time"
                  step={900}
                  label={t('community.endTime')}
                  required
                  {...form.getInputProps('end')}
                  error={form.errors.end ?? form.errors.endsAt}
                />
              </SimpleGrid>
              <Text size="xs" c="dimmed">
                {t('community.localTime')}
              </Text>
            </Stack>
          </Section>
          <Section title={t('community.place')}>
            <Stack gap="sm">
              <Select
                label={t('community.place')}
                allowDeselect={false}
                data={(['address', 'space', 'online'] as const).map((k) => ({
                  value: k,
                  label: t(`community.placeKinds.${k}`),
                }))}
                {...form.getInputProps('placeKind')}
              />
              {form.values.placeKind === 'space' && (
                <Select
                  label={t('community.space')}
                  data={(spaces.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
                  {...form.getInputProps('spaceId')}
                  error={form.errors.spaceId ?? form.errors['place.spaceId']}
                />
              )}
              {form.values.placeKind === 'address' && (
                <TextInput
                  label={t('community.address')}
                  {...form.getInputProps('address')}
                  error={form.errors.address ?? form.errors['place.address']}
                />
              )}
              {form.values.placeKind === 'online' && (
                <TextInput
                  type="url"
                  label={t('community.url')}
                  placeholder="https://"
                  {...form.getInputProps('url')}
                  error={form.errors.url ?? form.errors['place.url']}
                />
              )}
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NumberInput
                  label={t('community.capacity')}
                  min={1}
                  max={10000}
                  required
                  {...form.getInputProps('capacity')}
                />
                <Select
                  label={t('community.audience')}
                  allowDeselect={false}
                  data={audiences.map((a) => ({ value: a, label: t(`community.audiences.${a}`) }))}
                  {...form.getInputProps('audience')}
                />
              </SimpleGrid>
            </Stack>
          </Section>
          <Section title={t('community.recurrence')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('community.recurrence')}
                allowDeselect={false}
                data={[
                  { value: 'none', label: t('community.recurrenceNone') },
                  { value: 'weekly', label: t('community.recurrenceWeekly') },
                  { value: 'monthly', label: t('community.recurrenceMonthly') },
                ]}
                {...form.getInputProps('frequency')}
              />
              {form.values.frequency !== 'none' && (
                <TextInput
                  type="date"
                  label={t('community.until')}
                  required
                  {...form.getInputProps('until')}
                  error={form.errors.until ?? form.errors['recurrence.until']}
                />
              )}
            </SimpleGrid>
          </Section>
          <FormError message={submit.error} />
          <Group>
            <Button type="submit" loading={submit.pending}>
              {t('community.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
