import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import type { PrismaClient } from '@prisma/client';
import request from 'supertest';
import type { Category, ConsentParty, OrganisationKind, Role } from '@atergang/contracts';
import { linkTokenFromOutbox } from './mail-links';
import { newPersonnummer } from './personnummer-factory';
import type { TestApp } from './test-app';

// A case of a test's own, built the way people would through the HTTP API: a staff member
// asks to open it for a new person, she accepts from her e-mailed link with a password, she
// brings each party in by invitation, each member accepts (their role from their
// membership), and she grants the consents asked for. Written directly: organisations,
// people and memberships (the organisations' own onboarding has its own tests), and a
// member without a case role (no API gives one a place in a case).

const PASSWORD = 'case-builder-2026';

const KIND_OF: Readonly<Record<ConsentParty, OrganisationKind>> = {
  EMPLOYER: 'EMPLOYER',
  CARE: 'CARE_UNIT',
  FK: 'FK',
  AF: 'AF',
  OCCUPATIONAL_HEALTH: 'OCCUPATIONAL_HEALTH',
};

export interface CaseMemberSpec {
  readonly party: ConsentParty;
  /** The member's role in their organisation; null: a member without a case role. */
  readonly role: Role | null;
}

export interface CaseSpec<O extends string, M extends string> {
  /** Who opens the case (a staff member of this party and role). */
  readonly opener: CaseMemberSpec & { readonly key: O };
  /** Everyone else who takes part, by key. */
  readonly members?: Readonly<Record<M, CaseMemberSpec>>;
  readonly consents?: readonly {
    readonly party: ConsentParty;
    readonly categories: readonly Category[];
  }[];
  readonly sickPeriodStart?: string;
  /** Null: opened without an expected length (not known yet). Default 90. */
  readonly expectedLengthDays?: number | null;
  /** The case's employer organisation: the opener's if it is an employer, else none. */
  readonly withEmployer?: boolean;
}

export interface CaseMember {
  readonly token: string;
  readonly userId: string;
  readonly participantId: string;
  readonly email: string;
}

export interface BuiltCase<K extends string> {
  readonly workspaceId: string;
  readonly patient: CaseMember;
  readonly members: Readonly<Record<K, CaseMember>>;
  /** An organisation of each party, created for this case. */
  readonly organisations: Readonly<Record<ConsentParty, string>>;
}

async function login(testApp: TestApp, email: string): Promise<string> {
  const response = await request(testApp.app.getHttpServer())
    .post('/api/auth/login')
    .send({ email, password: PASSWORD });
  if (response.status !== 200) {
    throw new Error(
      `login as ${email} failed: ${response.status} ${JSON.stringify(response.body)}`,
    );
  }
  return (response.body as { accessToken: string }).accessToken;
}

export async function buildCase<O extends string, M extends string = never>(
  testApp: TestApp,
  prisma: PrismaClient,
  spec: CaseSpec<O, M>,
): Promise<BuiltCase<O | M>> {
  type K = O | M;
  const http = () => request(testApp.app.getHttpServer());
  const tag = randomUUID().slice(0, 8);
  const passwordHash = await hash(PASSWORD);
  const organisations = {} as Record<ConsentParty, string>;
  for (const party of Object.keys(KIND_OF) as ConsentParty[]) {
    const created = await prisma.organisation.create({
      data: { kind: KIND_OF[party], name: `${party} ${tag}` },
    });
    organisations[party] = created.id;
  }
  const person = async (key: string, spec: CaseMemberSpec) => {
    const user = await prisma.user.create({
      data: { email: `${key}-${tag}@atergang.test`, name: `${key} ${tag}`, passwordHash },
    });
    await prisma.membership.create({
      data: {
        userId: user.id,
        organisationId: organisations[spec.party],
        role: spec.role ?? 'ORG_ADMIN',
      },
    });
    return user;
  };

  const opener = await person(spec.opener.key, spec.opener);
  const openerToken = await login(testApp, opener.email);
  const patientEmail = `patient-${tag}@atergang.test`;
  const created = await http()
    .post('/api/workspaces')
    .set('authorization', `Bearer ${openerToken}`)
    .send({
      patientPersonnummer: newPersonnummer(),
      patientName: `Patient ${tag}`,
      patientEmail,
      actingOrganisationId: organisations[spec.opener.party],
      ...(spec.withEmployer && spec.opener.party !== 'EMPLOYER'
        ? { employerOrganisationId: organisations.EMPLOYER }
        : {}),
      sickPeriodStart: spec.sickPeriodStart ?? '2026-11-01',
      ...(spec.expectedLengthDays === null
        ? {}
        : { expectedLengthDays: spec.expectedLengthDays ?? 90 }),
    });
  if (created.status !== 202) {
    throw new Error(`opening the case failed: ${created.status} ${JSON.stringify(created.body)}`);
  }
  const answered = await http()
    .post('/api/case-openings/register')
    .send({
      token: await linkTokenFromOutbox(prisma, patientEmail, 'case-opening'),
      password: PASSWORD,
    });
  if (answered.status !== 200) {
    throw new Error(
      `the patient could not accept: ${answered.status} ${JSON.stringify(answered.body)}`,
    );
  }
  const workspaceId = (answered.body as { workspaceId: string }).workspaceId;
  const patientUser = await prisma.user.findUniqueOrThrow({ where: { email: patientEmail } });
  const patientToken = await login(testApp, patientEmail);

  const participantOf = async (userId: string): Promise<string> =>
    (
      await prisma.participant.findFirstOrThrow({
        where: { workspaceId, userId, removedAt: null },
      })
    ).id;

  const members = {
    [spec.opener.key]: {
      token: openerToken,
      userId: opener.id,
      participantId: await participantOf(opener.id),
      email: opener.email,
    },
  } as Record<K, CaseMember>;
  for (const [key, member] of Object.entries(spec.members ?? {}) as [M, CaseMemberSpec][]) {
    const user = await person(key, member);
    const token = await login(testApp, user.email);
    if (member.role === null) {
      await prisma.participant.create({
        data: {
          workspaceId,
          userId: user.id,
          party: member.party,
          organisationId: organisations[member.party],
          role: null,
          addedById: patientUser.id,
        },
      });
    } else {
      const invited = await http()
        .post(`/api/workspaces/${workspaceId}/invitations`)
        .set('authorization', `Bearer ${patientToken}`)
        .send({ email: user.email, organisationId: organisations[member.party] });
      if (invited.status !== 201) {
        throw new Error(
          `inviting ${key} failed: ${invited.status} ${JSON.stringify(invited.body)}`,
        );
      }
      const accepted = await http()
        .post(`/api/invitations/${(invited.body as { id: string }).id}/accept`)
        .set('authorization', `Bearer ${token}`);
      if (accepted.status !== 200) {
        throw new Error(
          `${key} could not accept: ${accepted.status} ${JSON.stringify(accepted.body)}`,
        );
      }
    }
    members[key] = {
      token,
      userId: user.id,
      participantId: await participantOf(user.id),
      email: user.email,
    };
  }
  for (const consent of spec.consents ?? []) {
    const granted = await http()
      .post(`/api/workspaces/${workspaceId}/consents`)
      .set('authorization', `Bearer ${patientToken}`)
      .send({
        party: consent.party,
        categories: consent.categories,
        ...(consent.party === 'EMPLOYER' && consent.categories.includes('MEDICAL')
          ? { confirmMedicalToEmployer: true }
          : {}),
      });
    if (granted.status !== 201) {
      throw new Error(`granting ${consent.party} failed: ${JSON.stringify(granted.body)}`);
    }
  }
  return {
    workspaceId,
    patient: {
      token: patientToken,
      userId: patientUser.id,
      participantId: await participantOf(patientUser.id),
      email: patientEmail,
    },
    members,
    organisations,
  };
}
