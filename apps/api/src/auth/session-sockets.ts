import { Injectable } from '@nestjs/common';

/** Which open sockets to close: all of a user's (maybe but one session's), or one session's. */
export type SocketTarget =
  { readonly userId: string; readonly exceptSessionId?: string } | { readonly sessionId: string };

/**
 * How sockets close. `end`: the session is over, the client is told so and does not
 * reconnect (a new handshake with its token would be refused anyway). `reauthorise`: the
 * session goes on but what the user may do changed (a membership ended); the connection
 * drops, the client reconnects by itself and is authorised afresh.
 */
export type SocketClosing = 'end' | 'reauthorise';

/** What the live module provides: closes matching sockets on every instance. */
export interface SocketCloser {
  close(target: SocketTarget, how: SocketClosing): Promise<void>;
}

/**
 * The port between sessions and live sockets. Live imports auth (for the handshake), so
 * auth cannot import live: the live module attaches its closer here at start-up
 * (live-sessions.ts), and auth asks this port. Without live (no closer), there are no
 * sockets to close.
 */
@Injectable()
export class SessionSockets {
  private closer: SocketCloser | null = null;

  attach(closer: SocketCloser): void {
    this.closer = closer;
  }

  detach(closer: SocketCloser): void {
    if (this.closer === closer) this.closer = null;
  }

  async close(target: SocketTarget, how: SocketClosing): Promise<void> {
    await this.closer?.close(target, how);
  }
}
