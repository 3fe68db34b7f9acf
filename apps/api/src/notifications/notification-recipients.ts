import { Injectable } from '@nestjs/common';
import type { Party } from '@atergang/contracts';
import type { Tx } from '../prisma/transaction';
import type { MailRecipient } from './notification-delivery';

/** A participant of a case, as a person to tell. */
export interface CaseMember extends MailRecipient {
  readonly participantId: string;
  readonly party: Party;
}

const languageOf = (value: string): 'sv' | 'en' => (value === 'en' ? 'en' : 'sv');

/**
 * Who might be told about something in a case: its participants, by person, party or
 * invitation. Only candidates: each is judged by NotificationVisibility before anything is
 * made for them.
 */
@Injectable()
export class NotificationRecipients {
  async members(tx: Tx, workspaceId: string): Promise<CaseMember[]> {
    const rows = await tx.participant.findMany({
      where: { workspaceId, removedAt: null, user: { disabledAt: null } },
      select: {
        id: true,
        party: true,
        user: { select: { id: true, name: true, email: true, language: true } },
      },
      orderBy: { joinedAt: 'asc' },
    });
    return rows.map((row) => ({
      participantId: row.id,
      party: row.party,
      userId: row.user.id,
      name: row.user.name,
      email: row.user.email,
      language: languageOf(row.user.language),
    }));
  }

  async user(tx: Tx, where: { id: string } | { email: string }): Promise<MailRecipient | null> {
    const row = await tx.user.findFirst({
      where: 'id' in where ? { id: where.id } : { email: where.email.toLowerCase() },
      select: { id: true, name: true, email: true, language: true, disabledAt: true },
    });
    if (!row || row.disabledAt) return null;
    return {
      userId: row.id,
      name: row.name,
      email: row.email,
      language: languageOf(row.language),
    };
  }
}
