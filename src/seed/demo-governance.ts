// The demo cooperative's governance, created through the governance service: the SCIC's four
// colleges (salarié·es-entrepreneur·es 50 %, clients et usagers 20 %, partenaires 20 %, fondateurs
// 10 %) and its register (Léa Martin becomes sociétaire with her first paid shares), the CAE as a
// SCOP (one person one vote), and the SCIC's ordinary general assembly open for the online vote.
import { addDays, toIsoDate } from '../domain/dates.ts';
import type { Ctx } from '../server/context.ts';
import {
  conveneAssembly,
  createAssembly,
  pay,
  subscribe,
  transfer,
  updateSettings,
  vote,
} from '../server/governance/service.ts';

const day = 86_400_000;

export async function seedDemoGovernance(
  ctx: Ctx,
  ids: { entities: Map<string, string>; members: Map<string, string> },
) {
  const now = ctx.clock();
  const today = toIsoDate(now);
  const on = (daysAgo: number) => addDays(today, -daysAgo);
  const scic = ids.entities.get('SCIC') as string;
  const cae = ids.entities.get('CAE') as string;
  const member = (email: string) => ids.members.get(email) as string;

  const settings = await updateSettings(ctx, scic, {
    shareNominalCents: 5000,
    proxyCap: 2,
    weightedColleges: true,
    colleges: [
      { name: 'Salarié·es-entrepreneur·es', weightBp: 5000 },
      { name: 'Clients et usagers', weightBp: 2000 },
      { name: 'Partenaires', weightBp: 2000 },
      { name: 'Fondateurs', weightBp: 1000 },
    ],
  });
  const college = (name: string) => settings.colleges.find((c) => c.name === name)?.id as string;
  await updateSettings(ctx, cae, {
    shareNominalCents: 2500,
    proxyCap: 1,
    weightedColleges: false,
    colleges: [],
  });

  // SCIC: who holds what, in which college. [e-mail, shares, paid shares, college]
  const holdings: [string, number, number, string][] = [
    ['karim.benali@example.org', 20, 20, 'Salarié·es-entrepreneur·es'],
    ['mamadou.diallo@example.org', 10, 10, 'Salarié·es-entrepreneur·es'],
    ['lea.martin@example.org', 4, 4, 'Salarié·es-entrepreneur·es'],
    ['chloe.lefevre@example.org', 2, 0, 'Salarié·es-entrepreneur·es'],
    ['hugo.garcia@example.org', 6, 6, 'Clients et usagers'],
    ['olivier.fontaine@example.org', 40, 40, 'Partenaires'],
    ['thomas.girard@example.org', 10, 10, 'Fondateurs'],
    ['sebastien.leroy@example.org', 10, 10, 'Fondateurs'],
  ];
  for (const [i, [email, shares, paid, collegeName]] of holdings.entries()) {
    const memberId = member(email);
    await subscribe(
      ctx,
      scic,
      {
        memberId,
        shares,
        collegeId: college(collegeName),
        occurredOn: on(120 - i),
        note: 'Bulletin de souscription signé',
      },
      null,
    );
    if (paid > 0)
      await pay(
        ctx,
        scic,
        { memberId, amountCents: paid * 5000, occurredOn: on(110 - i), note: 'Virement reçu' },
        null,
      );
  }
  // Karim hands two of his shares to Mamadou (agréée par le conseil).
  await transfer(
    ctx,
    scic,
    {
      fromMemberId: member('karim.benali@example.org'),
      toMemberId: member('mamadou.diallo@example.org'),
      shares: 2,
      occurredOn: on(60),
      note: 'Cession agréée par le conseil d’administration',
    },
    null,
  );

  // CAE (SCOP): the salarié·es-associé·es, one person one vote.
  for (const [i, email] of [
    'karim.benali@example.org',
    'thomas.girard@example.org',
    'hugo.garcia@example.org',
  ].entries()) {
    await subscribe(
      ctx,
      cae,
      { memberId: member(email), shares: 4, occurredOn: on(100 - i), note: '' },
      null,
    );
    await pay(
      ctx,
      cae,
      { memberId: member(email), amountCents: 10_000, occurredOn: on(95 - i), note: '' },
      null,
    );
  }

  // The SCIC's ordinary assembly: notice sent a week ago, online vote open until the session.
  const at = (days: number, hour: number) => {
    const d = new Date(now.getTime() + days * day);
    d.setUTCHours(hour, 0, 0, 0);
    return d.toISOString();
  };
  const assembly = await createAssembly(ctx, {
    entityId: scic,
    kind: 'ordinary',
    title: 'Assemblée générale ordinaire annuelle',
    place: 'Maison des associations, 38 boulevard Henri IV, 75004 Paris, et en ligne',
    agenda: [
      '1. Rapport de gestion du conseil d’administration sur l’exercice 2025.',
      '2. Rapport de révision coopérative.',
      '3. Approbation des comptes et affectation du résultat.',
      '4. Entrée d’un nouveau collège d’usagers : point d’information.',
      '5. Questions diverses.',
    ].join('\n'),
    heldAt: at(10, 17),
    opensAt: at(-7, 8),
    closesAt: at(10, 16),
    resolutions: [
      {
        title: 'Approbation des comptes de l’exercice 2025',
        body: 'L’assemblée générale, après avoir entendu le rapport de gestion et le rapport du commissaire aux comptes, approuve les comptes de l’exercice clos le 31 décembre 2025 tels qu’ils lui ont été présentés.',
      },
      {
        title: 'Affectation du résultat',
        body: 'L’assemblée décide d’affecter le résultat de 48 320 € : 15 % à la réserve légale, 85 % aux réserves impartageables, conformément à l’article 19 nonies de la loi du 10 septembre 1947.',
      },
      {
        title: 'Renouvellement du mandat de deux administrateur·rices',
        body: 'L’assemblée renouvelle pour trois ans les mandats d’administrateur·rice de Thomas Girard (collège des fondateurs) et de Olivier Fontaine (collège des partenaires).',
      },
    ],
    documents: [
      {
        title: 'Loi du 10 septembre 1947 portant statut de la coopération (Légifrance)',
        url: 'https://www.legifrance.gouv.fr/loda/id/JORFTEXT000000684004',
      },
      { title: 'Les SCIC : principes et fonctionnement', url: 'https://www.les-scic.coop/' },
    ],
  });
  const weekAgo = { ...ctx, clock: () => new Date(now.getTime() - 7 * day + 3_600_000) };
  await conveneAssembly(weekAgo, assembly.id);

  // A few sociétaires have voted already (as themselves: the votes are theirs, cast through the service).
  const resolutions = assembly.resolutions;
  const early: [string, ('for' | 'against' | 'abstain')[]][] = [
    ['mamadou.diallo@example.org', ['for', 'for', 'for']],
    ['olivier.fontaine@example.org', ['for', 'against', 'for']],
    ['sebastien.leroy@example.org', ['for', 'for', 'abstain']],
  ];
  for (const [email, choices] of early) {
    const voter = { ...ctx, actor: { ...ctx.actor, roles: ['member' as const], memberId: member(email) } };
    await vote(voter, assembly.id, {
      ballots: resolutions.map((r, i) => ({ resolutionId: r.id, choice: choices[i] ?? 'abstain' })),
    });
  }
}
