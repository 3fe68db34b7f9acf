import { Injectable } from '@nestjs/common';
import type { Tx } from '../prisma/transaction';
import { EventsRepository, type NewWorkspaceEvent } from './events.repository';

/** The per-workspace event log: every change appends one event in its own transaction. */
@Injectable()
export class EventsService {
  constructor(private readonly repository: EventsRepository) {}

  append(tx: Tx, event: NewWorkspaceEvent): Promise<{ seq: number; at: Date }> {
    return this.repository.append(tx, event);
  }
}
