import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';
import type { Tx } from '../prisma/transaction';

export interface StoredPasswordReset {
  readonly id: string;
  readonly userId: string;
  readonly expiresAt: Date;
  readonly usedAt: Date | null;
}

/** Password-reset links (password_resets): stored as the SHA-256 of their token only. */
@Injectable()
export class PasswordResetRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Links the user asked for since `since` (the per-account budget). */
  countSince(tx: Tx, userId: string, since: Date): Promise<number> {
    return tx.passwordReset.count({ where: { userId, createdAt: { gt: since } } });
  }

  /** Voids the user's unused links: only the newest one works. */
  async voidUnused(tx: Tx, userId: string, now: Date): Promise<void> {
    await tx.passwordReset.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
  }

  async create(
    tx: Tx,
    reset: { userId: string; tokenHash: string; createdAt: Date; expiresAt: Date },
  ): Promise<void> {
    await tx.passwordReset.create({ data: reset, select: { id: true } });
  }

  /** A first look without a lock (to know whose password policy applies). */
  findByHash(tokenHash: string): Promise<StoredPasswordReset | null> {
    return this.prisma.passwordReset.findUnique({
      where: { tokenHash },
      select: { id: true, userId: true, expiresAt: true, usedAt: true },
    });
  }

  /** Locks the link so that two concurrent uses cannot both succeed. */
  async findByHashForUpdate(tx: Tx, tokenHash: string): Promise<StoredPasswordReset | null> {
    const rows = await tx.$queryRaw<
      { id: string; user_id: string; expires_at: Date; used_at: Date | null }[]
    >`SELECT id, user_id, expires_at, used_at FROM password_resets
      WHERE token_hash = ${tokenHash} FOR UPDATE`;
    const row = rows[0];
    return row
      ? { id: row.id, userId: row.user_id, expiresAt: row.expires_at, usedAt: row.used_at }
      : null;
  }

  async markUsed(tx: Tx, id: string, now: Date): Promise<void> {
    await tx.passwordReset.update({ where: { id }, data: { usedAt: now }, select: { id: true } });
  }
}
