// What the community pages share: dates in the office's time zone, and an event's badges.
import { Badge, Group } from '@mantine/core';
import type { EventView } from '../../domain/community/schemas.ts';
import { officeTimeZone } from '../../domain/community/time.ts';
import type { Language } from '../../domain/messages.ts';
import { useT } from '../i18n/index.ts';
import { localeOf } from '../ui/format.ts';

/** "mardi 1 décembre 2026 · 18:00–20:00" in the office's time (Europe/Paris), whatever the browser's. */
export function formatWhen(e: { startsAt: string; endsAt: string }, lang: Language) {
  const day = new Intl.DateTimeFormat(localeOf(lang), { timeZone: officeTimeZone, dateStyle: 'full' }).format(
    new Date(e.startsAt),
  );
  const time = new Intl.DateTimeFormat(localeOf(lang), { timeZone: officeTimeZone, timeStyle: 'short' });
  return `${day} · ${time.format(new Date(e.startsAt))}–${time.format(new Date(e.endsAt))}`;
}

export const kindColor: Record<EventView['kind'], string> = {
  info_session: 'blue',
  workshop: 'grape',
  training: 'teal',
  social: 'orange',
};

export function EventBadges({ e }: { e: EventView }) {
  const { t } = useT();
  return (
    <Group gap={6}>
      <Badge color={kindColor[e.kind]} variant="light">
        {t(`community.kinds.${e.kind}`)}
      </Badge>
      {e.status === 'cancelled' ? (
        <Badge color="red">{t('community.cancelledBadge')}</Badge>
      ) : e.mine?.status === 'registered' ? (
        <Badge color="green">{t('community.registered')}</Badge>
      ) : e.mine?.status === 'waitlisted' ? (
        <Badge color="yellow" c="dark">
          {t('community.waitlisted', { position: e.mine.waitlistPosition ?? '?' })}
        </Badge>
      ) : e.placesLeft === 0 ? (
        <Badge color="gray">{t('community.full')}</Badge>
      ) : (
        <Badge color="gray" variant="outline">
          {t('community.placesLeft', { count: e.placesLeft })}
        </Badge>
      )}
    </Group>
  );
}
