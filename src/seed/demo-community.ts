// The demo cooperative's community life, created through the community service: upcoming info
// sessions "Découvrir la coopérative" at every office, "Faire un devis juste" workshops, a series
// every four weeks in Lille, spaces in Lille and Paris with their opening hours and prices, and a
// few bookings.
import type { Actor } from '../domain/access.ts';
import { instantOf, wallTimeOf } from '../domain/community/time.ts';
import { DomainError } from '../domain/errors.ts';
import { book, createEvents, createSpace, register } from '../server/community/service.ts';
import type { Ctx } from '../server/context.ts';
import { demoOffices } from './demo-data.ts';

const weekdays = (open: string, close: string, saturday: { open: string; close: string } | null = null) => [
  { open, close },
  { open, close },
  { open, close },
  { open, close },
  { open, close },
  saturday,
  null,
];

/** `days` days after today, at this local hour (Europe/Paris). */
function localAt(now: Date, days: number, hour: number, minute = 0): Date {
  const w = wallTimeOf(now);
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return instantOf({
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour,
    minute,
  });
}

/** Days from today to the next Monday (1 to 7). */
const toNextMonday = (now: Date) => 7 - wallTimeOf(now).weekday;

/** `days` days after today, moved to the Monday after when it falls on a weekend (rooms are closed). */
const onWeekday = (now: Date, days: number) => {
  const weekday = wallTimeOf(localAt(now, days, 12)).weekday;
  return weekday >= 5 ? days + 7 - weekday : days;
};

const infoSession = (city: string) =>
  [
    'Une heure pour comprendre l’entreprise partagée : facturer ses clients par la coopérative, le compte d’activité,',
    'le salaire et la protection sociale, la contribution coopérative, devenir sociétaire.',
    `Ouvert à toutes et tous, présenté par l’équipe de l’agence de ${city}. Venez avec vos questions !`,
  ].join(' ');

export async function seedDemoCommunity(
  ctx: Ctx,
  ids: { offices: Map<string, string>; members: Map<string, string>; activities: Map<string, string> },
) {
  const now = ctx.clock();
  const office = (code: string) => ids.offices.get(code) as string;

  // Spaces first: events may take place in them.
  const space = async (code: string, input: Omit<Parameters<typeof createSpace>[1], 'officeId'>) =>
    (await createSpace(ctx, { ...input, officeId: office(code) })).id;
  const lilleStudio = await space('lille', {
    name: 'Studio son',
    kind: 'studio',
    capacity: 4,
    openingHours: weekdays('09:00', '21:00', { open: '10:00', close: '18:00' }),
    rules: 'Casque et câbles fournis ; rangez le studio et éteignez la console en partant.',
    pricePerHourCents: 1500,
    pricePerDayCents: null,
    freeCancelHours: 24,
  });
  const lilleRoom = await space('lille', {
    name: 'Salle de réunion Esquermoise',
    kind: 'meeting_room',
    capacity: 12,
    openingHours: weekdays('08:30', '19:00'),
    rules: 'Vidéoprojecteur sur demande à l’accueil.',
    pricePerHourCents: null,
    pricePerDayCents: null,
    freeCancelHours: 2,
  });
  await space('lille', {
    name: 'Poste de coworking 1',
    kind: 'desk',
    capacity: 1,
    openingHours: weekdays('08:30', '19:00'),
    rules: 'Wi-Fi, écran 24 pouces. Au calme : les appels se passent en salle.',
    pricePerHourCents: null,
    pricePerDayCents: null,
    freeCancelHours: 0,
  });
  const parisRoom = await space('paris', {
    name: 'Salle de montage',
    kind: 'studio',
    capacity: 3,
    openingHours: weekdays('09:00', '20:00'),
    rules: 'Station de montage et écrans calibrés ; sauvegardez sur vos propres disques.',
    pricePerHourCents: 1200,
    // A day's editing costs at most this, whatever the hours.
    pricePerDayCents: 8000,
    freeCancelHours: 24,
  });
  await space('paris', {
    name: 'Salle de réunion Belleville',
    kind: 'meeting_room',
    capacity: 10,
    openingHours: weekdays('09:00', '19:00'),
    rules: '',
    pricePerHourCents: null,
    pricePerDayCents: null,
    freeCancelHours: 2,
  });
  await space('lyon', {
    name: 'Salle de répétition',
    kind: 'rehearsal_room',
    capacity: 6,
    openingHours: weekdays('10:00', '22:00', { open: '10:00', close: '20:00' }),
    rules: 'Batterie et amplis sur place. Pas de boisson près du matériel.',
    pricePerHourCents: 1000,
    pricePerDayCents: null,
    freeCancelHours: 48,
  });

  // An information session at every office, staggered over the coming weeks, at 18:00; Lille's in
  // its meeting room, on a weekday and early enough to end when the room closes at 19:00.
  for (const [i, o] of demoOffices.entries()) {
    const inRoom = o.code === 'lille';
    const startsAt = inRoom
      ? localAt(now, onWeekday(now, 3 + (i % 10)), 17, 30)
      : localAt(now, 3 + (i % 10), 18);
    await createEvents(ctx, {
      officeId: office(o.code),
      kind: 'info_session',
      title: 'Découvrir la coopérative',
      description: infoSession(o.city),
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 90 * 60_000).toISOString(),
      place:
        o.code === 'lille'
          ? { kind: 'space', spaceId: lilleRoom }
          : { kind: 'address', address: `${o.addressLine}, ${o.postalCode} ${o.city}` },
      // No more than the room seats.
      capacity: inRoom ? 12 : 15,
      audience: 'prospects',
      recurrence: null,
    });
  }
  // Lille repeats its session every four weeks until summer, always on the same weekday since the
  // room is closed at weekends; Paris has one online.
  const firstOfSeries = localAt(now, onWeekday(now, 17), 12, 30);
  await createEvents(ctx, {
    officeId: office('lille'),
    kind: 'info_session',
    title: 'Découvrir la coopérative (midi)',
    description: 'La réunion d’information, version pause déjeuner. Apportez votre repas !',
    startsAt: firstOfSeries.toISOString(),
    endsAt: new Date(firstOfSeries.getTime() + 60 * 60_000).toISOString(),
    place: { kind: 'space', spaceId: lilleRoom },
    capacity: 12,
    audience: 'public',
    recurrence: {
      frequency: 'weekly',
      interval: 4,
      until: localAt(now, 200, 12).toISOString().slice(0, 10),
    },
  });
  const online = localAt(now, 9, 12, 30);
  await createEvents(ctx, {
    officeId: office('paris'),
    kind: 'info_session',
    title: 'Découvrir la coopérative (en ligne)',
    description: infoSession('Paris'),
    startsAt: online.toISOString(),
    endsAt: new Date(online.getTime() + 60 * 60_000).toISOString(),
    place: { kind: 'online', url: 'https://visio.commune.coop/decouvrir' },
    capacity: 40,
    audience: 'public',
    recurrence: null,
  });
  // Members' workshops, a few places each.
  const workshop = async (code: string, days: number, capacity: number) => {
    const startsAt = localAt(now, code === 'lille' ? onWeekday(now, days) : days, 14);
    return (
      await createEvents(ctx, {
        officeId: office(code),
        kind: 'workshop',
        title: 'Faire un devis juste',
        description: [
          'Calculer son prix (temps, frais, contribution coopérative, cotisations), écrire un devis clair,',
          'prévoir un acompte et des conditions de paiement. Apportez un devis récent : nous le relirons ensemble.',
        ].join(' '),
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 2.5 * 3_600_000).toISOString(),
        place:
          code === 'lille'
            ? { kind: 'space', spaceId: lilleRoom }
            : { kind: 'address', address: 'Agence de Paris, salle Belleville' },
        capacity,
        audience: 'members',
        recurrence: null,
      })
    ).items[0]!.id;
  };
  const lilleWorkshop = await workshop('lille', 8, 8);
  await workshop('paris', 11, 10);
  await workshop('lyon', 15, 8);
  const evening = localAt(now, 20, 19);
  await createEvents(ctx, {
    officeId: office('lille'),
    kind: 'social',
    title: 'Soirée des membres',
    description:
      'Apéro partagé et présentation de trois activités de membres. Chacun·e apporte un plat ou une boisson.',
    startsAt: evening.toISOString(),
    endsAt: new Date(evening.getTime() + 3 * 3_600_000).toISOString(),
    place: { kind: 'address', address: 'Agence de Lille' },
    capacity: 40,
    audience: 'members',
    recurrence: null,
  });

  // Members act for themselves: Chloé registered to the Lille workshop, Léa and Karim book rooms.
  const asMember = (email: string): Ctx => {
    const actor: Actor = {
      userId: 'system',
      email,
      name: email,
      roles: ['member'],
      officeIds: [],
      memberId: ids.members.get(email) ?? null,
    };
    return { ...ctx, actor };
  };
  await register(asMember('chloe.lefevre@example.org'), lilleWorkshop);
  const monday = toNextMonday(now);
  const booking = async (
    email: string,
    spaceId: string,
    days: number,
    from: number,
    hours: number,
    activityName: string | null,
  ) => {
    const startsAt = localAt(now, days, from);
    try {
      await book(asMember(email), spaceId, {
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + hours * 3_600_000).toISOString(),
        activityId: activityName ? (ids.activities.get(activityName) ?? null) : null,
        note: '',
      });
    } catch (error) {
      // A demo started in a year whose books are not open yet keeps its spaces, without the paid bookings.
      if (!(error instanceof DomainError && error.code === 'ledger.no_fiscal_year')) throw error;
    }
  };
  await booking('lea.martin@example.org', lilleStudio, monday, 10, 3, 'Cours de MAO');
  // In the morning: the room holds events in the afternoon and evening (a workshop at 14:00 may fall
  // on that day), and an event's hold refuses a booking at its time.
  await booking('lea.martin@example.org', lilleRoom, monday + 2, 10, 2, null);
  await booking('chloe.lefevre@example.org', lilleRoom, monday, 9, 1, null);
  await booking('karim.benali@example.org', parisRoom, monday + 1, 9, 4, 'Montage de documentaires');
}
