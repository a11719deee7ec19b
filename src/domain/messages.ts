// Human messages for error codes and field issues, in the languages of the app. Shared by the
// server (problem+json answers follow Accept-Language) and the web forms (same zod schemas).
import { z } from 'zod';

export const languages = ['fr', 'en'] as const;
export type Language = (typeof languages)[number];

type Text = Record<Language, string>;

/** Codes of DomainError and of custom field issues (`params.code` of a zod custom issue). */
export const codeMessages: Record<string, Text> = {
  'validation.failed': { fr: 'Certaines informations sont invalides.', en: 'Some information is invalid.' },
  // Governance: share register, colleges, assemblies, proxies and votes.
  'governance.not_configured': {
    fr: 'Les parts sociales de cette entité ne sont pas encore paramétrées.',
    en: 'Shares are not set up for this entity yet.',
  },
  'governance.college_count': {
    fr: 'Une SCIC compte de deux à dix collèges.',
    en: 'A SCIC has two to ten colleges.',
  },
  'governance.college_weight_range': {
    fr: 'Chaque collège pèse entre 10 % et 50 % des voix (loi du 10 septembre 1947, art. 19 octies).',
    en: 'Each college weighs between 10 % and 50 % of the votes (law of 10 September 1947, art. 19 octies).',
  },
  'governance.college_weights_total': {
    fr: 'Les poids des collèges doivent faire 100 % au total.',
    en: 'The colleges’ weights must add up to 100 %.',
  },
  'governance.college_duplicate': {
    fr: 'Deux collèges portent le même nom.',
    en: 'Two colleges have the same name.',
  },
  'governance.college_required': {
    fr: 'Choisissez le collège de ce ou cette sociétaire.',
    en: 'Choose the college of this shareholder.',
  },
  'governance.college_unknown': {
    fr: 'Ce collège n’existe pas dans cette entité.',
    en: 'This college does not exist in this entity.',
  },
  'governance.college_in_use': {
    fr: 'Ce collège a encore des sociétaires : déplacez-les avant de le retirer.',
    en: 'This college still has shareholders: move them before removing it.',
  },
  'governance.shares_positive': {
    fr: 'Indiquez au moins une part.',
    en: 'Give at least one share.',
  },
  'governance.amount_positive': {
    fr: 'Le montant doit être positif.',
    en: 'The amount must be positive.',
  },
  'governance.payment_above_unpaid': {
    fr: 'Ce versement dépasse ce qui reste à libérer sur les parts souscrites.',
    en: 'This payment is more than what remains to be paid on the subscribed shares.',
  },
  'governance.not_enough_paid_shares': {
    fr: 'Ce membre n’a pas assez de parts entièrement libérées.',
    en: 'This member does not hold enough fully paid shares.',
  },
  'governance.same_member': {
    fr: 'Une cession se fait entre deux personnes différentes.',
    en: 'A transfer is between two different people.',
  },
  'governance.member_not_active': {
    fr: 'Seul un membre de la coopérative peut souscrire des parts.',
    en: 'Only a member of the cooperative can subscribe shares.',
  },
  'governance.window_invalid': {
    fr: 'Le vote doit ouvrir avant de fermer, et fermer au plus tard à la fin de la séance.',
    en: 'The vote must open before it closes.',
  },
  'governance.already_convened': {
    fr: 'Cette assemblée est déjà convoquée.',
    en: 'This assembly has already been convened.',
  },
  'governance.not_convened': {
    fr: 'Cette assemblée n’est pas encore convoquée.',
    en: 'This assembly has not been convened yet.',
  },
  'governance.no_electors': {
    fr: 'Cette entité n’a aucun·e sociétaire à convoquer.',
    en: 'This entity has no shareholder to convene.',
  },
  'governance.vote_not_open': {
    fr: 'Le vote n’est pas encore ouvert.',
    en: 'Voting has not opened yet.',
  },
  'governance.vote_closed': {
    fr: 'Le vote est clos.',
    en: 'Voting is closed.',
  },
  'governance.not_shareholder': {
    fr: 'Seul·es les sociétaires convoqué·es à cette assemblée votent.',
    en: 'Only the shareholders convened to this assembly can vote.',
  },
  'governance.not_proxy_holder': {
    fr: 'Vous ne détenez pas le pouvoir de cette personne.',
    en: 'You do not hold this person’s proxy.',
  },
  'governance.proxy_given': {
    fr: 'Vous avez donné votre pouvoir : retirez-le pour voter vous-même.',
    en: 'You gave your proxy: withdraw it to vote yourself.',
  },
  'governance.resolution_unknown': {
    fr: 'Cette résolution n’est pas à l’ordre du jour de l’assemblée.',
    en: 'This resolution is not on the assembly’s agenda.',
  },
  'governance.resolution_repeated': {
    fr: 'Une résolution ne reçoit qu’un vote à la fois.',
    en: 'A resolution gets one vote at a time.',
  },
  'governance.proxy_self': {
    fr: 'On ne se donne pas pouvoir à soi-même.',
    en: 'You cannot give your proxy to yourself.',
  },
  'governance.proxy_holder_not_shareholder': {
    fr: 'Le pouvoir se donne à un·e autre sociétaire convoqué·e à la même assemblée.',
    en: 'A proxy goes to another shareholder convened to the same assembly.',
  },
  'governance.proxy_chain': {
    fr: 'Cette personne a elle-même donné son pouvoir.',
    en: 'This person has given their own proxy.',
  },
  'governance.proxy_cap': {
    fr: 'Cette personne porte déjà le nombre maximal de pouvoirs.',
    en: 'This person already carries the maximum number of proxies.',
  },
  'governance.proxy_after_vote': {
    fr: 'Vous avez déjà voté : votre pouvoir ne peut plus être donné.',
    en: 'You have already voted: your proxy can no longer be given.',
  },
  'governance.results_not_published': {
    fr: 'Les résultats seront publiés à la clôture du vote.',
    en: 'The results are published when voting closes.',
  },
  'directory.consent_required': {
    fr: 'Pour publier votre profil, cochez la case de consentement : rien n’est public sans votre accord.',
    en: 'To publish your profile, tick the consent box: nothing is public without your agreement.',
  },
  'directory.not_a_member': {
    fr: 'Seuls les membres de la coopérative apparaissent dans l’annuaire.',
    en: 'Only members of the cooperative appear in the directory.',
  },
  'directory.profile_incomplete': {
    fr: 'Indiquez au moins votre métier et votre ville avant de publier.',
    en: 'Give at least your trade and your city before publishing.',
  },
  'directory.recipient_unavailable': {
    fr: 'Ce profil n’est plus publié dans l’annuaire.',
    en: 'This profile is no longer published in the directory.',
  },
  'directory.too_many_requests': {
    fr: 'Vous avez déjà envoyé beaucoup de demandes aujourd’hui. Réessayez demain.',
    en: 'You have already sent many requests today. Try again tomorrow.',
  },
  'directory.duplicate_recipient': {
    fr: 'Chaque membre ne peut être choisi qu’une fois.',
    en: 'Each member can be chosen only once.',
  },
  'network.duplicate': {
    fr: 'Un réseau porte déjà ce nom ou cette adresse.',
    en: 'A network already has this name or address.',
  },
  'network.slug_invalid': {
    fr: 'Lettres minuscules sans accent, chiffres et tirets seulement.',
    en: 'Lower-case letters without accents, digits and hyphens only.',
  },
  'phone.invalid': { fr: 'Numéro de téléphone invalide.', en: 'Invalid phone number.' },
  // Community: events, registrations, spaces and bookings.
  'event.ends_before_start': { fr: 'La fin doit suivre le début.', en: 'The end must come after the start.' },
  'event.too_long': { fr: 'Un événement dure au plus sept jours.', en: 'An event lasts at most seven days.' },
  'event.until_before_start': {
    fr: 'La date de fin de la série précède la première séance.',
    en: 'The series ends before its first session.',
  },
  'event.cancelled': { fr: 'Cet événement est annulé.', en: 'This event is cancelled.' },
  'event.past': { fr: 'Cet événement a déjà commencé.', en: 'This event has already started.' },
  'event.members_only': {
    fr: 'Cet événement est réservé aux membres de la coopérative.',
    en: 'This event is for members of the cooperative only.',
  },
  'event.not_registered': {
    fr: 'Vous n’êtes pas inscrit·e à cet événement.',
    en: 'You are not registered for this event.',
  },
  'event.already_registered': {
    fr: 'Vous êtes déjà inscrit·e (ou en liste d’attente).',
    en: 'You are already registered (or on the waiting list).',
  },
  'event.capacity_below_registered': {
    fr: 'Plus de personnes sont déjà inscrites : la capacité ne peut pas descendre sous ce nombre.',
    en: 'More people are already registered: the capacity cannot go below that number.',
  },
  'event.space_elsewhere': {
    fr: 'Choisissez un espace de l’agence de l’événement.',
    en: 'Choose a space of the event’s office.',
  },
  'event.space_taken': {
    fr: 'Cet espace est déjà réservé à ce moment-là (pour cette séance ou une autre de la série) : choisissez un autre espace ou une autre heure.',
    en: 'This space is already booked at that time (for this session or another of the series): choose another space or another time.',
  },
  'event.space_closed': {
    fr: 'L’espace est fermé à cette heure-là (pour cette séance ou une autre de la série) : choisissez un horaire dans ses heures d’ouverture, ou un autre lieu.',
    en: 'The space is closed at that time (for this session or another of the series): choose a time within its opening hours, or another place.',
  },
  'event.space_too_small': {
    fr: 'L’espace accueille moins de personnes que la capacité de l’événement : réduisez la capacité ou choisissez un espace plus grand.',
    en: 'The space holds fewer people than the event’s capacity: lower the capacity or choose a larger space.',
  },
  'registration.link_invalid': {
    fr: 'Ce lien de confirmation n’est plus valable. Inscrivez-vous à nouveau.',
    en: 'This confirmation link is no longer valid. Please register again.',
  },
  'space.hours_reversed': {
    fr: 'La fermeture doit suivre l’ouverture.',
    en: 'Closing must come after opening.',
  },
  'space.inactive': { fr: 'Cet espace n’est plus réservable.', en: 'This space can no longer be booked.' },
  'space.duplicate_name': {
    fr: 'Un espace de cette agence porte déjà ce nom.',
    en: 'A space of this office already has this name.',
  },
  'slot.unavailable': { fr: 'Ce créneau ne peut pas être réservé.', en: 'This slot cannot be booked.' },
  'slot.order': { fr: 'La fin doit suivre le début.', en: 'The end must come after the start.' },
  'slot.grid': {
    fr: 'Les réservations commencent et finissent à l’heure ou à la demie.',
    en: 'Bookings start and end on the hour or half hour.',
  },
  'slot.too_long': {
    fr: 'Une réservation dure au plus quatorze heures.',
    en: 'A booking lasts at most fourteen hours.',
  },
  'slot.closed': {
    fr: 'L’espace est fermé à ce moment-là (voir les horaires).',
    en: 'The space is closed at that time (see the opening hours).',
  },
  'slot.past': { fr: 'Ce créneau est passé.', en: 'This slot is in the past.' },
  'booking.overlap': {
    fr: 'Ce créneau vient d’être réservé par quelqu’un d’autre.',
    en: 'This slot has just been booked by someone else.',
  },
  'booking.during_event': {
    fr: 'Un événement de l’agence occupe l’espace à ce moment-là : choisissez un autre créneau.',
    en: 'An event of the office is held in the space at that time: choose another slot.',
  },
  'booking.event_hold': {
    fr: 'Ce créneau est tenu par un événement : annulez l’événement ou changez son lieu pour libérer l’espace.',
    en: 'This slot is held by an event: cancel the event or change its place to free the space.',
  },
  'booking.activity_required': {
    fr: 'Choisissez l’activité à laquelle imputer cette réservation payante.',
    en: 'Choose the activity this paid booking is charged to.',
  },
  'booking.cancelled': {
    fr: 'Cette réservation est déjà annulée.',
    en: 'This booking is already cancelled.',
  },
  'booking.past': { fr: 'Cette réservation a déjà commencé.', en: 'This booking has already started.' },
  'registration.unknown': {
    fr: 'Cette personne n’est pas inscrite à cet événement.',
    en: 'This person is not registered for this event.',
  },
  'range.invalid': {
    fr: 'Période invalide (deux mois au plus).',
    en: 'Invalid period (two months at most).',
  },
  'activity.unknown': {
    fr: 'Choisissez une de vos activités ouvertes.',
    en: 'Choose one of your open activities.',
  },
  // Field codes the server finds by reading the database (no form can check them beforehand).
  'office.unknown': { fr: 'Cette agence n’existe pas.', en: 'This office does not exist.' },
  'office.not_yours': {
    fr: 'Vous ne suivez pas cette agence.',
    en: 'You do not follow this office.',
  },
  'entity.unknown': { fr: 'Cette entité juridique n’existe pas.', en: 'This legal entity does not exist.' },
  'member.unknown': {
    fr: 'Ce membre est introuvable ou ne peut pas être choisi ici.',
    en: 'This member cannot be found or chosen here.',
  },
  'member.exited': { fr: 'Ce membre a quitté la coopérative.', en: 'This member has left the cooperative.' },
  'cursor.invalid': {
    fr: 'Cette page de la liste n’existe plus : revenez au début.',
    en: 'This page of the list no longer exists: go back to the start.',
  },
  'auth.unauthenticated': { fr: 'Connectez-vous pour continuer.', en: 'Please sign in to continue.' },
  'auth.forbidden': { fr: 'Vous n’avez pas accès à cette action.', en: 'You may not do this.' },
  'auth.rate_limited': {
    fr: 'Trop de tentatives. Réessayez dans une minute.',
    en: 'Too many attempts. Try again in a minute.',
  },
  'auth.invalid_credentials': { fr: 'E-mail ou mot de passe incorrect.', en: 'Wrong e-mail or password.' },
  'auth.invalid_origin': { fr: 'Origine de la requête refusée.', en: 'Request origin refused.' },
  'resource.not_found': { fr: 'Introuvable.', en: 'Not found.' },
  'resource.conflict': { fr: 'Conflit avec une autre modification.', en: 'Conflicts with another change.' },
  'idempotency.key_reused': {
    fr: 'Cette clé d’idempotence a déjà servi pour une autre requête.',
    en: 'This idempotency key was already used for another request.',
  },
  'member.email_taken': {
    fr: 'Un membre utilise déjà cet e-mail.',
    en: 'A member already uses this e-mail.',
  },
  'member.invalid_status_transition': {
    fr: 'Ce changement de statut n’est pas possible.',
    en: 'This status change is not allowed.',
  },
  'member.has_open_activities': {
    fr: 'Fermez d’abord les activités de ce membre.',
    en: 'Close this member’s activities first.',
  },
  'activity.closed': { fr: 'Cette activité est fermée.', en: 'This activity is closed.' },
  'activity.last_member': {
    fr: 'Une activité garde au moins un membre.',
    en: 'An activity keeps at least one member.',
  },
  'activity.fee_override_needs_reason': {
    fr: 'Indiquez la raison du taux de contribution particulier.',
    en: 'Give the reason for the particular fee rate.',
  },
  'fee.retroactive_version': {
    fr: 'Une nouvelle version s’applique à partir d’aujourd’hui ou d’une date future, jamais rétroactivement.',
    en: 'A new version applies from today or a later date, never retroactively.',
  },
  'fee.version_exists': {
    fr: 'Une version de cette politique commence déjà à cette date.',
    en: 'A version of this policy already starts on that date.',
  },
  'fee.version_in_force': {
    fr: 'Cette version est déjà en vigueur : elle ne peut plus être retirée.',
    en: 'This version is already in force: it can no longer be withdrawn.',
  },
  'fee.tier_incomplete': {
    fr: 'Un palier demande un seuil de chiffre d’affaires et un taux réduit.',
    en: 'A tier needs a turnover threshold and a reduced rate.',
  },
  'fee.shares_not_100': {
    fr: 'Les parts du budget doivent faire 100 % au total.',
    en: 'The budget shares must add up to 100 %.',
  },
  'fee.shares_duplicate': {
    fr: 'Chaque service n’apparaît qu’une fois.',
    en: 'Each service appears only once.',
  },
  'fee.year_not_ended': {
    fr: 'Le minimum annuel se calcule une fois l’année terminée.',
    en: 'The yearly minimum is computed once the year is over.',
  },
  'client.duplicate_siren': {
    fr: 'Ce client existe déjà (même SIREN/SIRET).',
    en: 'This client already exists (same SIREN/SIRET).',
  },
  'user.email_taken': {
    fr: 'Un compte utilise déjà cet e-mail.',
    en: 'An account already uses this e-mail.',
  },
  'user.last_admin': {
    fr: 'Il doit rester au moins un administrateur.',
    en: 'At least one admin must remain.',
  },
  'entity.duplicate_siren': { fr: 'Une entité a déjà ce SIREN.', en: 'An entity already has this SIREN.' },
  'entity.duplicate_code': { fr: 'Une entité a déjà ce code.', en: 'An entity already has this code.' },
  'office.duplicate_code': { fr: 'Une agence a déjà ce code.', en: 'An office already has this code.' },
  'payroll.period_not_covered': {
    fr: 'Les règles de paie de cette période ne sont pas disponibles.',
    en: 'The payroll rules of this period are not available.',
  },
  'payroll.rules_incomplete': {
    fr: 'Les règles URSSAF ne savent pas calculer ce cas : contactez le service paie.',
    en: 'The URSSAF rules cannot compute this case: contact the payroll team.',
  },
  'payroll.no_salary_for_amount': {
    fr: 'Aucun salaire brut ne donne ce montant.',
    en: 'No gross salary gives this amount.',
  },
  'payroll.budget_not_positive': {
    fr: 'Le montant facturé ne couvre pas la contribution coopérative et les frais.',
    en: 'The amount invoiced does not cover the cooperative fee and the expenses.',
  },
  'payroll.intermittent_needs_usage': {
    fr: 'Un·e intermittent·e du spectacle est engagé·e en CDD d’usage.',
    en: 'An intermittent performer or technician is hired on a CDD d’usage.',
  },
  'payroll.invoicing_required': {
    fr: 'Indiquez le taux de contribution et les frais de l’activité.',
    en: 'Give the activity’s fee rate and expenses.',
  },
  'payroll.hours_precision': {
    fr: 'Heures au centième au plus.',
    en: 'Hours to the hundredth at most.',
  },
  'payroll.artist_family_allowance_overlay': {
    fr: 'Artiste du spectacle : les règles URSSAF publiées ne calculent pas la part employeur ; le taux plein d’allocations familiales avant l’abattement de 30 % a été précisé pour le faire.',
    en: 'Performing artist: the published URSSAF rules do not compute the employer side; the full family-allowance rate before the 30 % abatement was stated to compute it.',
  },
  'payroll.below_minimum_wage': {
    fr: 'Ce salaire est inférieur au SMIC pour ce temps de travail.',
    en: 'This salary is below the minimum wage (SMIC) for this working time.',
  },
  'payroll.part_time_below_24_hours': {
    fr: 'Un temps partiel de moins de 24 heures par semaine n’est possible que dans certains cas.',
    en: 'Part time below 24 hours a week is only allowed in some cases.',
  },
  'payroll.employer_cost_between_steps': {
    fr: 'Aucun salaire brut ne donne exactement ce coût employeur (une cotisation démarre à ce niveau) : voici le plus haut salaire qui reste dans ce coût.',
    en: 'No gross salary gives exactly this employer cost (a contribution starts at this level): this is the highest salary within it.',
  },
  'payroll.net_between_steps': {
    fr: 'Aucun salaire brut ne donne exactement ce net (une cotisation démarre à ce niveau) : voici le plus petit salaire qui l’atteint.',
    en: 'No gross salary gives exactly this net (a contribution starts at this level): this is the lowest salary that reaches it.',
  },
  'salary.insufficient_balance': {
    fr: 'Le solde disponible de l’activité ne couvre pas ce salaire (coût employeur compris, demandes en cours déduites).',
    en: 'The activity’s available balance does not cover this salary (employer cost included, pending requests deducted).',
  },
  'salary.below_minimum': {
    fr: 'Ce salaire est inférieur au minimum légal du contrat (SMIC au prorata, ou minimum du portage salarial).',
    en: 'This salary is below the contract’s legal minimum (SMIC pro rata, or the portage minimum).',
  },
  'salary.no_contract': {
    fr: 'Aucun contrat de travail avec cette entité ne couvre ce mois : voyez le service paie.',
    en: 'No employment contract with this entity covers this month: see the payroll team.',
  },
  'salary.missing_iban': {
    fr: 'Renseignez un IBAN valide dans votre profil pour recevoir un salaire.',
    en: 'Enter a valid IBAN in your profile to receive a salary.',
  },
  'salary.missing_nir': {
    fr: 'Renseignez votre numéro de sécurité sociale (NIR) dans votre profil pour recevoir un salaire.',
    en: 'Enter your social security number (NIR) in your profile to receive a salary.',
  },
  'salary.activity_closed': {
    fr: 'Cette activité est fermée : elle ne verse plus de salaire.',
    en: 'This activity is closed: it pays no more salaries.',
  },
  'salary.invalid_status': {
    fr: 'Cette demande de salaire n’est pas dans un état qui permet cette action.',
    en: 'This salary request is not in a state that allows this action.',
  },
  'payroll.run_closed': {
    fr: 'Cette paie est clôturée : elle ne peut plus être calculée ni modifiée.',
    en: 'This payroll run is closed: it can no longer be computed or changed.',
  },
  'payroll.run_open': {
    fr: 'Une paie de ce mois est déjà ouverte pour cette entité.',
    en: 'A payroll run of this month is already open for this entity.',
  },
  'payroll.run_incomplete': {
    fr: 'Tous les bulletins de cette paie ne sont pas calculés : lancez le calcul avant de clôturer.',
    en: 'Not every payslip of this run is computed: run the computation before closing.',
  },
  'payroll.run_empty': {
    fr: 'Aucune demande de salaire validée pour ce mois et cette entité.',
    en: 'No validated salary request for this month and entity.',
  },
  'payroll.run_not_closed': {
    fr: 'Clôturez la paie avant de télécharger le fichier de virements.',
    en: 'Close the payroll run before downloading the transfer file.',
  },
  'payroll.employer_missing': {
    fr: 'Renseignez le SIRET, le code NAF et l’URSSAF de l’employeur avant de lancer la paie.',
    en: 'Enter the employer’s SIRET, NAF code and URSSAF before running the payroll.',
  },
  'contract.invalid': {
    fr: 'Ce contrat de travail est incohérent.',
    en: 'This employment contract is inconsistent.',
  },
  'contract.end_before_start': {
    fr: 'La fin du contrat précède son début.',
    en: 'The contract ends before it starts.',
  },
  'contract.fixed_term_needs_end': {
    fr: 'Un CDD a une date de fin.',
    en: 'A fixed-term contract has an end date.',
  },
  'contract.portage_level': {
    fr: 'Un contrat de portage salarial indique le niveau (junior, senior, forfait jours), et lui seul.',
    en: 'A portage contract gives its level (junior, senior, day rate), and only it does.',
  },
  'contract.portage_fixed_term': {
    fr: 'Seul un contrat de portage salarial peut être un CDD de portage.',
    en: 'Only a portage contract can be a fixed-term portage contract.',
  },
  'contract.no_working_time_cdi': {
    fr: 'Seul un CDI à temps plein peut être sans durée du travail (entrepreneur·e-salarié·e de CAE).',
    en: 'Only a full-time CDI can have no working time (CAE entrepreneur-employee).',
  },
  'payroll.unknown_ruleset': {
    fr: 'Ces règles de paie ne sont pas connues.',
    en: 'These payroll rules are unknown.',
  },
  'payroll.lines_unreconciled': {
    fr: 'Une partie des cotisations n’a pas pu être classée : voir la ligne « non classé ».',
    en: 'Part of the contributions could not be classified: see the “unclassified” line.',
  },
  'period.invalid': { fr: 'Période invalide (AAAA-MM).', en: 'Invalid period (YYYY-MM).' },
  'request.rate_limited': {
    fr: 'Trop de demandes. Réessayez dans une minute.',
    en: 'Too many requests. Try again in a minute.',
  },
  'ledger.too_few_lines': {
    fr: 'Une écriture a au moins deux lignes.',
    en: 'An entry has at least two lines.',
  },
  'ledger.too_many_lines': {
    fr: 'Trop de lignes pour une seule écriture (500 au plus).',
    en: 'Too many lines for one entry (500 at most).',
  },
  'ledger.unbalanced': {
    fr: 'L’écriture n’est pas équilibrée : le total des débits doit égaler celui des crédits.',
    en: 'The entry is not balanced: total debit must equal total credit.',
  },
  'ledger.line_zero': {
    fr: 'Une ligne sans montant n’est pas admise.',
    en: 'A line without an amount is not allowed.',
  },
  'ledger.line_both_sides': {
    fr: 'Une ligne est au débit ou au crédit, pas les deux.',
    en: 'A line is either a debit or a credit, not both.',
  },
  'ledger.negative_amount': {
    fr: 'Les montants sont positifs : choisissez le côté débit ou crédit.',
    en: 'Amounts are positive: choose the debit or credit side.',
  },
  'ledger.amount_not_cents': {
    fr: 'Les montants sont des nombres entiers de centimes.',
    en: 'Amounts are whole numbers of cents.',
  },
  'ledger.amount_too_large': { fr: 'Montant trop élevé.', en: 'Amount too large.' },
  'ledger.unknown_account': {
    fr: 'Ce compte n’existe pas dans le plan comptable de l’entité.',
    en: 'This account is not in the entity’s chart of accounts.',
  },
  'ledger.inactive_account': { fr: 'Ce compte est désactivé.', en: 'This account is deactivated.' },
  'ledger.auxiliary_required': {
    fr: 'Ce compte demande un compte auxiliaire (client, membre ou fournisseur).',
    en: 'This account needs an auxiliary account (client, member or supplier).',
  },
  'ledger.auxiliary_not_allowed': {
    fr: 'Ce compte ne prend pas de compte auxiliaire.',
    en: 'This account takes no auxiliary account.',
  },
  'ledger.auxiliary_mismatch': {
    fr: 'Ce compte auxiliaire n’est pas du type attendu par le compte.',
    en: 'This auxiliary account is not of the kind the account expects.',
  },
  'ledger.unknown_auxiliary': {
    fr: 'Compte auxiliaire introuvable dans cette entité.',
    en: 'Auxiliary account not found in this entity.',
  },
  'ledger.unknown_activity': {
    fr: 'Cette activité n’appartient pas à cette entité.',
    en: 'This activity does not belong to this entity.',
  },
  'ledger.unknown_journal': {
    fr: 'Ce journal n’existe pas dans cette entité.',
    en: 'This journal does not exist in this entity.',
  },
  'ledger.analytic_mismatch': {
    fr: 'Les comptes de classe 9 (analytique) vont dans le journal analytique, et seulement eux.',
    en: 'Class 9 (analytic) accounts go in the analytic journal, and only they do.',
  },
  'ledger.no_fiscal_year': {
    fr: 'Aucun exercice ne couvre cette date.',
    en: 'No fiscal year covers this date.',
  },
  'ledger.period_closed': {
    fr: 'L’exercice de cette date est clôturé.',
    en: 'The fiscal year of this date is closed.',
  },
  'ledger.period_locked': {
    fr: 'Le mois de cette date est verrouillé.',
    en: 'The month of this date is locked.',
  },
  'ledger.already_reversed': {
    fr: 'Cette écriture a déjà été extournée.',
    en: 'This entry has already been reversed.',
  },
  'ledger.account_in_use': {
    fr: 'Des écritures utilisent ce compte : il ne peut plus être supprimé ni changer de type.',
    en: 'Entries use this account: it can no longer be deleted or change kind.',
  },
  'ledger.account_duplicate': {
    fr: 'Ce numéro de compte existe déjà.',
    en: 'This account number already exists.',
  },
  'ledger.auxiliary_duplicate': {
    fr: 'Ce code de compte auxiliaire existe déjà.',
    en: 'This auxiliary account code already exists.',
  },
  'ledger.journal_duplicate': { fr: 'Ce code journal existe déjà.', en: 'This journal code already exists.' },
  'ledger.fiscal_year_invalid': {
    fr: 'Un exercice dure au plus 24 mois et finit après son début.',
    en: 'A fiscal year lasts at most 24 months and ends after it starts.',
  },
  'ledger.fiscal_year_overlap': {
    fr: 'Cet exercice chevauche un exercice existant.',
    en: 'This fiscal year overlaps an existing one.',
  },
  'ledger.fiscal_year_duplicate': {
    fr: 'Un exercice porte déjà ce code.',
    en: 'A fiscal year already has this code.',
  },
  'ledger.fiscal_year_closed': {
    fr: 'Cet exercice est déjà clôturé.',
    en: 'This fiscal year is already closed.',
  },
  'ledger.fiscal_year_open': { fr: 'Cet exercice est ouvert.', en: 'This fiscal year is open.' },
  'ledger.month_locked': { fr: 'Ce mois est déjà verrouillé.', en: 'This month is already locked.' },
  'ledger.month_not_locked': { fr: 'Ce mois n’est pas verrouillé.', en: 'This month is not locked.' },
  'ledger.export_too_large': {
    fr: 'Trop de lignes pour un classeur : exportez en CSV.',
    en: 'Too many rows for a workbook: export as CSV.',
  },
  'statement.unreadable': {
    fr: 'Ce relevé ne peut pas être lu : le fichier est abîmé ou incomplet.',
    en: 'This statement cannot be read: the file is damaged or incomplete.',
  },
  'statement.wrong_format': {
    fr: 'Ce fichier n’est pas un relevé CAMT.053, OFX ou CSV au format attendu.',
    en: 'This file is not a CAMT.053, OFX or CSV statement in the expected format.',
  },
  'statement.too_large': {
    fr: 'Ce relevé est trop volumineux (64 Mo au plus).',
    en: 'This statement is too large (64 MB at most).',
  },
  'statement.empty': { fr: 'Ce relevé est vide.', en: 'This statement is empty.' },
  'statement.bad_amount': {
    fr: 'Un montant du relevé ne peut pas être lu.',
    en: 'An amount in the statement cannot be read.',
  },
  'statement.bad_date': {
    fr: 'Une date du relevé ne peut pas être lue.',
    en: 'A date in the statement cannot be read.',
  },
  'statement.currency': {
    fr: 'Seuls les relevés en euros sont acceptés.',
    en: 'Only statements in euros are accepted.',
  },
  'statement.too_many_lines': {
    fr: 'Trop d’opérations dans un seul fichier (200 000 au plus) : découpez le relevé.',
    en: 'Too many transactions in one file (200,000 at most): split the statement.',
  },
  'invoice.immutable': {
    fr: 'Cette facture est émise : elle ne peut plus être modifiée. Corrigez-la par un avoir.',
    en: 'This invoice is issued and can no longer change. Correct it with a credit note.',
  },
  'invoice.invalid_transition': {
    fr: 'Ce document n’est pas dans un état qui permet cette action.',
    en: 'This document is not in a state that allows this action.',
  },
  'invoice.validation_required': {
    fr: 'Cette facture doit être validée par votre conseiller·ère avant d’être émise.',
    en: 'Your adviser must validate this invoice before it is issued.',
  },
  'invoice.client_ids_missing': {
    fr: 'Il manque au client l’identifiant qu’une facture entre entreprises exige (SIREN, ou numéro de TVA pour un client de l’UE).',
    en: 'The client lacks the identifier a business invoice requires (SIREN, or VAT number for an EU client).',
  },
  'invoice.vat_category_not_for_client': {
    fr: 'L’autoliquidation ne vaut que pour une entreprise établie dans un autre pays de l’UE.',
    en: 'Reverse charge applies only to a business established in another EU country.',
  },
  'invoice.no_email': {
    fr: 'Ce client n’a pas d’adresse e-mail : indiquez à qui envoyer le document.',
    en: 'This client has no e-mail address: say whom to send the document to.',
  },
  'invoice.nothing_left': {
    fr: 'Les acomptes couvrent déjà tout le devis.',
    en: 'Deposits already cover the whole quote.',
  },
  'quote.expired': {
    fr: 'Ce devis a expiré : il ne peut plus être accepté.',
    en: 'This quote has expired and can no longer be accepted.',
  },
  'quote.not_accepted': {
    fr: 'Seul un devis accepté peut être facturé.',
    en: 'Only an accepted quote can be invoiced.',
  },
  'quote.already_invoiced': {
    fr: 'Ce devis est déjà facturé en totalité.',
    en: 'This quote is already fully invoiced.',
  },
  'quote.already_answered': {
    fr: 'Ce devis a déjà reçu une réponse.',
    en: 'This quote has already been answered.',
  },
  'credit_note.above_remaining': {
    fr: 'Un avoir ne peut pas dépasser ce qui reste de la facture.',
    en: 'A credit note cannot exceed what remains of the invoice.',
  },
  'credit_note.vat_category_not_invoiced': {
    fr: 'La facture n’a pas de ligne à ce taux de TVA.',
    en: 'The invoice has no line at this VAT rate.',
  },
  'invoice.quantity_decimals': { fr: 'Trois décimales au plus.', en: 'At most three decimals.' },
  'invoice.discount_above_price': {
    fr: 'La remise dépasse le montant de la ligne.',
    en: 'The discount exceeds the line amount.',
  },
  'invoice.period_reversed': {
    fr: 'La fin de la prestation précède son début.',
    en: 'The end of the service comes before its start.',
  },
  'invoice.deposit_rate_required': {
    fr: 'Indiquez le pourcentage de l’acompte.',
    en: 'Give the deposit percentage.',
  },
  'statement.wrong_account': {
    fr: 'Ce relevé est celui d’un autre compte bancaire.',
    en: 'This statement belongs to another bank account.',
  },
  'statement.line_decided': {
    fr: 'Cette opération a déjà été rapprochée ou écartée.',
    en: 'This transaction has already been matched or set aside.',
  },
  'bank_account.duplicate_iban': {
    fr: 'Un compte bancaire avec cet IBAN existe déjà.',
    en: 'A bank account with this IBAN already exists.',
  },
  'payment.invalid_amount': {
    fr: 'Le montant doit être positif, en centimes entiers.',
    en: 'The amount must be positive, in whole cents.',
  },
  'payment.unknown_invoice': {
    fr: 'Cette facture est introuvable, n’est pas à régler ou est citée deux fois.',
    en: 'This invoice cannot be found, is not payable or is named twice.',
  },
  'payment.other_client': {
    fr: 'Cette facture est celle d’un autre client.',
    en: 'This invoice belongs to another client.',
  },
  'payment.above_outstanding': {
    fr: 'Plus que ce qui reste dû sur cette facture.',
    en: 'More than what is still owed on this invoice.',
  },
  'payment.over_allocated': {
    fr: 'Les montants affectés dépassent le paiement.',
    en: 'The amounts allocated exceed the payment.',
  },
  'guarantee.not_irrecoverable': {
    fr: 'Seule une facture au contentieux, ou relancée jusqu’à la dernière étape, peut être déclarée irrécouvrable.',
    en: 'Only an invoice in litigation, or reminded up to the last step, can be declared irrecoverable.',
  },
  'guarantee.already_written_off': {
    fr: 'Cette facture a déjà été déclarée irrécouvrable.',
    en: 'This invoice has already been declared irrecoverable.',
  },
  'guarantee.nothing_owed': {
    fr: 'Plus rien n’est dû sur cette facture.',
    en: 'Nothing is owed on this invoice any more.',
  },
  'guarantee.written_off': {
    fr: 'Cette facture a été déclarée irrécouvrable : un règlement tardif s’enregistre comme une rentrée sur créance amortie.',
    en: 'This invoice was declared irrecoverable: a late payment is recorded as a recovery on a written-off receivable.',
  },
  'advance.invalid_status': {
    fr: 'Cette demande d’avance a déjà été décidée.',
    en: 'This advance request has already been decided.',
  },
  'advance.activity_inactive': {
    fr: 'Une avance ne se demande que sur une activité en cours.',
    en: 'An advance can only be requested on an active activity.',
  },
  'dunning.invalid_steps': {
    fr: 'Le calendrier de relance compte 1 à 6 échéances croissantes, entre 1 et 365 jours après l’échéance.',
    en: 'The reminder schedule has 1 to 6 increasing steps, between 1 and 365 days after the due date.',
  },
  'dunning.not_overdue': {
    fr: 'Cette facture n’est pas en retard de paiement.',
    en: 'This invoice is not overdue.',
  },
  'dunning.in_litigation': {
    fr: 'Cette facture est déjà au contentieux.',
    en: 'This invoice is already in litigation.',
  },
  'payment.not_incoming': {
    fr: 'Seule une entrée d’argent peut régler une facture client.',
    en: 'Only money coming in can pay a client invoice.',
  },
  'field.read_only': {
    fr: 'Ce champ ne peut être modifié que par votre conseiller·ère.',
    en: 'Only your adviser can change this field.',
  },
  required: { fr: 'Ce champ est obligatoire.', en: 'This field is required.' },
  'text.nul': { fr: 'Caractère nul (U+0000) non admis.', en: 'The null character (U+0000) is not allowed.' },
  'email.invalid': { fr: 'Adresse e-mail invalide.', en: 'Invalid e-mail address.' },
  'date.invalid': { fr: 'Date invalide (AAAA-MM-JJ).', en: 'Invalid date (YYYY-MM-DD).' },
  'date.future': { fr: 'La date ne peut pas être dans le futur.', en: 'The date cannot be in the future.' },
  'nir.format': {
    fr: 'Numéro de sécurité sociale mal formé (15 chiffres).',
    en: 'Malformed social security number (15 digits).',
  },
  'nir.key': {
    fr: 'La clé du numéro de sécurité sociale ne correspond pas.',
    en: 'The social security number key does not match.',
  },
  'nir.sex_mismatch': {
    fr: 'Le numéro de sécurité sociale ne correspond pas au sexe déclaré.',
    en: 'The social security number does not match the declared sex.',
  },
  'nir.birth_mismatch': {
    fr: 'Le numéro de sécurité sociale ne correspond pas à la date de naissance.',
    en: 'The social security number does not match the birth date.',
  },
  'iban.invalid': { fr: 'IBAN invalide (vérifiez la clé).', en: 'Invalid IBAN (check digits).' },
  'bic.invalid': { fr: 'BIC invalide.', en: 'Invalid BIC.' },
  'siren.invalid': {
    fr: 'SIREN invalide (9 chiffres, clé de Luhn).',
    en: 'Invalid SIREN (9 digits, Luhn key).',
  },
  'siret.invalid': {
    fr: 'SIRET invalide (14 chiffres, clé de Luhn).',
    en: 'Invalid SIRET (14 digits, Luhn key).',
  },
  'siret.siren_mismatch': {
    fr: 'Le SIRET ne commence pas par le SIREN.',
    en: 'The SIRET does not start with the SIREN.',
  },
  'vat.format': { fr: 'Numéro de TVA intracommunautaire mal formé.', en: 'Malformed EU VAT number.' },
  'vat.key': { fr: 'La clé du numéro de TVA ne correspond pas.', en: 'The VAT number key does not match.' },
  'vat.siren_mismatch': {
    fr: 'Le numéro de TVA ne correspond pas au SIREN.',
    en: 'The VAT number does not match the SIREN.',
  },
  'client.individual_no_company_ids': {
    fr: 'Un particulier n’a ni SIREN ni numéro de TVA.',
    en: 'A private person has no SIREN nor VAT number.',
  },
  'expense.invalid_status': {
    fr: 'Cette dépense n’est pas à une étape qui permet cette action.',
    en: 'This expense is not at a stage that allows this.',
  },
  'expense.receipt_required': {
    fr: 'Joignez le justificatif (photo ou PDF) avant d’envoyer la dépense.',
    en: 'Attach the receipt (photo or PDF) before submitting the expense.',
  },
  'expense.no_mileage_scale': {
    fr: 'Aucun barème kilométrique pour l’année de ce trajet.',
    en: 'No mileage scale for the year of this trip.',
  },
  'expense.amount_zero': {
    fr: 'Le montant doit être supérieur à zéro.',
    en: 'The amount must be above zero.',
  },
  'expense.unknown_category': {
    fr: 'Choisissez une catégorie de dépense.',
    en: 'Choose an expense category.',
  },
  'receipt.not_accepted': {
    fr: 'Le justificatif doit être une image (JPEG, PNG, WebP, HEIC) ou un PDF complet.',
    en: 'The receipt must be an image (JPEG, PNG, WebP, HEIC) or a complete PDF.',
  },
  'payout.unknown_entity': {
    fr: 'Cette entité juridique n’existe pas.',
    en: 'This legal entity does not exist.',
  },
  'payout.debtor_required': {
    fr: 'Indiquez le compte bancaire d’où partent les virements.',
    en: 'Give the bank account the transfers leave from.',
  },
  'payout.not_payable': {
    fr: 'Cette dépense n’est pas à payer (pas approuvée, autre entité ou déjà dans un lot).',
    en: 'This expense is not to be paid (not approved, another entity, or already in a batch).',
  },
  'payout.missing_iban': {
    fr: 'Le membre à rembourser n’a pas d’IBAN dans sa fiche.',
    en: 'The member to reimburse has no IBAN on file.',
  },
  'payout.already_executed': {
    fr: 'Ce lot de virements est déjà exécuté.',
    en: 'This payout batch has already been executed.',
  },
  'expense.amounts_inconsistent': {
    fr: 'HT + TVA doit être égal au TTC.',
    en: 'Excl. VAT + VAT must equal incl. VAT.',
  },
  'expense.due_before_date': {
    fr: 'L’échéance précède la date de la facture.',
    en: 'The due date comes before the invoice date.',
  },
  'receipt.too_large': {
    fr: 'Justificatif trop lourd (10 Mo au plus).',
    en: 'Receipt too large (10 MB at most).',
  },
  'receipt.unreadable': { fr: 'Justificatif illisible.', en: 'Unreadable receipt.' },
  'password.too_short': { fr: 'Au moins 10 caractères.', en: 'At least 10 characters.' },
  'fee.reason_required': {
    fr: 'Indiquez la raison du taux particulier.',
    en: 'Give the reason for the particular rate.',
  },
};

export const messageFor = (code: string, lang: Language, fallback?: string): string =>
  codeMessages[code]?.[lang] ?? fallback ?? codeMessages['validation.failed']![lang];

const locales = { fr: z.locales.fr(), en: z.locales.en() };

/** A field issue as people read it: our codes first, then the common cases, then zod's own locale. */
export function describeIssue(
  issue: z.core.$ZodIssue | Record<string, any>,
  lang: Language,
): { code: string; message: string } {
  const i = issue as Record<string, any>;
  const custom = i.params?.code as string | undefined;
  if (custom) return { code: custom, message: messageFor(custom, lang, i.message) };
  if (i.code === 'invalid_type' && (i.input === undefined || /received undefined/.test(i.message ?? '')))
    return { code: 'required', message: messageFor('required', lang) };
  if (i.code === 'too_small' && i.origin === 'string' && Number(i.minimum) === 1)
    return { code: 'required', message: messageFor('required', lang) };
  if (i.code === 'invalid_format' && i.format === 'email')
    return { code: 'email.invalid', message: messageFor('email.invalid', lang) };
  const localized = locales[lang].localeError(i as z.core.$ZodRawIssue);
  const text = typeof localized === 'string' ? localized : (localized?.message ?? i.message ?? '');
  return {
    code: String(i.code ?? 'invalid'),
    message: text.replace(/, (indéfini|undefined) reçu$|, received undefined$/, ''),
  };
}

/** A zod custom issue carrying one of our codes. */
export const issue = (code: string, path: (string | number)[] = []) => ({
  code: 'custom' as const,
  message: codeMessages[code]?.en ?? code,
  params: { code },
  path,
});
