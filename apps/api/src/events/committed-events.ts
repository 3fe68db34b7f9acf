import { Injectable } from '@nestjs/common';
import type { WorkspaceEventView } from '@atergang/contracts';
import type { Facets } from '../access/facets';

/**
 * A committed event as live delivery needs it: the view REST returns for it, and its facet
 * columns, which the ability's WorkspaceEvent rules decide visibility by.
 */
export interface CommittedEvent {
  readonly view: WorkspaceEventView;
  readonly visibility: EventVisibilityFields;
}

/** The event row's columns the WorkspaceEvent read rules look at. */
export interface EventVisibilityFields extends Facets {
  readonly workspaceId: string;
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
