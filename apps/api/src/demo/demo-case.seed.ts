// The people and organisations of contract.md's demo case ("Demo case"): plain data, read by
// the case builder (demo-case.builder.ts), the start script's banner and the tests. The
// case itself is built through the same services as production.
import type { Category, ConsentParty, OrganisationKind, Party, Role } from '@atergang/contracts';

export const DEMO_PASSWORD = 'demo-2026';

export interface DemoUser {
  email: string;
  name: string;
  /** The party the user takes part in Anna's workspace for; null: in no workspace. */
  party: Party | null;
  /** One line for the start banner: who this is. */
  description: string;
}

export type DemoUserKey = 'anna' | 'chef' | 'lakare' | 'koordinator' | 'fk' | 'af' | 'annan';

export const DEMO_USER_BY_KEY: Readonly<Record<DemoUserKey, DemoUser>> = {
  anna: {
    email: 'anna@atergang.test',
    name: 'Anna Andersson',
    party: 'PATIENT',
    description: 'Anna Andersson, sjukskriven (patient)',
  },
  chef: {
    email: 'chef@atergang.test',
    name: 'Maria Lindqvist',
    party: 'EMPLOYER',
    description: 'Maria Lindqvist, Annas chef på Solbacka kommun (employer)',
  },
  lakare: {
    email: 'lakare@atergang.test',
    name: 'Erik Sandberg',
    party: 'CARE',
    description: 'Erik Sandberg, läkare på Vårdcentralen Linden (care)',
  },
  koordinator: {
    email: 'koordinator@atergang.test',
    name: 'Sara Nyström',
    party: 'CARE',
    description: 'Sara Nyström, rehabkoordinator på Vårdcentralen Linden (care)',
  },
  fk: {
    email: 'fk@atergang.test',
    name: 'Johan Berg',
    party: 'FK',
    description: 'Johan Berg, handläggare på Försäkringskassan (FK)',
  },
  af: {
    email: 'af@atergang.test',
    name: 'Leila Haddad',
    party: 'AF',
    description: 'Leila Haddad, handläggare på Arbetsförmedlingen (AF)',
  },
  annan: {
    email: 'annan@atergang.test',
    name: 'Peter Holm',
    party: null,
    description: 'Peter Holm, chef på Bergvik AB (in no workspace)',
  },
};

export const DEMO_USER_KEYS = Object.keys(DEMO_USER_BY_KEY) as DemoUserKey[];

/** The demo logins, in the order the start script prints them. */
export const DEMO_USERS: readonly DemoUser[] = DEMO_USER_KEYS.map((key) => DEMO_USER_BY_KEY[key]);

/** Anna Andersson's personnummer, 12 digits (1985-03-12, Luhn check digit 7). */
export const ANNA_PERSONNUMMER = '198503122387';

/** Demo identifiers; every organisationsnummer and HSA-id carries a valid Luhn check digit. */
export const ORGANISATIONS = {
  solbacka: {
    kind: 'EMPLOYER',
    name: 'Solbacka kommun',
    organisationsnummer: '2120002411',
    hsaId: null,
  },
  linden: {
    kind: 'CARE_UNIT',
    name: 'Vårdcentralen Linden',
    organisationsnummer: null,
    // Directory owner 232100-0016 (a region), unit suffix of our own.
    hsaId: 'SE2321000016-7LND',
  },
  fk: {
    kind: 'FK',
    name: 'Försäkringskassan',
    organisationsnummer: '2021005521',
    hsaId: null,
  },
  af: {
    kind: 'AF',
    name: 'Arbetsförmedlingen',
    organisationsnummer: '2021002114',
    hsaId: null,
  },
  bergvik: {
    kind: 'EMPLOYER',
    name: 'Bergvik AB',
    organisationsnummer: '5591234561',
    hsaId: null,
  },
} as const satisfies Record<
  string,
  {
    kind: OrganisationKind;
    name: string;
    organisationsnummer: string | null;
    hsaId: string | null;
  }
>;

export type OrganisationKey = keyof typeof ORGANISATIONS;

export const MEMBERSHIPS: readonly {
  user: DemoUserKey;
  organisation: OrganisationKey;
  role: Role;
}[] = [
  { user: 'chef', organisation: 'solbacka', role: 'MANAGER' },
  { user: 'lakare', organisation: 'linden', role: 'DOCTOR' },
  { user: 'koordinator', organisation: 'linden', role: 'COORDINATOR' },
  { user: 'fk', organisation: 'fk', role: 'CASE_OFFICER' },
  { user: 'af', organisation: 'af', role: 'CASE_OFFICER' },
  { user: 'annan', organisation: 'bergvik', role: 'MANAGER' },
];

export const STAFF_HSA_IDS: Partial<Record<DemoUserKey, string>> = {
  lakare: 'SE2321000016-L4K1',
  koordinator: 'SE2321000016-K0R1',
};

/** Demo consents (contract.md). AF has none yet: a participant without consent. */
export const CONSENTS: readonly { party: ConsentParty; categories: Category[] }[] = [
  { party: 'EMPLOYER', categories: ['PLAN', 'TASKS', 'MEETINGS', 'DOCUMENTS'] },
  {
    party: 'CARE',
    categories: ['PLAN', 'TASKS', 'MEETINGS', 'MEETING_NOTES', 'DOCUMENTS', 'MEDICAL'],
  },
  {
    party: 'FK',
    categories: ['PLAN', 'TASKS', 'MEETINGS', 'MEETING_NOTES', 'DOCUMENTS', 'MEDICAL'],
  },
];
