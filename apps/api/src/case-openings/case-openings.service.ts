import { Injectable } from '@nestjs/common';
import type {
  AcceptCaseOpeningResponse,
  CaseOpeningLookup,
  CaseOpeningView,
  CreateWorkspaceRequest,
  Party,
} from '@atergang/contracts';
import { parsePersonnummer } from '@atergang/domain';
import type { AnonymousActor } from '../audit/audit.service';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/auth.types';
import { PasswordHasher } from '../auth/password-hasher';
import { assertAcceptablePassword } from '../auth/password-policy';
import { type IssuedSession, SessionService } from '../auth/session.service';
import { fromIsoDate } from '../common/calendar';
import { hashLinkToken, newLinkToken } from '../common/link-token';
import type { RequestOrigin as Origin } from '../common/request-origin.decorator';
import { appLink, MAIL_LINKS } from '../mail/mail-links';
import { MailOutbox } from '../mail/mail-outbox';
import { TransactionRunner, type UnitOfWork } from '../prisma/transaction';
import { invalidPersonnummer } from '../workspaces/workspaces.errors';
import { WorkspacesService } from '../workspaces/workspaces.service';
import {
  caseOpeningNotFound,
  notYours,
  openerGone,
  openingNotFoundById,
  signInToAnswer,
} from './case-openings.errors';
import { toCaseOpening, toLookup } from './case-openings.mapper';
import { type CaseOpeningRow, CaseOpeningsRepository } from './case-openings.repository';

/** A request to open a case waits this long for the person's answer. */
const CASE_OPENING_TTL_MS = 14 * 24 * 60 * 60_000;

/**
 * Opening a case for a person (issue 12, hole 2). Staff ask; the person answers through her
 * own link (or signed in with e-ID); only then is the workspace created and anything of hers
 * shown. The opener's answer is the same whether or not she already has an account, and never
 * holds her name or id: only what the opener typed.
 */
@Injectable()
export class CaseOpeningsService {
  constructor(
    private readonly repository: CaseOpeningsRepository,
    private readonly transactions: TransactionRunner,
    private readonly workspaces: WorkspacesService,
    private readonly audit: AuditService,
    private readonly mail: MailOutbox,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
  ) {}

  /**
   * POST /api/workspaces: asks the person; 202 with the pending opening. A follow-up of a
   * closed case (POST /workspaces/:id/follow-up-case) is asked the same way, linked to it.
   */
  request(
    user: AuthenticatedUser,
    origin: Origin,
    request: CreateWorkspaceRequest,
    link: { readonly previousWorkspaceId: string } | null = null,
  ): Promise<CaseOpeningView> {
    return this.transactions.run(async (unit) => {
      const { tx } = unit;
      const personnummer = parsePersonnummer(request.patientPersonnummer);
      if (!personnummer.ok) {
        throw invalidPersonnummer();
      }
      const opening = await this.workspaces.resolveOpener(tx, user, request);
      const { token, hash } = newLinkToken();
      const row = await this.repository.create(tx, {
        personnummer: personnummer.value.normalised,
        patientName: request.patientName,
        patientEmail: request.patientEmail,
        actingOrganisationId: opening.organisation.id,
        creatorRole: opening.role,
        employerOrganisationId: opening.employerOrganisationId,
        sickPeriodStart: fromIsoDate(request.sickPeriodStart),
        earlierSickDays: request.earlierSickDays ?? 0,
        expectedLengthDays: request.expectedLengthDays ?? null,
        sickLeaveDegree: request.sickLeaveDegree ?? null,
        tokenHash: hash,
        createdById: user.id,
        expiresAt: new Date(Date.now() + CASE_OPENING_TTL_MS),
        previousWorkspaceId: link?.previousWorkspaceId ?? null,
      });
      // An existing person is asked at her own address, in her own language; the address
      // the opener typed is used only for someone with no account (it never becomes the
      // identity of an existing person).
      const person = await this.repository.personByPersonnummer(tx, row.personnummer);
      await this.mail.enqueue(tx, {
        kind: 'case-opening',
        to: person?.email ?? row.patientEmail,
        language: person?.language === 'en' ? 'en' : 'sv',
        params: {
          openerName: user.name,
          organisationName: opening.organisation.name,
          link: appLink(MAIL_LINKS.caseOpening, token),
          expiresAt: row.expiresAt,
        },
      });
      await this.audit.record(
        this.actorOf(user, origin, opening.party, opening.organisation.id),
        {
          action: 'case-opening.requested',
          resourceType: 'CaseOpening',
          resourceId: row.id,
          outcome: 'ALLOWED',
        },
        unit,
      );
      return toCaseOpening(row);
    });
  }

  async mine(user: AuthenticatedUser, origin: Origin): Promise<CaseOpeningView[]> {
    const rows = await this.repository.byOpener(user.id);
    await this.audit.record(this.actorOf(user, origin, null, null), {
      action: 'case-opening.listed',
      resourceType: 'CaseOpening',
      outcome: 'ALLOWED',
    });
    return rows.map(toCaseOpening);
  }

  /** The opener takes back a request not yet answered. */
  async withdraw(user: AuthenticatedUser, origin: Origin, openingId: string): Promise<void> {
    await this.transactions.run(async (unit) => {
      const row = await this.repository.pendingByIdForUpdate(unit.tx, openingId);
      if (!row || row.createdById !== user.id) {
        throw openingNotFoundById();
      }
      await this.repository.decide(unit.tx, row.id, 'WITHDRAWN');
      await this.audit.record(
        this.actorOf(user, origin, null, row.actingOrganisationId),
        {
          action: 'case-opening.withdrawn',
          resourceType: 'CaseOpening',
          resourceId: row.id,
          outcome: 'ALLOWED',
        },
        unit,
      );
    });
  }

  /** What the person's link is about (for her answer page); nothing of hers in it. */
  async lookUp(origin: Origin, token: string): Promise<CaseOpeningLookup> {
    const row = await this.repository.pendingByToken(hashLinkToken(token));
    if (!row) {
      throw caseOpeningNotFound();
    }
    const accountExists = await this.accountExistsFor(row);
    await this.audit.record(this.anonymous(origin), {
      action: 'case-opening.looked-up',
      resourceType: 'CaseOpening',
      resourceId: row.id,
      outcome: 'ALLOWED',
    });
    return toLookup(row, accountExists);
  }

  /** The signed-in person accepts the request her link holds. */
  async acceptByToken(
    user: AuthenticatedUser,
    origin: Origin,
    token: string,
  ): Promise<AcceptCaseOpeningResponse> {
    const workspaceId = await this.transactions.run(async (unit) => {
      const row = await this.repository.pendingByTokenForUpdate(unit.tx, hashLinkToken(token));
      if (!row) throw caseOpeningNotFound();
      return this.acceptAsSignedIn(unit, user, origin, row);
    });
    return { workspaceId };
  }

  /** Requests for the signed-in person (her personnummer from e-ID), not yet answered. */
  async forMe(user: AuthenticatedUser, origin: Origin): Promise<CaseOpeningLookup[]> {
    const person = await this.repository.userForAnswer(undefined, user.id);
    if (!person?.personnummer) return [];
    const rows = await this.repository.pendingFor(person.personnummer);
    await this.audit.record(
      { userId: user.id, name: user.name, party: 'PATIENT', organisationId: null, ...origin },
      { action: 'case-opening.listed', resourceType: 'CaseOpening', outcome: 'ALLOWED' },
    );
    return rows.map((row) => toLookup(row, true));
  }

  /** The signed-in person (e-ID) accepts a request for her by its id. */
  async acceptById(
    user: AuthenticatedUser,
    origin: Origin,
    openingId: string,
  ): Promise<AcceptCaseOpeningResponse> {
    const workspaceId = await this.transactions.run(async (unit) => {
      const row = await this.repository.pendingByIdForUpdate(unit.tx, openingId);
      const person = await this.repository.userForAnswer(unit.tx, user.id);
      // Only her own: by id, a request is found for the person it names, never by e-mail.
      if (!row || !person?.personnummer || person.personnummer !== row.personnummer) {
        throw openingNotFoundById();
      }
      return this.acceptAsSignedIn(unit, user, origin, row);
    });
    return { workspaceId };
  }

  /**
   * A person with no account answers yes from her link: her account is created with the
   * password she chose (at the address the request was sent to) and she is signed in.
   */
  async register(
    origin: Origin,
    token: string,
    password: string,
    userAgent: string | null,
  ): Promise<{ response: AcceptCaseOpeningResponse; session: IssuedSession }> {
    const { workspaceId, user } = await this.transactions.run(async (unit) => {
      const row = await this.repository.pendingByTokenForUpdate(unit.tx, hashLinkToken(token));
      if (!row) throw caseOpeningNotFound();
      if (await this.accountExistsFor(row, unit)) {
        throw signInToAnswer();
      }
      assertAcceptablePassword(password, 'password', [row.patientName, row.patientEmail]);
      const person = await this.repository.createPerson(unit.tx, {
        personnummer: row.personnummer,
        name: row.patientName,
        email: row.patientEmail,
        passwordHash: await this.hasher.hash(password),
      });
      const id = await this.open(unit, person, origin, row);
      return { workspaceId: id, user: person };
    });
    const session = await this.sessions.start(user, userAgent);
    return {
      response: { workspaceId, accessToken: session.accessToken, expiresIn: session.expiresIn },
      session,
    };
  }

  /** The person says no: nothing is created, the opener sees the request declined. */
  async decline(origin: Origin, token: string): Promise<void> {
    await this.transactions.run(async (unit) => {
      const row = await this.repository.pendingByTokenForUpdate(unit.tx, hashLinkToken(token));
      if (!row) throw caseOpeningNotFound();
      await this.repository.decide(unit.tx, row.id, 'DECLINED');
      await this.audit.record(
        this.anonymous(origin),
        {
          action: 'case-opening.declined',
          resourceType: 'CaseOpening',
          resourceId: row.id,
          outcome: 'ALLOWED',
        },
        unit,
      );
    });
  }

  private async acceptAsSignedIn(
    unit: UnitOfWork,
    user: AuthenticatedUser,
    origin: Origin,
    row: CaseOpeningRow,
  ): Promise<string> {
    const person = await this.repository.userForAnswer(unit.tx, user.id);
    if (!person) throw notYours();
    if (person.personnummer !== row.personnummer) {
      // An account without a personnummer, at the very address the request went to (she
      // opened the link there), becomes hers, unless someone else already holds the number.
      const holder = await this.repository.personByPersonnummer(unit.tx, row.personnummer);
      const sameAddress = person.email === row.patientEmail;
      if (person.personnummer !== null || holder !== null || !sameAddress) {
        throw notYours();
      }
      await this.repository.linkPersonnummer(unit.tx, person.id, row.personnummer);
    }
    return this.open(unit, person, origin, row);
  }

  /** Creates the workspace the request describes, with her as its patient. */
  private async open(
    unit: UnitOfWork,
    person: { id: string; name: string; email: string },
    origin: Origin,
    row: CaseOpeningRow,
  ): Promise<string> {
    if (
      !(await this.repository.openerStillMember(
        unit.tx,
        row.createdById,
        row.actingOrganisationId,
        row.creatorRole,
      ))
    ) {
      throw openerGone();
    }
    await this.repository.decide(unit.tx, row.id, 'ACCEPTED');
    const workspaceId = await this.workspaces.openWorkspaceInUnit(unit, origin, {
      id: row.id,
      patientUserId: person.id,
      opener: {
        user: row.createdBy,
        organisationId: row.actingOrganisation.id,
        organisationKind: row.actingOrganisation.kind,
        role: row.creatorRole,
      },
      employerOrganisationId: row.employerOrganisationId,
      sickPeriodStart: row.sickPeriodStart,
      earlierSickDays: row.earlierSickDays,
      expectedLengthDays: row.expectedLengthDays,
      sickLeaveDegree: row.sickLeaveDegree,
      previousWorkspaceId: row.previousWorkspaceId,
    });
    await this.audit.record(
      {
        userId: person.id,
        name: person.name,
        party: 'PATIENT',
        organisationId: null,
        ...origin,
      },
      {
        action: 'case-opening.accepted',
        resourceType: 'CaseOpening',
        resourceId: row.id,
        workspaceId,
        outcome: 'ALLOWED',
      },
      unit,
    );
    return workspaceId;
  }

  /** Whether answering needs signing in: she has an account, or the address has one. */
  private async accountExistsFor(row: CaseOpeningRow, unit?: UnitOfWork): Promise<boolean> {
    const person = await this.repository.personByPersonnummer(unit?.tx, row.personnummer);
    if (person) return true;
    return (await this.repository.accountByEmail(unit?.tx, row.patientEmail)) !== null;
  }

  private actorOf(
    user: AuthenticatedUser,
    origin: Origin,
    party: Party | null,
    organisationId: string | null,
  ) {
    return { userId: user.id, name: user.name, party, organisationId, ...origin };
  }

  private anonymous(origin: Origin): AnonymousActor {
    return { userId: null, ...origin };
  }
}
