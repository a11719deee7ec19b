// The demo cooperative group, as plain data: three legal entities, fourteen local offices, staff,
// members with their activities, and clients. Inserted by ./demo.ts through the services.
// Every identifier is invented but well-formed (SIREN/SIRET Luhn, VAT keys, NIR keys, IBAN/RIB keys);
// public bodies' SIRENs are NOT their real ones. E-mail domains are reserved example domains.
// Also deterministic generators of people and companies for load tests (no randomness at import time).

export type DemoEntity = {
  code: string;
  name: string;
  legalForm: string;
  kind: 'scic' | 'cae' | 'portage';
  siren: string;
  vatNumber: string;
  rcsCity: string;
  shareCapitalCents: number;
  addressLine: string;
  postalCode: string;
  city: string;
  country: 'FR';
  feeRateBp: number;
};

export const demoEntities: DemoEntity[] = [
  {
    code: 'SCIC',
    name: 'Commune Création SCIC',
    legalForm: 'SCIC SA à capital variable',
    kind: 'scic',
    siren: '842193757',
    vatNumber: 'FR70842193757',
    rcsCity: 'Paris',
    shareCapitalCents: 124_560_000,
    addressLine: '34 rue de la Fontaine au Roi',
    postalCode: '75011',
    city: 'Paris',
    country: 'FR',
    feeRateBp: 850,
  },
  {
    code: 'CAE',
    name: 'Commune Entreprendre CAE',
    legalForm: 'SCOP SARL à capital variable',
    kind: 'cae',
    siren: '791360423',
    vatNumber: 'FR73791360423',
    rcsCity: 'Lille Métropole',
    shareCapitalCents: 8_645_000,
    addressLine: '45 rue du Molinel',
    postalCode: '59800',
    city: 'Lille',
    country: 'FR',
    feeRateBp: 1000,
  },
  {
    code: 'PORTAGE',
    name: 'Commune Portage',
    legalForm: 'SAS coopérative à capital variable',
    kind: 'portage',
    siren: '885046177',
    vatNumber: 'FR29885046177',
    rcsCity: 'Lyon',
    shareCapitalCents: 4_500_000,
    addressLine: '8 rue Saint-Polycarpe',
    postalCode: '69001',
    city: 'Lyon',
    country: 'FR',
    feeRateBp: 800,
  },
];

export type DemoOffice = {
  /** lowercase-dash, e.g. 'clermont-ferrand' */
  code: string;
  name: string;
  addressLine: string;
  postalCode: string;
  city: string;
  email: string;
  phone: string;
};

export const demoOffices: DemoOffice[] = [
  {
    code: 'lille',
    name: 'Commune Lille',
    addressLine: '82 rue Léon Gambetta',
    postalCode: '59000',
    city: 'Lille',
    email: 'lille@commune.coop',
    phone: '+33 3 20 54 18 72',
  },
  {
    code: 'paris',
    name: 'Commune Paris',
    addressLine: '34 rue de la Fontaine au Roi',
    postalCode: '75011',
    city: 'Paris',
    email: 'paris@commune.coop',
    phone: '+33 1 43 57 21 90',
  },
  {
    code: 'lyon',
    name: 'Commune Lyon',
    addressLine: '27 rue Sébastien Gryphe',
    postalCode: '69007',
    city: 'Lyon',
    email: 'lyon@commune.coop',
    phone: '+33 4 78 58 32 14',
  },
  {
    code: 'marseille',
    name: 'Commune Marseille',
    addressLine: '38 rue Consolat',
    postalCode: '13001',
    city: 'Marseille',
    email: 'marseille@commune.coop',
    phone: '+33 4 91 50 27 63',
  },
  {
    code: 'nantes',
    name: 'Commune Nantes',
    addressLine: '12 rue Fouré',
    postalCode: '44000',
    city: 'Nantes',
    email: 'nantes@commune.coop',
    phone: '+33 2 40 35 61 08',
  },
  {
    code: 'rennes',
    name: 'Commune Rennes',
    addressLine: '6 rue Saint-Hélier',
    postalCode: '35000',
    city: 'Rennes',
    email: 'rennes@commune.coop',
    phone: '+33 2 99 30 47 25',
  },
  {
    code: 'toulouse',
    name: 'Commune Toulouse',
    addressLine: '9 rue des Amidonniers',
    postalCode: '31000',
    city: 'Toulouse',
    email: 'toulouse@commune.coop',
    phone: '+33 5 61 22 84 39',
  },
  {
    code: 'bordeaux',
    name: 'Commune Bordeaux',
    addressLine: '21 rue Camille Sauvageau',
    postalCode: '33800',
    city: 'Bordeaux',
    email: 'bordeaux@commune.coop',
    phone: '+33 5 56 91 40 17',
  },
  {
    code: 'strasbourg',
    name: 'Commune Strasbourg',
    addressLine: '14 rue du Faubourg de Saverne',
    postalCode: '67000',
    city: 'Strasbourg',
    email: 'strasbourg@commune.coop',
    phone: '+33 3 88 32 75 06',
  },
  {
    code: 'montpellier',
    name: 'Commune Montpellier',
    addressLine: '12 rue Durand',
    postalCode: '34000',
    city: 'Montpellier',
    email: 'montpellier@commune.coop',
    phone: '+33 4 67 58 13 92',
  },
  {
    code: 'amiens',
    name: 'Commune Amiens',
    addressLine: '14 rue Dijon',
    postalCode: '80000',
    city: 'Amiens',
    email: 'amiens@commune.coop',
    phone: '+33 3 22 91 36 50',
  },
  {
    code: 'arras',
    name: 'Commune Arras',
    addressLine: '9 rue Gambetta',
    postalCode: '62000',
    city: 'Arras',
    email: 'arras@commune.coop',
    phone: '+33 3 21 23 48 61',
  },
  {
    code: 'bethune',
    name: 'Commune Béthune',
    addressLine: '25 rue Sadi Carnot',
    postalCode: '62400',
    city: 'Béthune',
    email: 'bethune@commune.coop',
    phone: '+33 3 21 68 05 27',
  },
  {
    code: 'clermont-ferrand',
    name: 'Commune Clermont-Ferrand',
    addressLine: '11 rue Fontgiève',
    postalCode: '63000',
    city: 'Clermont-Ferrand',
    email: 'clermont-ferrand@commune.coop',
    phone: '+33 4 73 90 26 44',
  },
];

export type DemoStaff = {
  name: string;
  email: string;
  roles: ('adviser' | 'accountant' | 'payroll' | 'admin')[];
  officeCodes: string[];
};

export const demoStaff: DemoStaff[] = [
  { name: 'Camille Durand', email: 'admin@commune.coop', roles: ['admin'], officeCodes: [] },
  { name: 'Isabelle Fournier', email: 'compta@commune.coop', roles: ['accountant'], officeCodes: [] },
  { name: 'Sandrine Morel', email: 'paie@commune.coop', roles: ['payroll'], officeCodes: [] },
  {
    name: 'Aurélie Vasseur',
    email: 'conseil.lille@commune.coop',
    roles: ['adviser'],
    officeCodes: ['lille', 'arras', 'bethune'],
  },
  { name: 'Mehdi Ouali', email: 'conseil.paris@commune.coop', roles: ['adviser'], officeCodes: ['paris'] },
  {
    name: 'Nicolas Roche',
    email: 'conseil.lyon@commune.coop',
    roles: ['adviser'],
    officeCodes: ['lyon', 'clermont-ferrand'],
  },
  {
    name: 'Gwenaëlle Le Goff',
    email: 'conseil.ouest@commune.coop',
    roles: ['adviser'],
    officeCodes: ['nantes', 'rennes', 'bordeaux'],
  },
  {
    name: 'Lucas Fabre',
    email: 'conseil.sud@commune.coop',
    roles: ['adviser'],
    officeCodes: ['marseille', 'toulouse', 'montpellier'],
  },
  {
    name: 'Claire Muller',
    email: 'conseil.nord-est@commune.coop',
    roles: ['adviser'],
    officeCodes: ['strasbourg', 'amiens'],
  },
];

export type DemoMember = {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  addressLine: string;
  postalCode: string;
  city: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: 'F' | 'M';
  /** 15 digits with its key; sex, birth year/month and the department of the city agree. */
  nir: string;
  iban: string;
  bic: string;
  trades: string[];
  officeCode: string;
  status: 'prospect' | 'member' | 'shareholder';
  joinedOn: string | null;
  /** true → gets a login */
  hasAccount: boolean;
};

export const demoMembers: DemoMember[] = [
  {
    firstName: 'Léa',
    lastName: 'Martin',
    email: 'lea.martin@example.org',
    phone: '+33 6 12 48 73 05',
    addressLine: '23 rue des Postes',
    postalCode: '59000',
    city: 'Lille',
    birthDate: '1991-04-17',
    sex: 'F',
    nir: '291045935011281',
    iban: 'FR7642559000412102784530170',
    bic: 'CCOPFRPPXXX',
    trades: ['technicien·ne son', 'musicien·ne'],
    officeCode: 'lille',
    status: 'member',
    joinedOn: '2021-09-06',
    hasAccount: true,
  },
  {
    firstName: 'Karim',
    lastName: 'Benali',
    email: 'karim.benali@example.org',
    phone: '+33 6 71 29 84 16',
    addressLine: '41 rue Oberkampf',
    postalCode: '75011',
    city: 'Paris',
    birthDate: '1987-11-02',
    sex: 'M',
    nir: '187117511104764',
    iban: 'FR7630004008280001093847225',
    bic: 'BNPAFRPPXXX',
    trades: ['monteur·euse vidéo'],
    officeCode: 'paris',
    status: 'shareholder',
    joinedOn: '2018-03-12',
    hasAccount: true,
  },
  {
    firstName: 'Chloé',
    lastName: 'Lefèvre',
    email: 'chloe.lefevre@example.org',
    phone: '+33 6 48 10 37 92',
    addressLine: "8 rue de l'Épeule",
    postalCode: '59100',
    city: 'Roubaix',
    birthDate: '1995-06-23',
    sex: 'F',
    nir: '295065951208630',
    iban: 'FR7620041010050524871020985',
    bic: 'PSSTFRPPLIL',
    trades: ['illustrateur·rice', 'graphiste'],
    officeCode: 'lille',
    status: 'member',
    joinedOn: '2022-01-17',
    hasAccount: true,
  },
  {
    firstName: 'Mamadou',
    lastName: 'Diallo',
    email: 'mamadou.diallo@example.org',
    phone: '+33 7 58 21 64 30',
    addressLine: '17 rue de Paris',
    postalCode: '93100',
    city: 'Montreuil',
    birthDate: '1983-01-30',
    sex: 'M',
    nir: '183019304823159',
    iban: 'FR7630003033200005028194633',
    bic: 'SOGEFRPPXXX',
    trades: ['musicien·ne'],
    officeCode: 'paris',
    status: 'shareholder',
    joinedOn: '2016-10-03',
    hasAccount: false,
  },
  {
    firstName: 'Inès',
    lastName: 'Moreau',
    email: 'ines.moreau@example.org',
    phone: '+33 6 29 85 47 13',
    addressLine: '56 rue Myrha',
    postalCode: '75018',
    city: 'Paris',
    birthDate: '1998-09-14',
    sex: 'F',
    nir: '298097511830542',
    iban: 'FR7640618800340004037219884',
    bic: 'BOUSFRPPXXX',
    trades: ['danseur·euse'],
    officeCode: 'paris',
    status: 'member',
    joinedOn: '2023-02-20',
    hasAccount: true,
  },
  {
    firstName: 'Thomas',
    lastName: 'Girard',
    email: 'thomas.girard@example.org',
    phone: '+33 6 83 40 12 57',
    addressLine: "12 rue d'Austerlitz",
    postalCode: '69004',
    city: 'Lyon',
    birthDate: '1979-02-08',
    sex: 'M',
    nir: '179026938401972',
    iban: 'FR7630002008150000071294841',
    bic: 'CRLYFRPPXXX',
    trades: ['régisseur·euse'],
    officeCode: 'lyon',
    status: 'shareholder',
    joinedOn: '2014-06-02',
    hasAccount: true,
  },
  {
    firstName: 'Mai',
    lastName: 'Nguyen',
    email: 'mai.nguyen@example.org',
    phone: '+33 6 16 92 38 74',
    addressLine: '34 cours Émile Zola',
    postalCode: '69100',
    city: 'Villeurbanne',
    birthDate: '1990-12-03',
    sex: 'F',
    nir: '290126926615441',
    iban: 'FR7616807000913102458710553',
    bic: 'CCBPFRPPGRE',
    trades: ['traducteur·rice'],
    officeCode: 'lyon',
    status: 'member',
    joinedOn: '2020-11-09',
    hasAccount: false,
  },
  {
    firstName: 'Antoine',
    lastName: 'Rousseau',
    email: 'antoine.rousseau@example.org',
    phone: '+33 6 54 07 61 28',
    addressLine: '5 rue du Port',
    postalCode: '63000',
    city: 'Clermont-Ferrand',
    birthDate: '1985-05-21',
    sex: 'M',
    nir: '185056311307709',
    iban: 'FR7616806001006501234879185',
    bic: 'AGRIFRPP868',
    trades: ['formateur·rice'],
    officeCode: 'clermont-ferrand',
    status: 'member',
    joinedOn: '2019-04-15',
    hasAccount: false,
  },
  {
    firstName: 'Fatoumata',
    lastName: 'Koné',
    email: 'fatoumata.kone@example.org',
    phone: '+33 7 61 33 05 89',
    addressLine: "19 rue d'Aubagne",
    postalCode: '13001',
    city: 'Marseille',
    birthDate: '1993-03-11',
    sex: 'F',
    nir: '293031320126891',
    iban: 'FR7611315000010800456721360',
    bic: 'CEPAFRPP131',
    trades: ['comédien·ne'],
    officeCode: 'marseille',
    status: 'member',
    joinedOn: '2021-03-01',
    hasAccount: true,
  },
  {
    firstName: 'Julien',
    lastName: 'Petit',
    email: 'julien.petit@example.org',
    phone: '+33 6 92 18 45 60',
    addressLine: '27 rue Paul Bellamy',
    postalCode: '44000',
    city: 'Nantes',
    birthDate: '1988-07-29',
    sex: 'M',
    nir: '188074410914373',
    iban: 'FR7630047141880002018456324',
    bic: 'CMCIFRPPXXX',
    trades: ['photographe'],
    officeCode: 'nantes',
    status: 'member',
    joinedOn: '2017-09-18',
    hasAccount: false,
  },
  {
    firstName: 'Maëlle',
    lastName: 'Le Gall',
    email: 'maelle.legall@example.org',
    phone: '+33 6 37 64 90 21',
    addressLine: '14 rue de Dinan',
    postalCode: '35000',
    city: 'Rennes',
    birthDate: '1996-10-05',
    sex: 'F',
    nir: '296103523809181',
    iban: 'FR7615589351040548721309475',
    bic: 'CMBRFR2BARK',
    trades: ['agriculteur·rice urbain·e'],
    officeCode: 'rennes',
    status: 'member',
    joinedOn: '2022-05-30',
    hasAccount: true,
  },
  {
    firstName: 'Hugo',
    lastName: 'Garcia',
    email: 'hugo.garcia@example.org',
    phone: '+33 6 05 72 83 49',
    addressLine: '9 rue Pargaminières',
    postalCode: '31000',
    city: 'Toulouse',
    birthDate: '1992-01-19',
    sex: 'M',
    nir: '192013155520675',
    iban: 'FR7616958000014501278963442',
    bic: 'QNTOFRP1XXX',
    trades: ['développeur·euse web'],
    officeCode: 'toulouse',
    status: 'shareholder',
    joinedOn: '2019-01-07',
    hasAccount: true,
  },
  {
    firstName: 'Sarah',
    lastName: 'Cohen',
    email: 'sarah.cohen@example.org',
    phone: '+33 6 44 81 26 93',
    addressLine: '31 rue Saint-James',
    postalCode: '33000',
    city: 'Bordeaux',
    birthDate: '1984-08-27',
    sex: 'F',
    nir: '284083306341291',
    iban: 'FR7613335003010800183475678',
    bic: 'CEPAFRPP333',
    trades: ['journaliste'],
    officeCode: 'bordeaux',
    status: 'member',
    joinedOn: '2018-10-22',
    hasAccount: false,
  },
  {
    firstName: 'Lukas',
    lastName: 'Schmitt',
    email: 'lukas.schmitt@example.org',
    phone: '+33 6 78 52 09 34',
    addressLine: '6 rue de Zurich',
    postalCode: '67000',
    city: 'Strasbourg',
    birthDate: '1989-04-02',
    sex: 'M',
    nir: '189046748205884',
    iban: 'FR7610278010100002054781214',
    bic: 'CMCIFR2AXXX',
    trades: ['éclairagiste'],
    officeCode: 'strasbourg',
    status: 'member',
    joinedOn: '2020-02-03',
    hasAccount: false,
  },
  {
    firstName: 'Nour',
    lastName: 'El Amrani',
    email: 'nour.elamrani@example.org',
    phone: '+33 7 69 14 38 52',
    addressLine: '22 rue du Faubourg Figuerolles',
    postalCode: '34070',
    city: 'Montpellier',
    birthDate: '1997-02-14',
    sex: 'F',
    nir: '297023417218769',
    iban: 'FR7620041010090741236502985',
    bic: 'PSSTFRPPMON',
    trades: ['céramiste'],
    officeCode: 'montpellier',
    status: 'member',
    joinedOn: '2023-09-11',
    hasAccount: false,
  },
  {
    firstName: 'Baptiste',
    lastName: 'Lemaire',
    email: 'baptiste.lemaire@example.org',
    phone: '+33 6 21 36 57 80',
    addressLine: '40 rue Saint-Leu',
    postalCode: '80000',
    city: 'Amiens',
    birthDate: '1981-11-25',
    sex: 'M',
    nir: '181118002109958',
    iban: 'FR7618706000009714502386169',
    bic: 'AGRIFRPP887',
    trades: ['ébéniste'],
    officeCode: 'amiens',
    status: 'member',
    joinedOn: '2016-12-05',
    hasAccount: false,
  },
  {
    firstName: 'Aurore',
    lastName: 'Delattre',
    email: 'aurore.delattre@example.org',
    phone: '+33 6 87 23 40 15',
    addressLine: '3 rue des Trois Visages',
    postalCode: '62000',
    city: 'Arras',
    birthDate: '1986-06-09',
    sex: 'F',
    nir: '286066204112231',
    iban: 'FR7630027172110002037451919',
    bic: 'CMCIFRPPXXX',
    trades: ['formateur·rice', 'consultant·e'],
    officeCode: 'arras',
    status: 'member',
    joinedOn: '2020-09-14',
    hasAccount: false,
  },
  {
    firstName: 'Sébastien',
    lastName: 'Leroy',
    email: 'sebastien.leroy@example.org',
    phone: '+33 6 50 94 62 18',
    addressLine: "15 rue d'Aire",
    postalCode: '62400',
    city: 'Béthune',
    birthDate: '1977-09-16',
    sex: 'M',
    nir: '177096211906434',
    iban: 'FR7613507000503154872094672',
    bic: 'CCBPFRPPLIL',
    trades: ['régisseur·euse', 'éclairagiste'],
    officeCode: 'bethune',
    status: 'shareholder',
    joinedOn: '2013-05-27',
    hasAccount: false,
  },
  {
    firstName: 'Amina',
    lastName: 'Traoré',
    email: 'amina.traore@example.org',
    phone: '+33 7 45 60 81 27',
    addressLine: '61 rue Solférino',
    postalCode: '59000',
    city: 'Lille',
    birthDate: '2000-05-30',
    sex: 'F',
    nir: '200055935021984',
    iban: 'FR7620041000011257893002090',
    bic: 'PSSTFRPPLIL',
    trades: ['danseur·euse', 'chorégraphe'],
    officeCode: 'lille',
    status: 'prospect',
    joinedOn: null,
    hasAccount: false,
  },
  {
    firstName: 'Erwan',
    lastName: 'Le Bihan',
    email: 'erwan.lebihan@example.org',
    phone: '+33 6 09 47 35 62',
    addressLine: '88 rue de Saint-Malo',
    postalCode: '35000',
    city: 'Rennes',
    birthDate: '1994-08-08',
    sex: 'M',
    nir: '194083523817615',
    iban: 'FR7613606000414630125874467',
    bic: 'AGRIFRPP836',
    trades: ['musicien·ne'],
    officeCode: 'rennes',
    status: 'prospect',
    joinedOn: null,
    hasAccount: false,
  },
  {
    firstName: 'Giulia',
    lastName: 'Rossi',
    email: 'giulia.rossi@example.org',
    phone: '+33 6 63 78 19 04',
    addressLine: '10 rue des Envierges',
    postalCode: '75020',
    city: 'Paris',
    birthDate: '1990-03-22',
    sex: 'F',
    nir: '290037512013461',
    iban: 'FR7642559100000802456781295',
    bic: 'CCOPFRPPXXX',
    trades: ['costumier·ère'],
    officeCode: 'paris',
    status: 'member',
    joinedOn: '2021-06-14',
    hasAccount: false,
  },
  {
    firstName: 'Olivier',
    lastName: 'Fontaine',
    email: 'olivier.fontaine@example.org',
    phone: '+33 6 34 56 02 87',
    addressLine: '7 rue Leynaud',
    postalCode: '69001',
    city: 'Lyon',
    birthDate: '1975-12-01',
    sex: 'M',
    nir: '175126938104210',
    iban: 'FR7630003010400003721056445',
    bic: 'SOGEFRPPXXX',
    trades: ['comédien·ne'],
    officeCode: 'lyon',
    status: 'shareholder',
    joinedOn: '2012-11-19',
    hasAccount: false,
  },
  {
    firstName: 'Rachid',
    lastName: 'Mansouri',
    email: 'rachid.mansouri@example.org',
    phone: '+33 6 90 12 73 48',
    addressLine: '44 boulevard de la Corderie',
    postalCode: '13007',
    city: 'Marseille',
    birthDate: '1982-07-07',
    sex: 'M',
    nir: '182071320719357',
    iban: 'FR7630004005890001024836765',
    bic: 'BNPAFRPPXXX',
    trades: ['vidéaste', 'monteur·euse vidéo'],
    officeCode: 'marseille',
    status: 'member',
    joinedOn: '2019-10-21',
    hasAccount: false,
  },
  {
    firstName: 'Élodie',
    lastName: 'Marchand',
    email: 'elodie.marchand@example.org',
    phone: '+33 7 82 05 49 36',
    addressLine: '18 rue des Blanchers',
    postalCode: '31000',
    city: 'Toulouse',
    birthDate: '1999-01-15',
    sex: 'F',
    nir: '299013155531162',
    iban: 'FR7617807000114102785369143',
    bic: 'CCBPFRPPTLS',
    trades: ['illustrateur·rice'],
    officeCode: 'toulouse',
    status: 'prospect',
    joinedOn: null,
    hasAccount: false,
  },
];

export type DemoActivity = {
  /** The first is the main member. */
  memberEmails: string[];
  entityCode: 'SCIC' | 'CAE' | 'PORTAGE';
  name: string;
  description: string;
  trade: string;
  status: 'open' | 'closed';
  feeOverride?: { feeRateBp: number; reason: string };
};

export const demoActivities: DemoActivity[] = [
  {
    memberEmails: ['lea.martin@example.org'],
    entityCode: 'SCIC',
    name: 'Sonorisation de concerts',
    description:
      'Régie son façade et retours pour concerts, festivals et salles de la métropole lilloise ; location de petit matériel de diffusion.',
    trade: 'technicien·ne son',
    status: 'open',
  },
  {
    memberEmails: ['lea.martin@example.org'],
    entityCode: 'CAE',
    name: 'Cours de MAO',
    description:
      'Cours particuliers et ateliers collectifs de musique assistée par ordinateur : prise de son, arrangement, mixage.',
    trade: 'musicien·ne',
    status: 'open',
  },
  {
    memberEmails: ['karim.benali@example.org'],
    entityCode: 'SCIC',
    name: 'Montage de documentaires',
    description: 'Montage image et étalonnage de documentaires de création, courts et longs métrages.',
    trade: 'monteur·euse vidéo',
    status: 'open',
  },
  {
    memberEmails: ['karim.benali@example.org'],
    entityCode: 'CAE',
    name: 'Formation au montage sur DaVinci Resolve',
    description: 'Sessions de deux à cinq jours pour monteurs débutants et équipes de production.',
    trade: 'monteur·euse vidéo',
    status: 'open',
  },
  {
    memberEmails: ['chloe.lefevre@example.org'],
    entityCode: 'SCIC',
    name: 'Illustration et fresques participatives',
    description:
      'Illustration jeunesse et fresques murales réalisées avec les habitants, en médiathèques, écoles et centres sociaux.',
    trade: 'illustrateur·rice',
    status: 'open',
    feeOverride: { feeRateBp: 650, reason: 'Convention de partenariat avec la Ville de Lille, 2026' },
  },
  {
    memberEmails: ['chloe.lefevre@example.org'],
    entityCode: 'CAE',
    name: 'Identités visuelles pour associations',
    description: 'Logos, chartes graphiques, affiches et supports imprimés pour associations et collectifs.',
    trade: 'graphiste',
    status: 'open',
  },
  {
    memberEmails: ['ines.moreau@example.org', 'mamadou.diallo@example.org'],
    entityCode: 'SCIC',
    name: 'Compagnie Kora Danse',
    description:
      'Duo danse contemporaine et percussions mandingues : spectacle « Racines vives », tournées et actions culturelles.',
    trade: 'danseur·euse',
    status: 'open',
  },
  {
    memberEmails: ['mamadou.diallo@example.org'],
    entityCode: 'SCIC',
    name: 'Percussions africaines : concerts et stages',
    description: 'Concerts de djembé et doundoun, stages de percussions pour adultes et enfants.',
    trade: 'musicien·ne',
    status: 'open',
  },
  {
    memberEmails: ['ines.moreau@example.org'],
    entityCode: 'CAE',
    name: 'Cours de danse contemporaine',
    description: 'Cours hebdomadaires et ateliers chorégraphiques en conservatoires, MJC et festivals.',
    trade: 'danseur·euse',
    status: 'open',
  },
  {
    memberEmails: ['thomas.girard@example.org'],
    entityCode: 'SCIC',
    name: 'Régie générale de tournées',
    description:
      'Régie générale et coordination technique de tournées de théâtre et de cirque, fiches techniques, accueil en salle.',
    trade: 'régisseur·euse',
    status: 'open',
  },
  {
    memberEmails: ['mai.nguyen@example.org'],
    entityCode: 'PORTAGE',
    name: 'Traduction technique et littéraire (EN, VI → FR)',
    description:
      "Traduction d'ouvrages, de sous-titres et de documentation technique de l'anglais et du vietnamien.",
    trade: 'traducteur·rice',
    status: 'open',
  },
  {
    memberEmails: ['antoine.rousseau@example.org'],
    entityCode: 'PORTAGE',
    name: 'Formations à la prise de parole en public',
    description: 'Formations inter et intra pour élus, agents publics et dirigeants associatifs.',
    trade: 'formateur·rice',
    status: 'open',
  },
  {
    memberEmails: ['fatoumata.kone@example.org'],
    entityCode: 'SCIC',
    name: 'Spectacles jeune public',
    description: 'Contes et spectacles pour les 3–10 ans, en salle et en bibliothèque.',
    trade: 'comédien·ne',
    status: 'open',
  },
  {
    memberEmails: ['fatoumata.kone@example.org'],
    entityCode: 'CAE',
    name: 'Ateliers théâtre en milieu scolaire',
    description:
      "Ateliers d'expression théâtrale dans les écoles et collèges, dans le cadre de l'éducation artistique.",
    trade: 'comédien·ne',
    status: 'open',
  },
  {
    memberEmails: ['julien.petit@example.org'],
    entityCode: 'SCIC',
    name: 'Photographie de spectacle vivant',
    description: 'Photos de répétitions et de représentations pour compagnies, théâtres et festivals.',
    trade: 'photographe',
    status: 'open',
  },
  {
    memberEmails: ['julien.petit@example.org'],
    entityCode: 'CAE',
    name: 'Portraits et reportages',
    description: 'Portraits, mariages et reportages pour particuliers ; activité arrêtée fin 2025.',
    trade: 'photographe',
    status: 'closed',
  },
  {
    memberEmails: ['maelle.legall@example.org'],
    entityCode: 'CAE',
    name: 'Micro-ferme urbaine des Prairies Saint-Martin',
    description: 'Maraîchage sur petite surface, vente de paniers et de plants en circuit court.',
    trade: 'agriculteur·rice urbain·e',
    status: 'open',
  },
  {
    memberEmails: ['maelle.legall@example.org'],
    entityCode: 'CAE',
    name: 'Ateliers de jardinage pédagogique',
    description: 'Animations autour du potager pour écoles, centres de loisirs et jardins partagés.',
    trade: 'agriculteur·rice urbain·e',
    status: 'open',
  },
  {
    memberEmails: ['hugo.garcia@example.org'],
    entityCode: 'CAE',
    name: "Sites web pour structures de l'ESS",
    description:
      'Conception et développement de sites web sobres pour coopératives, associations et tiers-lieux.',
    trade: 'développeur·euse web',
    status: 'open',
  },
  {
    memberEmails: ['hugo.garcia@example.org'],
    entityCode: 'PORTAGE',
    name: 'Conseil en accessibilité numérique',
    description: 'Audits RGAA et accompagnement des équipes pour rendre les services en ligne accessibles.',
    trade: 'développeur·euse web',
    status: 'open',
  },
  {
    memberEmails: ['sarah.cohen@example.org'],
    entityCode: 'SCIC',
    name: 'Journalisme indépendant (piges)',
    description:
      'Enquêtes et reportages sur la culture et l’économie sociale pour la presse régionale et les revues.',
    trade: 'journaliste',
    status: 'open',
  },
  {
    memberEmails: ['lukas.schmitt@example.org'],
    entityCode: 'SCIC',
    name: 'Création lumière pour le théâtre',
    description: 'Conception et régie lumière de spectacles, encodage pupitre, accompagnement en tournée.',
    trade: 'éclairagiste',
    status: 'open',
  },
  {
    memberEmails: ['nour.elamrani@example.org'],
    entityCode: 'CAE',
    name: 'Atelier céramique Figuerolles',
    description: 'Vaisselle en grès tournée à la main, pièces sur commande et cours de tournage.',
    trade: 'céramiste',
    status: 'open',
  },
  {
    memberEmails: ['baptiste.lemaire@example.org'],
    entityCode: 'CAE',
    name: 'Jeux en bois géants',
    description:
      'Fabrication et location de jeux en bois pour fêtes de quartier, festivals et comités d’entreprise.',
    trade: 'ébéniste',
    status: 'open',
  },
  {
    memberEmails: ['aurore.delattre@example.org'],
    entityCode: 'PORTAGE',
    name: "Formation et accompagnement d'associations",
    description:
      'Gouvernance, projet associatif et financement : formations de bénévoles et accompagnements sur mesure.',
    trade: 'formateur·rice',
    status: 'open',
  },
  {
    memberEmails: ['sebastien.leroy@example.org'],
    entityCode: 'SCIC',
    name: 'Régie lumière et plateau',
    description: 'Régie lumière et plateau pour salles, compagnies et festivals du Pas-de-Calais.',
    trade: 'régisseur·euse',
    status: 'open',
  },
  {
    memberEmails: ['giulia.rossi@example.org'],
    entityCode: 'SCIC',
    name: 'Costumes de scène',
    description: 'Conception, fabrication et entretien de costumes pour le théâtre, la danse et l’opéra.',
    trade: 'costumier·ère',
    status: 'open',
  },
  {
    memberEmails: ['olivier.fontaine@example.org'],
    entityCode: 'SCIC',
    name: 'Lectures et spectacles',
    description: 'Lectures publiques, seul-en-scène et participation aux créations de compagnies lyonnaises.',
    trade: 'comédien·ne',
    status: 'open',
  },
  {
    memberEmails: ['olivier.fontaine@example.org'],
    entityCode: 'SCIC',
    name: 'Voix off et livres audio',
    description:
      'Enregistrement de livres audio et de voix off ; activité regroupée depuis avec les lectures.',
    trade: 'comédien·ne',
    status: 'closed',
  },
  {
    memberEmails: ['rachid.mansouri@example.org'],
    entityCode: 'SCIC',
    name: 'Clips et captations vidéo',
    description: 'Réalisation de clips musicaux et captations multicaméra de concerts et de spectacles.',
    trade: 'vidéaste',
    status: 'open',
  },
];

export type DemoClient = {
  kind: 'company' | 'association' | 'individual';
  name: string;
  siren?: string;
  siret?: string;
  vatNumber?: string;
  publicSector: boolean;
  email?: string;
  phone?: string;
  addressLine: string;
  postalCode: string;
  city: string;
  country: string;
  contacts: { name: string; email?: string; phone?: string; role: string }[];
  /** Which demo activities work with this client (by name). */
  activityNames: string[];
};

// Public bodies are organisations with a SIREN: kind 'company' with the public-sector flag.
export const demoClients: DemoClient[] = [
  {
    kind: 'company',
    name: 'Ville de Lille',
    siren: '200451839',
    vatNumber: 'FR52200451839',
    publicSector: true,
    email: 'culture@ville-lille.example',
    phone: '+33 3 20 49 50 00',
    addressLine: 'Place Augustin Laurent',
    postalCode: '59000',
    city: 'Lille',
    country: 'FR',
    contacts: [
      { name: 'Sylvie Deroo', email: 's.deroo@ville-lille.example', role: 'Direction de la culture' },
      { name: 'Service des finances', email: 'factures@ville-lille.example', role: 'Facturation' },
    ],
    activityNames: ['Illustration et fresques participatives', 'Sonorisation de concerts'],
  },
  {
    kind: 'company',
    name: 'Région Hauts-de-France',
    siren: '200716496',
    vatNumber: 'FR78200716496',
    publicSector: true,
    phone: '+33 3 74 27 00 00',
    addressLine: '151 avenue du Président Hoover',
    postalCode: '59000',
    city: 'Lille',
    country: 'FR',
    contacts: [
      {
        name: 'Frédéric Wattez',
        email: 'f.wattez@hautsdefrance.example',
        role: 'Chargé de mission économie sociale et solidaire',
      },
    ],
    activityNames: ["Formation et accompagnement d'associations", 'Jeux en bois géants'],
  },
  {
    kind: 'company',
    name: 'Ville de Rennes',
    siren: '200382141',
    vatNumber: 'FR90200382141',
    publicSector: true,
    email: 'jardins@ville-rennes.example',
    addressLine: 'Place de la Mairie',
    postalCode: '35000',
    city: 'Rennes',
    country: 'FR',
    contacts: [
      {
        name: 'Yann Guillou',
        email: 'y.guillou@ville-rennes.example',
        role: 'Direction des jardins et de la biodiversité',
      },
    ],
    activityNames: ['Micro-ferme urbaine des Prairies Saint-Martin', 'Ateliers de jardinage pédagogique'],
  },
  {
    kind: 'company',
    name: 'Métropole de Lyon',
    siren: '200463719',
    vatNumber: 'FR93200463719',
    publicSector: true,
    addressLine: '20 rue du Lac',
    postalCode: '69003',
    city: 'Lyon',
    country: 'FR',
    contacts: [
      { name: 'Anne-Sophie Brun', email: 'as.brun@grandlyon.example', role: 'Relations internationales' },
      { name: 'Karine Faure', email: 'k.faure@grandlyon.example', role: 'Événements culturels' },
    ],
    activityNames: ['Régie générale de tournées', 'Traduction technique et littéraire (EN, VI → FR)'],
  },
  {
    kind: 'company',
    name: 'Département du Puy-de-Dôme',
    siren: '200625176',
    vatNumber: 'FR46200625176',
    publicSector: true,
    addressLine: '24 rue Saint-Esprit',
    postalCode: '63000',
    city: 'Clermont-Ferrand',
    country: 'FR',
    contacts: [{ name: 'Pascal Chabrol', email: 'p.chabrol@puydedome.example', role: 'Service formation' }],
    activityNames: ['Formations à la prise de parole en public'],
  },
  {
    kind: 'company',
    name: 'Ville de Marseille',
    siren: '200195634',
    vatNumber: 'FR65200195634',
    publicSector: true,
    addressLine: 'Quai du Port',
    postalCode: '13002',
    city: 'Marseille',
    country: 'FR',
    contacts: [
      {
        name: 'Nadia Belkacem',
        email: 'n.belkacem@marseille.example',
        role: 'Éducation artistique et culturelle',
      },
    ],
    activityNames: [
      'Spectacles jeune public',
      'Ateliers théâtre en milieu scolaire',
      'Clips et captations vidéo',
    ],
  },
  {
    kind: 'company',
    name: 'Toulouse Métropole',
    siren: '200528404',
    vatNumber: 'FR51200528404',
    publicSector: true,
    addressLine: '6 rue René Leduc',
    postalCode: '31000',
    city: 'Toulouse',
    country: 'FR',
    contacts: [
      {
        name: 'Marc Sabatier',
        email: 'm.sabatier@toulouse-metropole.example',
        role: 'Direction du numérique',
      },
    ],
    activityNames: ['Conseil en accessibilité numérique'],
  },
  {
    kind: 'association',
    name: 'Festival Les Nuits Wazemmoises',
    siren: '812473064',
    vatNumber: 'FR03812473064',
    publicSector: false,
    email: 'contact@nuits-wazemmoises.example',
    phone: '+33 3 20 57 41 96',
    addressLine: '17 place de la Nouvelle Aventure',
    postalCode: '59000',
    city: 'Lille',
    country: 'FR',
    contacts: [
      { name: 'Maxime Delcourt', email: 'prog@nuits-wazemmoises.example', role: 'Programmation' },
      {
        name: 'Julie Hennebelle',
        email: 'technique@nuits-wazemmoises.example',
        phone: '+33 6 24 71 35 80',
        role: 'Direction technique',
      },
    ],
    activityNames: ['Sonorisation de concerts', 'Percussions africaines : concerts et stages'],
  },
  {
    kind: 'company',
    name: 'Théâtre des Tisserands',
    siren: '523187946',
    siret: '52318794600026',
    vatNumber: 'FR60523187946',
    publicSector: false,
    email: 'administration@theatre-tisserands.example',
    phone: '+33 3 20 70 18 44',
    addressLine: '120 boulevard de Belfort',
    postalCode: '59100',
    city: 'Roubaix',
    country: 'FR',
    contacts: [
      { name: 'Bruno Vandenberghe', email: 'regie@theatre-tisserands.example', role: 'Directeur technique' },
      { name: 'Céline Caron', email: 'administration@theatre-tisserands.example', role: 'Administratrice' },
    ],
    activityNames: ['Sonorisation de concerts', 'Régie lumière et plateau'],
  },
  {
    kind: 'association',
    name: 'MJC du Vieux-Lille',
    siren: '775641202',
    publicSector: false,
    email: 'accueil@mjc-vieux-lille.example',
    phone: '+33 3 20 55 62 17',
    addressLine: '11 rue de la Monnaie',
    postalCode: '59800',
    city: 'Lille',
    country: 'FR',
    contacts: [{ name: 'Rémi Lecomte', email: 'r.lecomte@mjc-vieux-lille.example', role: 'Directeur' }],
    activityNames: ['Cours de MAO', 'Identités visuelles pour associations'],
  },
  {
    kind: 'individual',
    name: 'Hélène Vandamme',
    publicSector: false,
    email: 'helene.vandamme@example.net',
    phone: '+33 6 58 03 27 91',
    addressLine: '9 rue Jean Bart',
    postalCode: '59000',
    city: 'Lille',
    country: 'FR',
    contacts: [],
    activityNames: ['Cours de MAO'],
  },
  {
    kind: 'company',
    name: 'Les Films du Canal',
    siren: '498271535',
    siret: '49827153500037',
    vatNumber: 'FR94498271535',
    publicSector: false,
    email: 'production@filmsducanal.example',
    phone: '+33 1 42 08 63 15',
    addressLine: '58 quai de Jemmapes',
    postalCode: '75010',
    city: 'Paris',
    country: 'FR',
    contacts: [
      { name: 'Claire Aubertin', email: 'c.aubertin@filmsducanal.example', role: 'Productrice' },
      { name: 'Hervé Marchal', email: 'compta@filmsducanal.example', role: 'Comptabilité' },
    ],
    activityNames: ['Montage de documentaires', 'Formation au montage sur DaVinci Resolve'],
  },
  {
    kind: 'company',
    name: 'Atelier Docs & Cie',
    siren: '830519625',
    vatNumber: 'FR09830519625',
    publicSector: false,
    email: 'bonjour@atelierdocs.example',
    addressLine: '7 passage Josset',
    postalCode: '75011',
    city: 'Paris',
    country: 'FR',
    contacts: [
      { name: 'Samuel Azoulay', email: 's.azoulay@atelierdocs.example', role: 'Gérant, réalisateur' },
    ],
    activityNames: ['Montage de documentaires'],
  },
  {
    kind: 'association',
    name: 'Festival Danse en Faubourg',
    siren: '804739159',
    vatNumber: 'FR09804739159',
    publicSector: false,
    email: 'contact@danse-en-faubourg.example',
    addressLine: '16 rue de la Grange aux Belles',
    postalCode: '75010',
    city: 'Paris',
    country: 'FR',
    contacts: [
      { name: 'Laure Ménard', email: 'l.menard@danse-en-faubourg.example', role: 'Directrice artistique' },
    ],
    activityNames: [
      'Compagnie Kora Danse',
      'Percussions africaines : concerts et stages',
      'Cours de danse contemporaine',
    ],
  },
  {
    kind: 'association',
    name: 'Maison pour tous Croix-Rousse',
    siren: '779384015',
    publicSector: false,
    email: 'accueil@mpt-croixrousse.example',
    phone: '+33 4 78 28 41 06',
    addressLine: '3 rue Dumenge',
    postalCode: '69004',
    city: 'Lyon',
    country: 'FR',
    contacts: [{ name: 'Fabienne Cottet', role: 'Coordinatrice culturelle' }],
    activityNames: ['Lectures et spectacles'],
  },
  {
    kind: 'association',
    name: 'Compagnie du Vent Debout',
    siren: '451208730',
    vatNumber: 'FR29451208730',
    publicSector: false,
    email: 'diffusion@ventdebout.example',
    addressLine: '18 rue Burdeau',
    postalCode: '69001',
    city: 'Lyon',
    country: 'FR',
    contacts: [
      { name: 'Manon Rey', email: 'diffusion@ventdebout.example', role: 'Chargée de diffusion' },
      { name: 'Grégoire Pellet', phone: '+33 6 11 84 29 63', role: 'Metteur en scène' },
    ],
    activityNames: ['Régie générale de tournées', 'Lectures et spectacles'],
  },
  {
    kind: 'company',
    name: 'Éditions Mekong',
    siren: '507632982',
    siret: '50763298200017',
    vatNumber: 'FR25507632982',
    publicSector: false,
    email: 'editions@mekong.example',
    addressLine: '44 rue de la Thibaudière',
    postalCode: '69007',
    city: 'Lyon',
    country: 'FR',
    contacts: [{ name: 'Thanh Le', email: 'thanh.le@mekong.example', role: 'Éditrice' }],
    activityNames: ['Traduction technique et littéraire (EN, VI → FR)', 'Voix off et livres audio'],
  },
  {
    kind: 'company',
    name: 'Studio Brol SRL',
    vatNumber: 'BE0724586139',
    publicSector: false,
    email: 'hello@studiobrol.example',
    phone: '+32 2 511 47 82',
    addressLine: 'Rue Haute 112',
    postalCode: '1000',
    city: 'Bruxelles',
    country: 'BE',
    contacts: [{ name: 'Wouter Peeters', email: 'wouter@studiobrol.example', role: 'Producteur' }],
    activityNames: ['Montage de documentaires', 'Sonorisation de concerts'],
  },
  {
    kind: 'company',
    name: 'Les Menuisiers du Midi',
    siren: '389145277',
    siret: '38914527700015',
    vatNumber: 'FR06389145277',
    publicSector: false,
    email: 'contact@menuisiers-du-midi.example',
    phone: '+33 5 61 47 90 23',
    addressLine: '25 chemin de la Flambère',
    postalCode: '31300',
    city: 'Toulouse',
    country: 'FR',
    contacts: [{ name: 'Jordi Puig', email: 'j.puig@menuisiers-du-midi.example', role: 'Cogérant' }],
    activityNames: ["Sites web pour structures de l'ESS"],
  },
  {
    kind: 'association',
    name: 'Collectif Terres Communes',
    siren: '882015761',
    publicSector: false,
    email: 'collectif@terres-communes.example',
    addressLine: '5 rue de Redon',
    postalCode: '35000',
    city: 'Rennes',
    country: 'FR',
    contacts: [{ name: 'Soizic Hamon', email: 'soizic@terres-communes.example', role: 'Coprésidente' }],
    activityNames: ['Micro-ferme urbaine des Prairies Saint-Martin', "Sites web pour structures de l'ESS"],
  },
  {
    kind: 'company',
    name: 'Le Journal des Estuaires',
    siren: '436810956',
    siret: '43681095600025',
    vatNumber: 'FR31436810956',
    publicSector: false,
    email: 'redaction@journal-estuaires.example',
    addressLine: '12 rue de la Rousselle',
    postalCode: '33000',
    city: 'Bordeaux',
    country: 'FR',
    contacts: [
      { name: 'Philippe Darrieux', email: 'p.darrieux@journal-estuaires.example', role: 'Rédacteur en chef' },
    ],
    activityNames: ['Journalisme indépendant (piges)'],
  },
  {
    kind: 'association',
    name: 'Théâtre du Rhin Tordu',
    siren: '418703625',
    vatNumber: 'FR75418703625',
    publicSector: false,
    email: 'contact@rhintordu.example',
    phone: '+33 3 88 36 52 19',
    addressLine: '7 rue des Orphelins',
    postalCode: '67000',
    city: 'Strasbourg',
    country: 'FR',
    contacts: [
      { name: 'Mathilde Koenig', email: 'm.koenig@rhintordu.example', role: 'Directrice de production' },
    ],
    activityNames: ['Création lumière pour le théâtre', 'Costumes de scène'],
  },
  {
    kind: 'company',
    name: 'Galerie Terre et Feu',
    siren: '534906185',
    siret: '53490618500010',
    vatNumber: 'FR37534906185',
    publicSector: false,
    email: 'galerie@terre-et-feu.example',
    addressLine: "15 rue de l'Aiguillerie",
    postalCode: '34000',
    city: 'Montpellier',
    country: 'FR',
    contacts: [{ name: 'Vincent Bousquet', email: 'vincent@terre-et-feu.example', role: 'Galeriste' }],
    activityNames: ['Atelier céramique Figuerolles'],
  },
  {
    kind: 'individual',
    name: 'Paul Mercier',
    publicSector: false,
    email: 'paul.mercier@example.net',
    addressLine: '3 rue Lakanal',
    postalCode: '34090',
    city: 'Montpellier',
    country: 'FR',
    contacts: [],
    activityNames: ['Atelier céramique Figuerolles'],
  },
  {
    kind: 'association',
    name: 'Compagnie La Marée Haute',
    siren: '826140931',
    vatNumber: 'FR55826140931',
    publicSector: false,
    email: 'compagnie@maree-haute.example',
    addressLine: '31 rue de Strasbourg',
    postalCode: '44000',
    city: 'Nantes',
    country: 'FR',
    contacts: [
      { name: 'Gaël Bernier', email: 'gael@maree-haute.example', role: 'Administrateur de production' },
    ],
    activityNames: ['Photographie de spectacle vivant'],
  },
  {
    kind: 'individual',
    name: 'Gaëlle Kerjean',
    publicSector: false,
    email: 'gaelle.kerjean@example.net',
    phone: '+33 6 72 40 18 35',
    addressLine: '10 rue Mondésir',
    postalCode: '44000',
    city: 'Nantes',
    country: 'FR',
    contacts: [],
    activityNames: ['Portraits et reportages'],
  },
  {
    kind: 'association',
    name: 'Festival Les Arts en Place',
    siren: '810397547',
    vatNumber: 'FR76810397547',
    publicSector: false,
    email: 'contact@arts-en-place.example',
    addressLine: '12 rue Ernestale',
    postalCode: '62000',
    city: 'Arras',
    country: 'FR',
    contacts: [{ name: 'Ludovic Carpentier', email: 'ludo@arts-en-place.example', role: 'Coordinateur' }],
    activityNames: ['Régie lumière et plateau', 'Jeux en bois géants'],
  },
];

// ---------------------------------------------------------------------------------------------------
// Deterministic generators for load tests: same (count, seed) → same output.

/** A list written compactly as comma-separated lines. */
const list = (...lines: string[]): string[] => lines.join(', ').split(', ');

const firstNames = list(
  'Léa, Emma, Chloé, Inès, Manon, Camille, Sarah, Jade, Louise, Zoé',
  'Alice, Juliette, Clara, Anaïs, Maëlle, Nour, Yasmine, Amina, Fatoumata, Aïcha',
  'Mai, Linh, Giulia, Sofia, Elena, Nadia, Céline, Hélène, Margaux, Océane',
  'Lucas, Hugo, Louis, Gabriel, Arthur, Jules, Nathan, Théo, Raphaël, Tom',
  'Karim, Mehdi, Yanis, Rachid, Samir, Mamadou, Moussa, Ibrahima, Kevin, Julien',
  'Thomas, Antoine, Baptiste, Erwan, Loïc, Mathis, Lukas, Matteo, Diego, Minh',
);

const lastNames = list(
  'Martin, Bernard, Dubois, Thomas, Robert, Richard, Petit, Durand, Leroy, Moreau',
  'Simon, Laurent, Lefèvre, Michel, Garcia, David, Bertrand, Roux, Vincent, Fournier',
  'Morel, Girard, André, Mercier, Dupont, Lambert, Bonnet, François, Martinez, Legrand',
  'Garnier, Faure, Rousseau, Blanc, Guérin, Muller, Henry, Roussel, Nicolas, Perrin',
  'Morin, Mathieu, Clément, Gauthier, Dumont, Lopez, Fontaine, Chevalier, Robin, Masson',
  'Le Gall, Le Goff, Kerjean, Vasseur, Delattre, Vandamme, Deroo, Schmitt, Koenig, Fabre',
  'Benali, Haddad, Mansouri, El Amrani, Bouzid, Diallo, Traoré, Koné, Ndiaye, Camara',
  "Nguyen, Tran, Rossi, Ferreira, Da Silva, Kowalski, Cohen, N'Guessan, Peeters, Öztürk",
);

const companyWords = list(
  'Atelier, Studio, Collectif, Compagnie, Maison, Fabrique, Ferme, Théâtre, Label, Agence',
  'Coopérative, Éditions, Galerie, Bureau, Manufacture, Scène, Lumière, Écho, Rivage, Canal',
  'Horizon, Boussole, Étincelle, Ruche, Lanterne, Passerelle, Tisserands, Faubourg, Colibri, Grenier',
  'Chantier, Quai, Archipel, Renard, Mistral, Verger, Volume, Cercle, Moulin, Comptoir',
);

const companySuffixes = ['SARL', 'SAS', 'SCOP', 'SCIC', 'EURL', 'SA'];

const generatorCities: { city: string; postalCode: string }[] = [
  { city: 'Lille', postalCode: '59000' },
  { city: 'Paris', postalCode: '75011' },
  { city: 'Lyon', postalCode: '69007' },
  { city: 'Marseille', postalCode: '13001' },
  { city: 'Nantes', postalCode: '44000' },
  { city: 'Rennes', postalCode: '35000' },
  { city: 'Toulouse', postalCode: '31000' },
  { city: 'Bordeaux', postalCode: '33800' },
  { city: 'Strasbourg', postalCode: '67000' },
  { city: 'Montpellier', postalCode: '34000' },
  { city: 'Amiens', postalCode: '80000' },
  { city: 'Arras', postalCode: '62000' },
  { city: 'Béthune', postalCode: '62400' },
  { city: 'Clermont-Ferrand', postalCode: '63000' },
];

const generatorTrades = list(
  'technicien·ne son, musicien·ne, monteur·euse vidéo, photographe, formateur·rice',
  'traducteur·rice, développeur·euse web, illustrateur·rice, régisseur·euse, agriculteur·rice urbain·e',
  'danseur·euse, graphiste, comédien·ne, éclairagiste, journaliste',
  'céramiste, costumier·ère, vidéaste, consultant·e, ébéniste',
);

/** mulberry32: a tiny 32-bit seeded PRNG returning floats in [0, 1) (also used by the benchmarks). */
export const mulberry32 = (seed: number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;

const checkCount = (count: number, max: number) => {
  if (!Number.isInteger(count) || count < 0 || count > max)
    throw new RangeError(`count must be an integer between 0 and ${max}`);
};

/** Lowercase ASCII for e-mail local parts: `Lefèvre` → `lefevre`, `Le Gall` → `le-gall`. */
const asciiSlug = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Appends the Luhn check digit to a string of digits. */
const withLuhnKey = (body: string): string => {
  let sum = 0;
  // Positions counted from the right of the final number: the key is position 0, so body digits
  // at odd positions (the rightmost body digit first) are doubled.
  for (let i = 0; i < body.length; i++) {
    let d = Number(body.charAt(body.length - 1 - i));
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return `${body}${(10 - (sum % 10)) % 10}`;
};

/** People with unique e-mails (`firstname.lastname.N@example.org`, N = 1…count). */
export function generatedPeople(
  count: number,
  seed: number,
): { firstName: string; lastName: string; email: string; city: string; trade: string }[] {
  checkCount(count, 10_000_000);
  const rand = mulberry32(seed);
  const people: { firstName: string; lastName: string; email: string; city: string; trade: string }[] = [];
  for (let n = 1; n <= count; n++) {
    const firstName = pick(rand, firstNames);
    const lastName = pick(rand, lastNames);
    people.push({
      firstName,
      lastName,
      email: `${asciiSlug(firstName)}.${asciiSlug(lastName)}.${n}@example.org`,
      city: pick(rand, generatorCities).city,
      trade: pick(rand, generatorTrades),
    });
  }
  return people;
}

// Generated SIRENs are '9' + 7 digits + Luhn key. The 7 digits walk an affine permutation of
// 0…9,999,999 (multiplier coprime to 10⁷), so they are unique without bookkeeping; no demo client
// above has a SIREN starting with 9, so generated companies never collide with them.
const sirenSpace = 10_000_000;

/** Companies with SIRENs valid by Luhn and unique within the result (count ≤ 10,000,000). */
export function generatedCompanies(
  count: number,
  seed: number,
): { name: string; siren: string; city: string; postalCode: string }[] {
  checkCount(count, sirenSpace);
  const rand = mulberry32(seed);
  // Odd and not a multiple of 5 → coprime to 10⁷.
  let step = Math.floor(rand() * sirenSpace) | 1;
  if (step % 5 === 0) step += 2;
  const offset = Math.floor(rand() * sirenSpace);
  const companies: { name: string; siren: string; city: string; postalCode: string }[] = [];
  for (let i = 0; i < count; i++) {
    // i·step < 10¹⁴ stays exact in a double.
    const body = (i * step + offset) % sirenSpace;
    const first = pick(rand, companyWords);
    let second = pick(rand, companyWords);
    if (second === first)
      second = companyWords[(companyWords.indexOf(first) + 1) % companyWords.length] as string;
    const place = pick(rand, generatorCities);
    companies.push({
      name: `${first} ${second} ${pick(rand, companySuffixes)}`,
      siren: withLuhnKey(`9${String(body).padStart(7, '0')}`),
      city: place.city,
      postalCode: place.postalCode,
    });
  }
  return companies;
}
