// The demo case of contract.md ("Demo case"), seeded into an empty database in demo mode.
// Every date is derived from `today`, so the case always reads "sick since 40 days".
// Idempotent and safe with several instances booting at once: one transaction, serialised by
// an advisory lock, that does nothing when the demo patient already exists.
import type { Category, ConsentParty, MeasureKind, Party, Role } from '@atergang/contracts';
import { addDays, deadlineTasksForNewCase, type IsoDate, toIsoDate } from '@atergang/domain';
import { Algorithm, hash } from '@node-rs/argon2';
import type { PlanMeasure, Prisma, PrismaClient } from '@prisma/client';

export const DEMO_PASSWORD = 'demo-2026';

// @node-rs/argon2 declares Algorithm as a `const enum` without a runtime object: tsc inlines
// Argon2id (2), while SWC (jest) leaves `undefined`, which selects the library's default,
// also Argon2id. Either way the hash starts with `$argon2id$` (the int-spec checks it).
const ARGON2ID_OPTIONS = { algorithm: Algorithm.Argon2id };

export interface DemoUser {
  email: string;
  name: string;
  /** The party the user takes part in Anna's workspace for; null: in no workspace. */
  party: Party | null;
  /** One line for the start banner: who this is. */
  description: string;
}

type DemoUserKey = 'anna' | 'chef' | 'lakare' | 'koordinator' | 'fk' | 'af' | 'annan';

const DEMO_USER_BY_KEY: Readonly<Record<DemoUserKey, DemoUser>> = {
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

const DEMO_USER_KEYS = Object.keys(DEMO_USER_BY_KEY) as DemoUserKey[];

/** The demo logins, in the order the start script prints them. */
export const DEMO_USERS: readonly DemoUser[] = DEMO_USER_KEYS.map((key) => DEMO_USER_BY_KEY[key]);

/** Anna Andersson's personnummer, 12 digits (1985-03-12, Luhn check digit 7). */
const ANNA_PERSONNUMMER = '198503122387';

/** Demo identifiers; every organisationsnummer and HSA-id carries a valid Luhn check digit. */
const ORGANISATIONS = {
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
} as const satisfies Record<string, Prisma.OrganisationCreateManyInput>;

type OrganisationKey = keyof typeof ORGANISATIONS;

const MEMBERSHIPS: readonly { user: DemoUserKey; organisation: OrganisationKey; role: Role }[] = [
  { user: 'chef', organisation: 'solbacka', role: 'MANAGER' },
  { user: 'lakare', organisation: 'linden', role: 'DOCTOR' },
  { user: 'koordinator', organisation: 'linden', role: 'COORDINATOR' },
  { user: 'fk', organisation: 'fk', role: 'CASE_OFFICER' },
  { user: 'af', organisation: 'af', role: 'CASE_OFFICER' },
  { user: 'annan', organisation: 'bergvik', role: 'MANAGER' },
];

const STAFF_HSA_IDS: Partial<Record<DemoUserKey, string>> = {
  lakare: 'SE2321000016-L4K1',
  koordinator: 'SE2321000016-K0R1',
};

/** Anna's workspace participants, in the order they were added. */
const PARTICIPANTS: readonly {
  user: DemoUserKey;
  party: Party;
  organisation: OrganisationKey | null;
  role: Role | null;
}[] = [
  { user: 'anna', party: 'PATIENT', organisation: null, role: null },
  { user: 'koordinator', party: 'CARE', organisation: 'linden', role: 'COORDINATOR' },
  { user: 'lakare', party: 'CARE', organisation: 'linden', role: 'DOCTOR' },
  { user: 'chef', party: 'EMPLOYER', organisation: 'solbacka', role: 'MANAGER' },
  { user: 'fk', party: 'FK', organisation: 'fk', role: 'CASE_OFFICER' },
  { user: 'af', party: 'AF', organisation: 'af', role: 'CASE_OFFICER' },
];

/** Demo consents (contract.md). AF has none yet: a participant without consent. */
const CONSENTS: readonly { party: ConsentParty; categories: Category[] }[] = [
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

const SICK_DAYS_BEFORE_TODAY = 40;
const EXPECTED_LENGTH_DAYS = 120;
/** Serialises concurrent seeders (several instances booting on one empty database). */
const SEED_LOCK_KEY = 7_202_604_001n;

/** A calendar date as Prisma writes a `@db.Date` column: midnight UTC of that day. */
function dateOnly(date: IsoDate): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

/** The instant of a wall-clock time in Sweden (Europe/Stockholm, CET/CEST) on `date`. */
function swedishTime(date: IsoDate, hour: number, minute = 0): Date {
  const asIfUtc = Date.UTC(
    Number(date.slice(0, 4)),
    Number(date.slice(5, 7)) - 1,
    Number(date.slice(8, 10)),
    hour,
    minute,
  );
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Stockholm',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(asIfUtc));
  const part = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  const stockholmWallClock = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
  );
  return new Date(asIfUtc - (stockholmWallClock - asIfUtc));
}

interface WorkspaceEventInput {
  type: string;
  category: Category | null;
  actorUserId: string | null;
  actorParty: Party | null;
  subjectType: string;
  subjectId: string;
  authorParty?: Party | null;
  assigneeParty?: Party | null;
  assigneeParticipantId?: string | null;
  payload: Prisma.InputJsonObject;
}

/**
 * Seeds the demo case unless it is already there. `today` decides every date.
 * Returns `{ seeded: false }` when the demo patient already exists.
 */
export async function seedDemoCase(
  prisma: PrismaClient,
  today: Date,
): Promise<{ seeded: boolean }> {
  const exists = async (client: Prisma.TransactionClient | PrismaClient): Promise<boolean> =>
    (await client.user.count({ where: { email: DEMO_USER_BY_KEY.anna.email } })) > 0;
  if (await exists(prisma)) return { seeded: false };

  // Hashing is deliberately slow, so it happens before the transaction; each user gets a salt.
  const passwordHashes = await Promise.all(
    DEMO_USER_KEYS.map((key) =>
      hash(DEMO_PASSWORD, ARGON2ID_OPTIONS).then((h) => [key, h] as const),
    ),
  );
  const passwordHashByKey = new Map(passwordHashes);

  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})`;
      if (await exists(tx)) return { seeded: false };
      await seedInTransaction(tx, toIsoDate(today), passwordHashByKey);
      return { seeded: true };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

async function seedInTransaction(
  tx: Prisma.TransactionClient,
  today: IsoDate,
  passwordHashByKey: ReadonlyMap<DemoUserKey, string>,
): Promise<void> {
  // Organisations, people and their roles.
  const organisationId = {} as Record<OrganisationKey, string>;
  for (const [key, organisation] of Object.entries(ORGANISATIONS) as [
    OrganisationKey,
    Prisma.OrganisationCreateInput,
  ][]) {
    organisationId[key] = (await tx.organisation.create({ data: organisation })).id;
  }

  const userId = {} as Record<DemoUserKey, string>;
  for (const key of DEMO_USER_KEYS) {
    const user = DEMO_USER_BY_KEY[key];
    const created = await tx.user.create({
      data: {
        email: user.email,
        name: user.name,
        passwordHash: passwordHashByKey.get(key) ?? null,
        personnummer: key === 'anna' ? ANNA_PERSONNUMMER : null,
        hsaId: STAFF_HSA_IDS[key] ?? null,
      },
    });
    userId[key] = created.id;
  }
  await tx.membership.createMany({
    data: MEMBERSHIPS.map((m) => ({
      userId: userId[m.user],
      organisationId: organisationId[m.organisation],
      role: m.role,
    })),
  });

  // The case: sick leave at 100 % since 40 days; the rehab coordinator opened the workspace.
  const sickPeriodStart = addDays(today, -SICK_DAYS_BEFORE_TODAY);
  const workspace = await tx.workspace.create({
    data: {
      patientUserId: userId.anna,
      employerOrganisationId: organisationId.solbacka,
      sickPeriodStart: dateOnly(sickPeriodStart),
      earlierSickDays: 0,
      expectedLengthDays: EXPECTED_LENGTH_DAYS,
      sickLeaveDegree: 100,
      createdById: userId.koordinator,
    },
  });
  const workspaceId = workspace.id;

  let seq = 0;
  const events: Prisma.WorkspaceEventCreateManyInput[] = [];
  const appendEvent = (event: WorkspaceEventInput): void => {
    seq += 1;
    events.push({ workspaceId, seq, ...event });
  };
  const coordinator = { actorUserId: userId.koordinator, actorParty: 'CARE' } as const;

  appendEvent({
    type: 'workspace.created',
    category: null,
    ...coordinator,
    subjectType: 'workspace',
    subjectId: workspaceId,
    payload: { id: workspaceId },
  });

  const participantId = {} as Record<DemoUserKey, string>;
  for (const p of PARTICIPANTS) {
    const participant = await tx.participant.create({
      data: {
        workspaceId,
        userId: userId[p.user],
        party: p.party,
        organisationId: p.organisation ? organisationId[p.organisation] : null,
        role: p.role,
        // The creator and the patient come with the workspace; the coordinator adds the rest.
        addedById: p.user === 'anna' || p.user === 'koordinator' ? null : userId.koordinator,
      },
    });
    participantId[p.user] = participant.id;
    appendEvent({
      type: 'participant.added',
      category: null,
      ...coordinator,
      subjectType: 'participant',
      subjectId: participant.id,
      payload: { id: participant.id, party: p.party, userId: userId[p.user] },
    });
  }

  // Anna's sharing consents: specific secrecy waivers per party and category. They are
  // not in the shared event log: what the patient shares with one party is not the
  // business of the others.
  for (const consent of CONSENTS) {
    await tx.consent.create({
      data: {
        workspaceId,
        party: consent.party,
        categories: consent.categories,
        kind: 'SECRECY_WAIVER',
        legalNote:
          'Anna har samtyckt till att uppgifterna i de valda kategorierna delas med ' +
          'parten i detta ärende (sekretessgenombrytande samtycke, OSL 12 kap. 2 §).',
        grantedById: userId.anna,
      },
    });
  }

  const planId = await seedDraftPlan(tx, {
    workspaceId,
    today,
    sickPeriodStart,
    chefUserId: userId.chef,
    chefName: DEMO_USER_BY_KEY.chef.name,
    coordinatorUserId: userId.koordinator,
    coordinatorName: DEMO_USER_BY_KEY.koordinator.name,
  });
  appendEvent({
    type: 'plan.created',
    category: 'PLAN',
    actorUserId: userId.chef,
    actorParty: 'EMPLOYER',
    authorParty: 'EMPLOYER',
    subjectType: 'plan',
    subjectId: planId.plan,
    payload: { id: planId.plan, version: 1 },
  });

  // The proposed avstämningsmöte, called by FK (FK decides whether it is held).
  const meeting = await tx.meeting.create({
    data: {
      workspaceId,
      kind: 'AVSTAMNINGSMOTE',
      title: 'Avstämningsmöte om Annas återgång i arbete',
      agenda: [
        '1. Hur mår Anna och hur fungerar vardagen?',
        '2. Vad Anna kan göra i arbetet just nu, och vilket stöd hon behöver',
        '3. Planen för återgång i arbete: insatser, tider och vem som gör vad',
        '4. Nästa steg och när vi följer upp',
      ].join('\n'),
      status: 'PROPOSED',
      organiserId: userId.fk,
      organiserParty: 'FK',
      videoUrl: 'https://video.atergang.test/avstamning-anna',
    },
  });
  await tx.meetingSlot.createMany({
    data: [7, 8, 10].map((days) => {
      const date = addDays(today, days);
      return {
        workspaceId,
        meetingId: meeting.id,
        start: swedishTime(date, 9),
        end: swedishTime(date, 10),
      };
    }),
  });
  await tx.meetingInvitee.createMany({
    data: (['anna', 'chef', 'koordinator', 'fk'] as const).map((key) => ({
      workspaceId,
      meetingId: meeting.id,
      participantId: participantId[key],
    })),
  });
  appendEvent({
    type: 'meeting.created',
    category: 'MEETINGS',
    actorUserId: userId.fk,
    actorParty: 'FK',
    authorParty: 'FK',
    subjectType: 'meeting',
    subjectId: meeting.id,
    payload: { id: meeting.id, version: 1 },
  });

  // Three tasks: the employer's statutory plan deadline, one for care, one for Anna.
  const planDeadline = deadlineTasksForNewCase({
    sickPeriodStart,
    expectedLengthDays: EXPECTED_LENGTH_DAYS,
    today,
  }).find((deadline) => deadline.key === 'RETURN_TO_WORK_PLAN');
  if (!planDeadline) {
    throw new Error('The demo case expects the return-to-work plan deadline task');
  }
  const tasks: {
    data: Prisma.TaskUncheckedCreateInput;
    actorUserId: string | null;
    actorParty: Party | null;
  }[] = [
    {
      // Created by the system when the case opened, like every deadline task.
      data: {
        workspaceId,
        title: planDeadline.titleSv,
        description:
          'Planen ska vara klar senast dag 30 när arbetsförmågan väntas vara nedsatt i minst ' +
          `60 dagar (${planDeadline.legalSource}). Ett utkast finns i planen.`,
        status: 'IN_PROGRESS',
        assigneeParty: 'EMPLOYER',
        assigneeParticipantId: participantId.chef,
        dueDate: dateOnly(planDeadline.dueDate),
        deadlineKey: planDeadline.key,
        createdById: null,
        createdByParty: null,
      },
      actorUserId: null,
      actorParty: null,
    },
    {
      data: {
        workspaceId,
        title: 'Stäm av de anpassade arbetsuppgifterna med Annas chef',
        description: 'Ring Maria och gå igenom hur de nya arbetsuppgifterna ska se ut.',
        assigneeParty: 'CARE',
        assigneeParticipantId: participantId.koordinator,
        dueDate: dateOnly(addDays(today, 5)),
        measureId: planId.coordinationMeasure,
        createdById: userId.koordinator,
        createdByParty: 'CARE',
      },
      actorUserId: userId.koordinator,
      actorParty: 'CARE',
    },
    {
      data: {
        workspaceId,
        title: 'Svara på vilka tider du kan till avstämningsmötet',
        description: 'Välj de tider som passar dig. Mötet hålls med video.',
        assigneeParty: 'PATIENT',
        assigneeParticipantId: participantId.anna,
        dueDate: dateOnly(addDays(today, 3)),
        meetingId: meeting.id,
        createdById: userId.fk,
        createdByParty: 'FK',
      },
      actorUserId: userId.fk,
      actorParty: 'FK',
    },
  ];
  for (const task of tasks) {
    const created = await tx.task.create({ data: task.data });
    appendEvent({
      type: 'task.created',
      category: 'TASKS',
      actorUserId: task.actorUserId,
      actorParty: task.actorParty,
      authorParty: created.createdByParty,
      assigneeParty: created.assigneeParty,
      assigneeParticipantId: created.assigneeParticipantId,
      subjectType: 'task',
      subjectId: created.id,
      payload: { id: created.id, version: created.version },
    });
  }

  // The event log: seq 1..n without gaps, and the workspace's counter at n.
  await tx.workspaceEvent.createMany({ data: events });
  await tx.workspace.update({ where: { id: workspaceId }, data: { lastEventSeq: seq } });
}

interface DraftPlanInput {
  workspaceId: string;
  today: IsoDate;
  sickPeriodStart: IsoDate;
  chefUserId: string;
  chefName: string;
  coordinatorUserId: string;
  coordinatorName: string;
}

interface MeasureSeed {
  ownerParty: Party;
  kind: MeasureKind;
  category: 'PLAN' | 'MEDICAL';
  title: string;
  description: string;
  responsibleName: string;
  startDate: IsoDate;
  endDate: IsoDate;
  status: 'PLANNED' | 'IN_PROGRESS';
  followUpDate: IsoDate;
}

/** Anna's draft plan, version 1, with its measures, sick-leave steps, follow-up and revision 1. */
async function seedDraftPlan(
  tx: Prisma.TransactionClient,
  input: DraftPlanInput,
): Promise<{ plan: string; coordinationMeasure: string }> {
  const { workspaceId, today } = input;
  const expectedReturnDate = addDays(input.sickPeriodStart, EXPECTED_LENGTH_DAYS);
  const step75From = addDays(today, 14);
  const step50From = addDays(today, 35);

  const plan = await tx.plan.create({
    data: {
      workspaceId,
      version: 1,
      goal: 'Anna är tillbaka i sitt arbete som undersköterska i hemtjänsten, på heltid.',
      expectedReturnDate: dateOnly(expectedReturnDate),
      expectedReturnBasis:
        'Läkarens bedömning och Annas egen bedömning: en gradvis återgång över två till tre ' +
        'månader, med anpassade arbetsuppgifter i början.',
      contactArrangements:
        'Maria (chef) ringer Anna varannan måndag. Anna hör av sig till Sara (rehabkoordinator) ' +
        'om något inte fungerar.',
      patientView:
        'Jag vill tillbaka till jobbet, men börja lugnt och utan att arbeta ensam de första veckorna.',
      createdById: input.chefUserId,
      updatedById: input.chefUserId,
    },
  });

  const measures: MeasureSeed[] = [
    {
      ownerParty: 'EMPLOYER',
      kind: 'WORKPLACE_ADAPTATION',
      category: 'PLAN',
      title: 'Anpassade arbetsuppgifter: planering på kontoret och färre hembesök',
      description:
        'Anna börjar med planering och dokumentation på kontoret och gör inga besök ensam. ' +
        'Antalet hembesök ökar stegvis när hon känner sig redo.',
      responsibleName: input.chefName,
      startDate: step75From,
      endDate: addDays(step75From, 8 * 7),
      status: 'PLANNED',
      followUpDate: addDays(step75From, 14),
    },
    {
      ownerParty: 'CARE',
      kind: 'COORDINATION',
      category: 'PLAN',
      title: 'Samordning mellan vården, arbetsgivaren och Försäkringskassan',
      description:
        'Sara håller ihop kontakterna så att alla vet vad som gäller och planen följs upp.',
      responsibleName: input.coordinatorName,
      startDate: addDays(today, -7),
      endDate: expectedReturnDate,
      status: 'IN_PROGRESS',
      followUpDate: addDays(today, 28),
    },
    {
      ownerParty: 'CARE',
      kind: 'TREATMENT',
      category: 'MEDICAL',
      title: 'Samtalsbehandling hos psykolog, tio tillfällen',
      description:
        'KBT-behandling för stressrelaterad ohälsa, en gång i veckan. ' +
        'Läkaren följer upp sömn och ork vid nästa besök.',
      responsibleName: 'Psykolog på Vårdcentralen Linden',
      startDate: addDays(today, -3),
      endDate: addDays(today, 67),
      status: 'IN_PROGRESS',
      followUpDate: addDays(today, 21),
    },
  ];
  const createdMeasures: { seed: MeasureSeed; row: PlanMeasure }[] = [];
  for (const [position, measure] of measures.entries()) {
    createdMeasures.push({
      seed: measure,
      row: await tx.planMeasure.create({
        data: {
          workspaceId,
          planId: plan.id,
          ...measure,
          startDate: dateOnly(measure.startDate),
          endDate: dateOnly(measure.endDate),
          followUpDate: dateOnly(measure.followUpDate),
          position,
          createdById:
            measure.ownerParty === 'EMPLOYER' ? input.chefUserId : input.coordinatorUserId,
        },
      }),
    });
  }

  // Graded return: 100 % -> 75 % -> 50 %, then back at work on the expected return date.
  const steps = [
    { degree: 100, fromDate: input.sickPeriodStart, toDate: addDays(step75From, -1) },
    { degree: 75, fromDate: step75From, toDate: addDays(step50From, -1) },
    { degree: 50, fromDate: step50From, toDate: addDays(expectedReturnDate, -1) },
  ];
  await tx.sickLeaveStep.createMany({
    data: steps.map((step, position) => ({
      workspaceId,
      planId: plan.id,
      degree: step.degree,
      fromDate: dateOnly(step.fromDate),
      toDate: dateOnly(step.toDate),
      position,
    })),
  });

  const followUp = {
    date: addDays(step75From, 14),
    description: 'Uppföljning av planen: hur fungerar 75 % och de anpassade arbetsuppgifterna?',
    ownerParty: 'EMPLOYER',
    done: false,
  } as const;
  await tx.planFollowUp.create({
    data: { workspaceId, planId: plan.id, ...followUp, date: dateOnly(followUp.date), position: 0 },
  });

  // Revision 1: the whole plan as saved, the shape GET .../plan/revisions/1 serves.
  const snapshot: Prisma.InputJsonObject = {
    version: 1,
    goal: plan.goal,
    expectedReturnDate,
    expectedReturnBasis: plan.expectedReturnBasis,
    contactArrangements: plan.contactArrangements,
    patientView: plan.patientView,
    measures: createdMeasures.map(({ seed, row }) => ({
      id: row.id,
      position: row.position,
      ...seed,
    })),
    sickLeaveSteps: steps,
    followUps: [followUp],
  };
  await tx.planRevision.create({
    data: {
      workspaceId,
      planId: plan.id,
      number: 1,
      snapshot,
      diff: { previous: null, changed: Object.keys(snapshot).filter((key) => key !== 'version') },
      authorId: input.chefUserId,
      authorParty: 'EMPLOYER',
    },
  });

  const coordination = createdMeasures.find(({ seed }) => seed.kind === 'COORDINATION');
  if (!coordination) throw new Error('The coordination measure was not created');
  return { plan: plan.id, coordinationMeasure: coordination.row.id };
}
