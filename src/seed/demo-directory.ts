// The demo cooperative's directory, created through the directory service: trade networks, members'
// profiles (most published with their consent, a few kept private, one withdrawn), memberships, and
// a client's request waiting in Léa Martin's inbox.
import type { Actor } from '../domain/access.ts';
import type { ProfileInput } from '../domain/directory/schemas.ts';
import type { Ctx } from '../server/context.ts';
import {
  createNetwork,
  joinNetwork,
  publishProfile,
  saveProfile,
  sendRequest,
  withdrawProfile,
} from '../server/directory/service.ts';

const networks = [
  {
    slug: 'audiovisuel',
    name: 'Audiovisuel',
    description:
      'Monteurs, vidéastes, cadreurs et étalonneurs de la coopérative : entraide sur le matériel, les tarifs et les droits d’auteur, captations en équipe.',
  },
  {
    slug: 'formation',
    name: 'Formation',
    description:
      'Formatrices et formateurs indépendants : conventions de formation, Qualiopi, ingénierie pédagogique et échanges de pratiques.',
  },
  {
    slug: 'photographie',
    name: 'Photographie',
    description:
      'Photographes de portrait, de reportage, de spectacle et de produit : cessions de droits, devis de prise de vue, expositions collectives.',
  },
  {
    slug: 'spectacle-vivant',
    name: 'Spectacle vivant',
    description:
      'Artistes et techniciens du spectacle : régie, lumière, plateau, comédie et danse ; intermittence et contrats d’usage.',
  },
  {
    slug: 'son',
    name: 'Son et musique',
    description:
      'Techniciennes et techniciens du son, musiciennes et musiciens : sonorisation, enregistrement, création sonore.',
  },
];

type DemoProfile = ProfileInput & {
  email: string;
  networks: string[];
  /** 'published' (with consent), 'private' (saved, never published) or 'withdrawn' (published, then withdrawn). */
  state: 'published' | 'private' | 'withdrawn';
};

const profiles: DemoProfile[] = [
  {
    email: 'lea.martin@example.org',
    trade: 'Technicienne son',
    skills: ['Sonorisation de concerts', 'Prise de son', 'Mixage', 'Régie son', 'Diffusion sonore'],
    city: 'Lille',
    presentation:
      'Technicienne son depuis dix ans : sonorisation de concerts et de festivals dans les Hauts-de-France, prise de son en studio et en extérieur, régie de spectacles. Je travaille aussi en réseau sonore pour des événements en plein air.',
    portfolioUrl: 'https://lea-martin-son.example.org',
    availability: 'available',
    networks: ['son', 'spectacle-vivant'],
    state: 'published',
  },
  {
    email: 'chloe.lefevre@example.org',
    trade: 'Photographe et illustratrice',
    skills: ['Portrait', 'Reportage', 'Photographie de spectacle', 'Illustration', 'Identité visuelle'],
    city: 'Lille',
    presentation:
      'Photographe et illustratrice installée dans la métropole lilloise : portraits, reportages d’événements associatifs, photographies de spectacle et fresques participatives.',
    portfolioUrl: 'https://chloe-lefevre.example.org',
    availability: 'available',
    networks: ['photographie'],
    state: 'published',
  },
  {
    email: 'karim.benali@example.org',
    trade: 'Monteur vidéo',
    skills: ['Montage', 'Étalonnage', 'DaVinci Resolve', 'Documentaire', 'Formation au montage'],
    city: 'Paris',
    presentation:
      'Monteur et étalonneur pour le documentaire et l’institutionnel. Je forme aussi des équipes au montage sur DaVinci Resolve.',
    portfolioUrl: 'https://vimeo.com/karimbenali',
    availability: 'busy',
    networks: ['audiovisuel', 'formation'],
    state: 'published',
  },
  {
    email: 'julien.petit@example.org',
    trade: 'Photographe',
    skills: ['Photographie culinaire', 'Packshot', 'Portrait corporate'],
    city: 'Nantes',
    presentation:
      'Photographe culinaire et de produits pour les restaurants, artisans et marques de l’Ouest.',
    portfolioUrl: 'https://julien-petit-photo.example.org',
    availability: 'available',
    networks: ['photographie'],
    state: 'published',
  },
  {
    email: 'antoine.rousseau@example.org',
    trade: 'Formateur',
    skills: ['Formation de formateurs', 'Gestion de projet culturel', 'Ingénierie pédagogique'],
    city: 'Clermont-Ferrand',
    presentation:
      'Formateur pour les structures culturelles et l’économie sociale et solidaire, en Auvergne et à distance.',
    portfolioUrl: null,
    availability: 'available',
    networks: ['formation'],
    state: 'published',
  },
  {
    email: 'aurore.delattre@example.org',
    trade: 'Formatrice et consultante',
    skills: ['Prise de parole en public', 'Facilitation', 'Coopération en équipe'],
    city: 'Arras',
    presentation:
      'J’accompagne les équipes associatives et les collectivités : facilitation de réunions, prise de parole.',
    portfolioUrl: null,
    availability: 'busy',
    networks: ['formation'],
    state: 'published',
  },
  {
    email: 'sebastien.leroy@example.org',
    trade: 'Régisseur lumière, électricien de spectacle',
    skills: ['Éclairage', 'Électricité scénique', 'Régie générale', 'Accroche'],
    city: 'Béthune',
    presentation:
      'Régisseur lumière et électricien de spectacle : création et régie lumière, installations électriques de plateaux et de festivals.',
    portfolioUrl: null,
    availability: 'available',
    networks: ['spectacle-vivant'],
    state: 'published',
  },
  {
    email: 'rachid.mansouri@example.org',
    trade: 'Vidéaste',
    skills: ['Captation de spectacles', 'Prise de vue par drone', 'Montage'],
    city: 'Marseille',
    presentation: 'Captations de spectacles et clips, prises de vue aériennes (télépilote certifié).',
    portfolioUrl: 'https://rachid-mansouri.example.org',
    availability: 'available',
    networks: ['audiovisuel', 'photographie'],
    state: 'published',
  },
  {
    email: 'fatoumata.kone@example.org',
    trade: 'Comédienne',
    skills: ['Théâtre', 'Lecture publique', 'Voix off'],
    city: 'Marseille',
    presentation: 'Comédienne de théâtre et voix off ; lectures publiques en médiathèques et festivals.',
    portfolioUrl: null,
    availability: 'unavailable',
    networks: ['spectacle-vivant'],
    state: 'published',
  },
  {
    email: 'thomas.girard@example.org',
    trade: 'Régisseur général',
    skills: ['Régie générale', 'Tournées'],
    city: 'Lyon',
    presentation: 'Régisseur général de tournées.',
    portfolioUrl: null,
    availability: 'available',
    networks: ['spectacle-vivant'],
    state: 'private',
  },
  {
    email: 'mamadou.diallo@example.org',
    trade: 'Musicien',
    skills: ['Kora', 'Percussions', 'Ateliers musicaux'],
    city: 'Montreuil',
    presentation: 'Joueur de kora et percussionniste ; ateliers musicaux pour enfants.',
    portfolioUrl: null,
    availability: 'available',
    networks: ['son'],
    state: 'withdrawn',
  },
  {
    email: 'ines.moreau@example.org',
    trade: 'Danseuse',
    skills: ['Danse contemporaine', 'Ateliers en milieu scolaire'],
    city: 'Paris',
    presentation: '',
    portfolioUrl: null,
    availability: 'available',
    networks: [],
    state: 'private',
  },
];

export async function seedDemoDirectory(ctx: Ctx, ids: { members: Map<string, string> }) {
  for (const n of networks) await createNetwork(ctx, n);
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
  for (const { email, networks: joined, state, ...profile } of profiles) {
    const member = asMember(email);
    if (!member.actor.memberId) continue;
    await saveProfile(member, profile);
    for (const slug of joined) await joinNetwork(member, slug);
    if (state !== 'private') await publishProfile(member, true);
    if (state === 'withdrawn') await withdrawProfile(member);
  }
  const lea = ids.members.get('lea.martin@example.org');
  if (lea)
    await sendRequest(ctx, {
      name: 'Nathalie Vasseur',
      email: 'nathalie.vasseur@example.com',
      organisation: 'Association Les Nuits Métisses',
      phone: '+33 3 20 41 18 52',
      city: 'Lille',
      subject: 'Sonorisation d’un concert en plein air',
      message:
        'Bonjour, nous organisons un concert en plein air à Lille-Fives le 13 juin 2027 (300 personnes, trois groupes). Pourriez-vous assurer la sonorisation et la régie son ? Merci de nous indiquer vos disponibilités et un ordre de prix.',
      memberIds: [lea],
    });
}
