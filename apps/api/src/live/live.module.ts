import { Global, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { LiveAccess } from './live-access';
import { LiveHub } from './live-hub';
import { LiveSessions } from './live-sessions';
import { LiveGateway } from './live.gateway';

/** Live updates over socket.io (contract.md "Live"); see live.gateway.ts and live-hub.ts. */
@Global()
@Module({
  imports: [AuthModule],
  providers: [LiveHub, LiveGateway, LiveAccess, LiveSessions],
  exports: [LiveAccess],
})
export class LiveModule {}
