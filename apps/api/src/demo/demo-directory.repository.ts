import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';
import type { Tx } from '../prisma/transaction';
import {
  ANNA_PERSONNUMMER,
  DEMO_USER_BY_KEY,
  DEMO_USER_KEYS,
  type DemoUserKey,
  MEMBERSHIPS,
  type OrganisationKey,
  ORGANISATIONS,
  STAFF_HSA_IDS,
} from './demo-case.seed';

/** Serialises concurrent seeders (several instances booting on one empty database). */
const SEED_LOCK_KEY = 7_202_604_001n;

export interface DemoDirectory {
  readonly users: Readonly<Record<DemoUserKey, { id: string; name: string; email: string }>>;
  readonly organisations: Readonly<Record<OrganisationKey, string>>;
}

/**
 * The demo's organisations, people and their roles. There is no service for these yet
 * (onboarding is issue 12), so they are written here; everything in the case itself goes
 * through the services.
 */
@Injectable()
export class DemoDirectoryRepository {
  constructor(private readonly prisma: PrismaService) {}

  async demoPatientExists(db: Tx = this.prisma): Promise<boolean> {
    return (await db.user.count({ where: { email: DEMO_USER_BY_KEY.anna.email } })) > 0;
  }

  /** Holds the seed lock until the unit ends. */
  async lock(tx: Tx): Promise<void> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})`;
  }

  async create(tx: Tx, passwordHashes: ReadonlyMap<DemoUserKey, string>): Promise<DemoDirectory> {
    const organisations = {} as Record<OrganisationKey, string>;
    for (const key of Object.keys(ORGANISATIONS) as OrganisationKey[]) {
      organisations[key] = (await tx.organisation.create({ data: ORGANISATIONS[key] })).id;
    }
    const users = {} as Record<DemoUserKey, { id: string; name: string; email: string }>;
    for (const key of DEMO_USER_KEYS) {
      const user = DEMO_USER_BY_KEY[key];
      users[key] = await tx.user.create({
        data: {
          email: user.email,
          name: user.name,
          passwordHash: passwordHashes.get(key) ?? null,
          personnummer: key === 'anna' ? ANNA_PERSONNUMMER : null,
          hsaId: STAFF_HSA_IDS[key] ?? null,
        },
        select: { id: true, name: true, email: true },
      });
    }
    await tx.membership.createMany({
      data: MEMBERSHIPS.map((m) => ({
        userId: users[m.user].id,
        organisationId: organisations[m.organisation],
        role: m.role,
      })),
    });
    return { users, organisations };
  }
}
