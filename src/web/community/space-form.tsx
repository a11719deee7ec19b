// The staff's form for a space of their office: created or changed in a dialog on the spaces page
// (full screen on a phone). Checked with the API's own schemas; the server's field errors land
// under their fields, a day's opening hours under that day.
import {
  Box,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { type SpaceView, spaceInput, spacePatch } from '../../domain/community/schemas.ts';
import { type SpaceKind, spaceKinds } from '../../domain/community/spaces.ts';
import { describeIssue, type Language } from '../../domain/messages.ts';
import { api } from '../api.ts';
import { currentLanguage, useT } from '../i18n/index.ts';
import { centsToEuros, eurosToCents, localeOf } from '../ui/format.ts';
import { changedFields, FormError, useFormSubmit, zodErrors } from '../ui/forms.tsx';

type Day = { closed: boolean; open: string; close: string };
/** Named as the API's fields so that its errors find them; prices in euros here, cents in the body. */
type Values = {
  officeId: string;
  name: string;
  kind: SpaceKind;
  capacity: number | string;
  openingHours: Day[];
  rules: string;
  pricePerHourCents: number | string;
  pricePerDayCents: number | string;
  freeCancelHours: number | string;
  active: boolean;
};

const number = (v: number | string) => (v === '' ? undefined : Number(v));
const euros = (v: number | string) => (v === '' ? null : eurosToCents(Number(v)));

const bodyOf = (v: Values) => ({
  name: v.name.trim(),
  kind: v.kind,
  capacity: number(v.capacity),
  openingHours: v.openingHours.map((d) => (d.closed ? null : { open: d.open, close: d.close })),
  rules: v.rules.trim(),
  pricePerHourCents: euros(v.pricePerHourCents),
  pricePerDayCents: euros(v.pricePerDayCents),
  freeCancelHours: number(v.freeCancelHours),
});

const valuesOf = (s: SpaceView): Values => ({
  officeId: s.officeId,
  name: s.name,
  kind: s.kind,
  capacity: s.capacity,
  openingHours: s.openingHours.map((d) =>
    d ? { closed: false, open: d.open, close: d.close } : { closed: true, open: '09:00', close: '18:00' },
  ),
  rules: s.rules,
  pricePerHourCents: s.pricePerHourCents === null ? '' : centsToEuros(s.pricePerHourCents),
  pricePerDayCents: s.pricePerDayCents === null ? '' : centsToEuros(s.pricePerDayCents),
  freeCancelHours: s.freeCancelHours,
  active: s.active,
});

const blank = (officeId: string): Values => ({
  officeId,
  name: '',
  kind: 'meeting_room',
  capacity: 8,
  // Weekdays 9:00–18:00, closed at the weekend: what most offices do.
  openingHours: Array.from({ length: 7 }, (_, i) => ({ closed: i >= 5, open: '09:00', close: '18:00' })),
  rules: '',
  pricePerHourCents: '',
  pricePerDayCents: '',
  freeCancelHours: 24,
  active: true,
});

/** The schema's messages by field; a day whose hours are wrong gets its message under its closing time. */
function errorsOf(schema: z.ZodType, body: unknown, lang: Language): Record<string, string> {
  const result = schema.safeParse(body);
  if (result.success) return {};
  const errors = zodErrors(schema, body, lang);
  const days = result.error.issues.filter((i) => i.path[0] === 'openingHours' && i.path.length === 2);
  for (const issue of days)
    errors[`openingHours.${String(issue.path[1])}.close`] = describeIssue(issue, lang).message;
  if (days.length && result.error.issues.every((i) => i.path[0] !== 'openingHours' || i.path.length !== 1))
    delete errors.openingHours;
  return errors;
}

/** Monday first, in the UI language, as written in a sentence ("samedi", "Saturday"; "sam.", "Sat"). */
const weekdayNames = (lang: Language, weekday: 'long' | 'short' = 'long') =>
  Array.from({ length: 7 }, (_, i) =>
    new Intl.DateTimeFormat(localeOf(lang), { weekday, timeZone: 'UTC' }).format(
      new Date(Date.UTC(2026, 0, 5 + i)),
    ),
  );
const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

// A day's row: its name, then both times sharing what is left (a 12-hour clock needs the room).
const dayWidth = { base: 70, xs: 130 };
const timeStyle = { flex: '1 1 0', minWidth: 0, maxWidth: 170 };

export function SpaceFormModal({
  space,
  officeId,
  offices,
  onClose,
  onSaved,
}: {
  /** The space to change; none: a new one. */
  space?: SpaceView;
  officeId: string;
  /** The offices the person runs: where a new space may go. */
  offices: { value: string; label: string }[];
  onClose: () => void;
  onSaved: (space: SpaceView) => void;
}) {
  const { t, lang } = useT();
  const phone = useMediaQuery('(max-width: 47.99em)') ?? false;
  const client = useQueryClient();
  const initial = space ? valuesOf(space) : blank(officeId);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: initial,
    validate: (v) =>
      space
        ? errorsOf(spacePatch, { ...bodyOf(v), active: v.active }, currentLanguage())
        : errorsOf(spaceInput, { ...bodyOf(v), officeId: v.officeId }, currentLanguage()),
  });
  const submit = useFormSubmit(form, {
    mutationFn: (v: Values) =>
      space
        ? api.patch<SpaceView>(
            `/api/v1/spaces/${space.id}`,
            changedFields({ ...bodyOf(initial), active: initial.active }, { ...bodyOf(v), active: v.active }),
          )
        : api.post<SpaceView>('/api/v1/spaces', { ...bodyOf(v), officeId: v.officeId }),
    onSuccess: (saved) => {
      void client.invalidateQueries({ queryKey: ['spaces'] });
      void client.invalidateQueries({ queryKey: ['occupancy'] });
      notifications.show({
        color: 'green',
        message: space ? t('community.spaceSaved') : t('community.spaceCreated'),
      });
      onSaved(saved);
    },
  });
  const days = weekdayNames(lang);
  // A phone shows the days short, to leave both times their room; their full name is still read out.
  const shown = phone ? weekdayNames(lang, 'short') : days;
  const decimal = lang === 'fr' ? ',' : '.';
  return (
    <Modal
      opened
      onClose={onClose}
      title={space ? t('community.editSpaceTitle', { name: space.name }) : t('community.newSpace')}
      size="lg"
      fullScreen={phone}
    >
      <form onSubmit={submit.onSubmit} noValidate>
        <Stack gap="md">
          {!space && (
            <Select
              label={t('community.office')}
              data={offices}
              required
              allowDeselect={false}
              {...form.getInputProps('officeId')}
            />
          )}
          <TextInput
            label={t('community.spaceName')}
            required
            maxLength={80}
            {...form.getInputProps('name')}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <Select
              label={t('community.spaceKind')}
              required
              allowDeselect={false}
              data={spaceKinds.map((k) => ({ value: k, label: t(`community.spaceKinds.${k}`) }))}
              {...form.getInputProps('kind')}
            />
            <NumberInput
              label={t('community.spaceCapacity')}
              required
              min={1}
              max={500}
              allowDecimal={false}
              allowNegative={false}
              {...form.getInputProps('capacity')}
            />
          </SimpleGrid>
          <Box component="fieldset" p={0} m={0} style={{ border: 0 }}>
            <Text component="legend" fw={500} size="sm" p={0}>
              {t('community.openingHours')}
            </Text>
            <Text size="xs" c="dimmed" mb="xs">
              {t('community.openingHoursHelp')}
            </Text>
            <Stack gap={6}>
              <Group gap="sm" wrap="nowrap" aria-hidden="true">
                <Box w={dayWidth} style={{ flexShrink: 0 }} />
                <Text size="xs" c="dimmed" style={timeStyle}>
                  {t('community.opens')}
                </Text>
                <Text size="xs" c="dimmed" style={timeStyle}>
                  {t('community.closes')}
                </Text>
              </Group>
              {days.map((day, i) => {
                const closed = form.values.openingHours[i]?.closed ?? true;
                return (
                  <Group key={day} gap="sm" wrap="nowrap" align="flex-start">
                    <Checkbox
                      label={capitalized(shown[i] ?? day)}
                      aria-label={capitalized(day)}
                      w={dayWidth}
                      mt={8}
                      style={{ flexShrink: 0 }}
                      checked={!closed}
                      onChange={(e) =>
                        form.setFieldValue(`openingHours.${i}.closed`, !e.currentTarget.checked)
                      }
                    />
                    <TextInput
                      type="time"
                      step={1800}
                      style={timeStyle}
                      aria-label={t('community.opensOn', { day })}
                      disabled={closed}
                      {...form.getInputProps(`openingHours.${i}.open`)}
                    />
                    <TextInput
                      type="time"
                      step={1800}
                      style={timeStyle}
                      aria-label={t('community.closesOn', { day })}
                      disabled={closed}
                      {...form.getInputProps(`openingHours.${i}.close`)}
                    />
                  </Group>
                );
              })}
            </Stack>
            {form.errors.openingHours && (
              <Text size="sm" c="red" mt={6} role="alert">
                {form.errors.openingHours}
              </Text>
            )}
          </Box>
          <Textarea
            label={t('community.rules')}
            description={t('community.spaceRulesHelp')}
            autosize
            minRows={2}
            maxLength={2000}
            {...form.getInputProps('rules')}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <NumberInput
              label={t('community.pricePerHourLabel')}
              description={t('community.priceFreeHelp')}
              min={0}
              decimalScale={2}
              fixedDecimalScale
              decimalSeparator={decimal}
              allowNegative={false}
              {...form.getInputProps('pricePerHourCents')}
            />
            <NumberInput
              label={t('community.pricePerDayLabel')}
              description={t('community.pricePerDayHelp')}
              min={0}
              decimalScale={2}
              fixedDecimalScale
              decimalSeparator={decimal}
              allowNegative={false}
              {...form.getInputProps('pricePerDayCents')}
            />
          </SimpleGrid>
          <NumberInput
            label={t('community.freeCancelHoursLabel')}
            description={t('community.freeCancelHoursHelp')}
            required
            min={0}
            max={720}
            allowDecimal={false}
            allowNegative={false}
            maw={{ xs: 320 }}
            {...form.getInputProps('freeCancelHours')}
          />
          {space && (
            <Switch
              label={t('community.bookable')}
              description={t('community.bookableHelp')}
              {...form.getInputProps('active', { type: 'checkbox' })}
            />
          )}
          <FormError message={submit.error} />
          <Group gap="sm">
            <Button type="submit" loading={submit.pending}>
              {space ? t('common.save') : t('common.create')}
            </Button>
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
