import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { type SocketCloser, SessionSockets } from '../auth/session-sockets';
import { LiveGateway } from './live.gateway';

/**
 * Plugs the live gateway into auth's SessionSockets port (auth cannot import live: live
 * imports auth for the handshake), so that ending a session closes its sockets on every
 * instance (SessionRevocation).
 */
@Injectable()
export class LiveSessions implements OnModuleDestroy {
  private readonly closer: SocketCloser;

  constructor(
    gateway: LiveGateway,
    private readonly sockets: SessionSockets,
  ) {
    this.closer = { close: (target, how) => gateway.closeSocketsEverywhere(target, how) };
    sockets.attach(this.closer);
  }

  onModuleDestroy(): void {
    this.sockets.detach(this.closer);
  }
}
