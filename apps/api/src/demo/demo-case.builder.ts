import { Injectable } from '@nestjs/common';
import type { MeasureKind, PlanView } from '@atergang/contracts';
import { addDays, type IsoDate, toIsoDate } from '@atergang/domain';
import { Algorithm, hash } from '@node-rs/argon2';
import { AccessService } from '../access/access.service';
import type { WorkspaceAccess } from '../access/access.types';
import type { AuthenticatedUser } from '../auth/auth.types';
import { ConsentsService } from '../consents/consents.service';
import { MeetingsService } from '../meetings/meetings.service';
import { PlanService } from '../plan/plan.service';
import { TransactionRunner, type UnitOfWork } from '../prisma/transaction';
import { TasksService } from '../tasks/tasks.service';
import { InvitationsService } from '../workspaces/invitations.service';
import { WorkspacesService } from '../workspaces/workspaces.service';
import {
  CONSENTS,
  DEMO_PASSWORD,
  DEMO_USER_KEYS,
  type DemoUserKey,
  type OrganisationKey,
} from './demo-case.seed';
import { type DemoDirectory, DemoDirectoryRepository } from './demo-directory.repository';

// @node-rs/argon2 declares Algorithm as a `const enum` without a runtime object: tsc inlines
// Argon2id (2), while SWC (jest) leaves `undefined`, which selects the library's default,
// also Argon2id. Either way the hash starts with `$argon2id$` (the int-spec checks it).
const ARGON2ID_OPTIONS = { algorithm: Algorithm.Argon2id };

const SICK_DAYS_BEFORE_TODAY = 40;
const EXPECTED_LENGTH_DAYS = 120;
/** The demo case came to Återgång after the employer had reported it to FK (day 21). */
const OPEN_DEADLINES: ReadonlySet<string> = new Set(['RETURN_TO_WORK_PLAN']);

const ORIGIN = { requestId: 'demo-seed', ip: null };

/** The instant of a wall-clock time in Sweden (Europe/Stockholm, CET/CEST) on `date`. */
function swedishTime(date: IsoDate, hour: number): string {
  const asIfUtc = Date.UTC(
    Number(date.slice(0, 4)),
    Number(date.slice(5, 7)) - 1,
    Number(date.slice(8, 10)),
    hour,
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
  const wallClock = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
  );
  return new Date(asIfUtc - (wallClock - asIfUtc)).toISOString();
}

let passwordHashes: Promise<Map<DemoUserKey, string>> | undefined;

/**
 * The demo users' password hashes, each with its own salt. Hashing is deliberately slow, so
 * it happens before the transaction, and once per process (the tests build the demo case
 * in many databases).
 */
function demoPasswordHashes(): Promise<Map<DemoUserKey, string>> {
  passwordHashes ??= Promise.all(
    DEMO_USER_KEYS.map(async (key) => [key, await hash(DEMO_PASSWORD, ARGON2ID_OPTIONS)] as const),
  ).then((entries) => new Map(entries));
  return passwordHashes;
}

/** One demo person acting in the case, with the access the guard would give them. */
interface Actor {
  readonly user: AuthenticatedUser;
  readonly access: WorkspaceAccess;
}

/**
 * Builds contract.md's demo case the way people would: the coordinator opens it, Anna and
 * the others bring the parties in by invitation, Anna gives her consents, each party writes
 * its own part of the plan, FK proposes an avstämningsmöte, tasks are given. Every step goes
 * through the production services, in one unit of work: all of it commits, or nothing.
 * Every date is derived from `today`, so the case always reads "sick since 40 days".
 * Idempotent and safe with several instances booting at once (an advisory lock, and
 * nothing is done when the demo patient already exists).
 */
@Injectable()
export class DemoCaseBuilder {
  constructor(
    private readonly directory: DemoDirectoryRepository,
    private readonly transactions: TransactionRunner,
    private readonly access: AccessService,
    private readonly workspaces: WorkspacesService,
    private readonly invitations: InvitationsService,
    private readonly consents: ConsentsService,
    private readonly plan: PlanService,
    private readonly meetings: MeetingsService,
    private readonly tasks: TasksService,
  ) {}

  async seed(now: Date): Promise<{ seeded: boolean }> {
    if (await this.directory.demoPatientExists()) return { seeded: false };
    const hashes = await demoPasswordHashes();
    return this.transactions.run(async (unit) => {
      await this.directory.lock(unit.tx);
      if (await this.directory.demoPatientExists(unit.tx)) return { seeded: false };
      const directory = await this.directory.create(unit.tx, hashes);
      await this.buildCase(unit, directory, toIsoDate(now));
      return { seeded: true };
    });
  }

  private async buildCase(unit: UnitOfWork, directory: DemoDirectory, today: IsoDate) {
    const sickPeriodStart = addDays(today, -SICK_DAYS_BEFORE_TODAY);
    const { organisations } = directory;

    // The rehabilitation coordinator opens the case at 100 % sick leave.
    const workspaceId = await this.workspaces.openDemoCaseInUnit(
      unit,
      directory.users.koordinator,
      ORIGIN,
      {
        patientUserId: directory.users.anna.id,
        actingOrganisationId: organisations.linden,
        employerOrganisationId: organisations.solbacka,
        sickPeriodStart,
        expectedLengthDays: EXPECTED_LENGTH_DAYS,
        sickLeaveDegree: 100,
      },
      (key) => OPEN_DEADLINES.has(key),
    );
    const actor = async (key: DemoUserKey): Promise<Actor> => {
      const user = directory.users[key];
      const access = await this.access.forWorkspace(workspaceId, user, ORIGIN, unit.tx);
      if (!access) throw new Error(`the demo's ${key} does not take part in the case`);
      return { user, access };
    };
    const bringIn = async (
      inviter: DemoUserKey,
      invitee: DemoUserKey,
      party: 'EMPLOYER' | 'CARE' | 'FK' | 'AF',
      organisation: OrganisationKey,
    ) => {
      const invitation = await this.invitations.inviteInUnit(unit, (await actor(inviter)).access, {
        email: directory.users[invitee].email,
        party,
        organisationId: organisations[organisation],
      });
      // Another organisation's participation is Anna's decision (FK bringing in AF).
      if (invitation.status === 'AWAITING_PATIENT') {
        await this.invitations.approveInUnit(unit, (await actor('anna')).access, invitation.id);
      }
      const joined = await this.invitations.acceptInUnit(unit, directory.users[invitee], ORIGIN, {
        id: invitation.id,
      });
      if (joined.kind !== 'joined') throw new Error(`the demo's ${invitee} could not join`);
    };

    // The coordinator brings in the doctor; Anna her manager and FK; FK brings in AF.
    await bringIn('koordinator', 'lakare', 'CARE', 'linden');
    await bringIn('anna', 'chef', 'EMPLOYER', 'solbacka');
    await bringIn('anna', 'fk', 'FK', 'fk');
    await bringIn('fk', 'af', 'AF', 'af');

    // Anna's sharing consents: specific secrecy waivers per party and category (none for AF).
    const anna = await actor('anna');
    for (const consent of CONSENTS) {
      await this.consents.grantInUnit(unit, anna.access, {
        party: consent.party,
        categories: consent.categories,
      });
    }

    const plan = await this.draftPlan(unit, today, sickPeriodStart, actor, directory);
    const coordination = plan.measures.find((measure) => measure.kind === 'COORDINATION');
    if (!coordination) throw new Error('the demo plan has no coordination measure');

    // The proposed avstämningsmöte, called by FK (FK decides whether it is held).
    const fk = await actor('fk');
    const koordinator = await actor('koordinator');
    const chef = await actor('chef');
    const meeting = await this.meetings.createInUnit(unit, fk.access, {
      kind: 'AVSTAMNINGSMOTE',
      title: 'Avstämningsmöte om Annas återgång i arbete',
      agenda: [
        '1. Hur mår Anna och hur fungerar vardagen?',
        '2. Vad Anna kan göra i arbetet just nu, och vilket stöd hon behöver',
        '3. Planen för återgång i arbete: insatser, tider och vem som gör vad',
        '4. Nästa steg och när vi följer upp',
      ].join('\n'),
      participantIds: [
        anna.access.participantId,
        chef.access.participantId,
        koordinator.access.participantId,
      ],
      slots: [7, 8, 10].map((days) => ({
        start: swedishTime(addDays(today, days), 9),
        end: swedishTime(addDays(today, days), 10),
      })),
      videoUrl: 'https://video.atergang.test/avstamning-anna',
    });

    // Three tasks: the employer's statutory plan deadline (in progress), one for care, one
    // for Anna.
    const deadline = await this.tasks.deadlineTask(unit, chef.access, 'RETURN_TO_WORK_PLAN');
    if (!deadline) throw new Error('the demo case has no plan deadline task');
    await this.tasks.updateInUnit(unit, chef.access, deadline.id, {
      version: deadline.version,
      status: 'IN_PROGRESS',
    });
    await this.tasks.createInTransaction(unit, koordinator.access, {
      title: 'Stäm av de anpassade arbetsuppgifterna med Annas chef',
      description: 'Ring Maria och gå igenom hur de nya arbetsuppgifterna ska se ut.',
      dueDate: addDays(today, 5),
      assigneeParticipantId: koordinator.access.participantId,
      measureId: coordination.id,
    });
    await this.tasks.createInTransaction(unit, fk.access, {
      title: 'Svara på vilka tider du kan till avstämningsmötet',
      description: 'Välj de tider som passar dig. Mötet hålls med video.',
      dueDate: addDays(today, 3),
      assigneeParticipantId: anna.access.participantId,
      meetingId: meeting.id,
    });
  }

  /**
   * Anna's draft plan, each part by its owner: the employer's goal, return date, contact
   * and follow-up with its workplace adaptation; care's coordination and (medical)
   * treatment; the doctor's graded sick-leave steps; Anna's own view.
   */
  private async draftPlan(
    unit: UnitOfWork,
    today: IsoDate,
    sickPeriodStart: IsoDate,
    actor: (key: DemoUserKey) => Promise<Actor>,
    directory: DemoDirectory,
  ): Promise<PlanView> {
    const expectedReturnDate = addDays(sickPeriodStart, EXPECTED_LENGTH_DAYS);
    const step75From = addDays(today, 14);
    const step50From = addDays(today, 35);
    const save = async (
      key: DemoUserKey,
      request: Parameters<PlanService['saveInUnit']>[2],
    ): Promise<PlanView> => {
      const { access } = await actor(key);
      const version = await this.plan.versionSeenBy(access, unit);
      return this.plan.saveInUnit(unit, access, request, version);
    };
    const measure = (
      kind: MeasureKind,
      category: 'PLAN' | 'MEDICAL',
      fields: {
        title: string;
        description: string;
        responsibleName: string;
        startDate: IsoDate;
        endDate: IsoDate;
        status: 'PLANNED' | 'IN_PROGRESS';
        followUpDate: IsoDate;
      },
    ) => ({ kind, category, ...fields });

    await save('chef', {
      goal: 'Anna är tillbaka i sitt arbete som undersköterska i hemtjänsten, på heltid.',
      expectedReturnDate,
      expectedReturnBasis:
        'Läkarens bedömning och Annas egen bedömning: en gradvis återgång över två till tre ' +
        'månader, med anpassade arbetsuppgifter i början.',
      contactArrangements:
        'Maria (chef) ringer Anna varannan måndag. Anna hör av sig till Sara (rehabkoordinator) ' +
        'om något inte fungerar.',
      followUps: [
        {
          date: addDays(step75From, 14),
          description:
            'Uppföljning av planen: hur fungerar 75 % och de anpassade arbetsuppgifterna?',
          ownerParty: 'EMPLOYER',
        },
      ],
      measures: [
        measure('WORKPLACE_ADAPTATION', 'PLAN', {
          title: 'Anpassade arbetsuppgifter: planering på kontoret och färre hembesök',
          description:
            'Anna börjar med planering och dokumentation på kontoret och gör inga besök ensam. ' +
            'Antalet hembesök ökar stegvis när hon känner sig redo.',
          responsibleName: directory.users.chef.name,
          startDate: step75From,
          endDate: addDays(step75From, 8 * 7),
          status: 'PLANNED',
          followUpDate: addDays(step75From, 14),
        }),
      ],
    });
    await save('koordinator', {
      measures: [
        measure('COORDINATION', 'PLAN', {
          title: 'Samordning mellan vården, arbetsgivaren och Försäkringskassan',
          description:
            'Sara håller ihop kontakterna så att alla vet vad som gäller och planen följs upp.',
          responsibleName: directory.users.koordinator.name,
          startDate: addDays(today, -7),
          endDate: expectedReturnDate,
          status: 'IN_PROGRESS',
          followUpDate: addDays(today, 28),
        }),
        measure('TREATMENT', 'MEDICAL', {
          title: 'Samtalsbehandling hos psykolog, tio tillfällen',
          description:
            'KBT-behandling för stressrelaterad ohälsa, en gång i veckan. ' +
            'Läkaren följer upp sömn och ork vid nästa besök.',
          responsibleName: 'Psykolog på Vårdcentralen Linden',
          startDate: addDays(today, -3),
          endDate: addDays(today, 67),
          status: 'IN_PROGRESS',
          followUpDate: addDays(today, 21),
        }),
      ],
    });
    // Graded return, the doctor's decision: 100 % -> 75 % -> 50 %, then back at work.
    await save('lakare', {
      sickLeaveSteps: [
        { degree: 100, fromDate: sickPeriodStart, toDate: addDays(step75From, -1) },
        { degree: 75, fromDate: step75From, toDate: addDays(step50From, -1) },
        { degree: 50, fromDate: step50From, toDate: addDays(expectedReturnDate, -1) },
      ],
    });
    return save('anna', {
      patientView:
        'Jag vill tillbaka till jobbet, men börja lugnt och utan att arbeta ensam de första veckorna.',
    });
  }
}
