import { Injectable } from '@nestjs/common';
import type { Category, Party, WorkspaceEventView } from '@atergang/contracts';

/**
 * A committed event as live delivery needs it: the view REST returns for it, and the
 * fields the ability's WorkspaceEvent rules decide visibility by.
 */
export interface CommittedEvent {
  readonly view: WorkspaceEventView;
  readonly visibility: EventVisibilityFields;
}

export interface EventVisibilityFields {
  readonly workspaceId: string;
  readonly category: Category | null;
  readonly actorParty: Party | null;
  readonly authorParty: Party | null;
  readonly assigneeParty: Party | null;
  readonly assigneeParticipantId: string | null;
}

export type CommittedEventsListener = (events: readonly CommittedEvent[]) => Promise<void>;

/**
 * Where the event log announces events after their transaction committed. The live module
 * listens; the events module does not depend on it (no module cycle), and with no listener
 * (a CLI, a test without sockets) nothing happens.
 */
@Injectable()
export class CommittedEvents {
  private readonly listeners: CommittedEventsListener[] = [];

  listen(listener: CommittedEventsListener): void {
    this.listeners.push(listener);
  }

  get hasListeners(): boolean {
    return this.listeners.length > 0;
  }

  async announce(events: readonly CommittedEvent[]): Promise<void> {
    for (const listener of this.listeners) {
      await listener(events);
    }
  }
}
