// Nothing of a member is public without their consent: the rules of publishing a directory profile
// and of who sees it.

/** The version of the consent text below; a new wording gets a new version, and old consents keep theirs. */
export const consentVersion = '2026-11';

/** What the member agrees to when they publish (shown beside the box they tick). */
export const consentText = {
  fr: 'J’accepte que mon nom, mon métier, mes compétences, ma ville, ma présentation, mon lien de portfolio et ma disponibilité soient visibles par toute personne consultant l’annuaire de la coopérative, et que des clients m’écrivent par son intermédiaire (mon adresse e-mail n’est jamais montrée). Je peux retirer mon profil à tout moment : il disparaît aussitôt.',
  en: 'I agree that my name, trade, skills, city, presentation, portfolio link and availability are visible to anyone browsing the cooperative’s directory, and that clients write to me through it (my e-mail address is never shown). I can withdraw my profile at any time: it disappears at once.',
} as const;

export type MemberStatus = 'prospect' | 'member' | 'shareholder' | 'exited';

/** Only people who are members of the cooperative appear in its directory. */
export const canAppear = (status: MemberStatus): boolean => status === 'member' || status === 'shareholder';

export type PublishRefusal =
  | { code: 'directory.consent_required'; pointer: '/consent' }
  | { code: 'directory.not_a_member' }
  | { code: 'directory.profile_incomplete'; pointer: string };

/**
 * Why a profile may not be published, or null when it may: an explicit consent (exactly `true`, not a
 * truthy value), a member of the cooperative, and a profile with a trade and a city.
 */
export function publishRefusal(
  consent: unknown,
  status: MemberStatus,
  profile: { trade: string; city: string } | null,
): PublishRefusal | null {
  if (consent !== true) return { code: 'directory.consent_required', pointer: '/consent' };
  if (!canAppear(status)) return { code: 'directory.not_a_member' };
  if (!profile?.trade.trim()) return { code: 'directory.profile_incomplete', pointer: '/trade' };
  if (!profile.city.trim()) return { code: 'directory.profile_incomplete', pointer: '/city' };
  return null;
}

/** Whether the public (and other members) see a profile: published with a consent, by a current member. */
export const isPublic = (
  p: { published: boolean; consentAt: string | null },
  status: MemberStatus,
): boolean => p.published && p.consentAt !== null && canAppear(status);
