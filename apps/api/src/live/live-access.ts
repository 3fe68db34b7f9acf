import { Injectable } from '@nestjs/common';
import { afterCommit, type Tx } from '../prisma/transaction';
import { LiveGateway } from './live.gateway';

/**
 * For services that change who may see what (consents, participants): inside the
 * change's transaction, `changedAfterCommit` arranges that once it commits, every live
 * follower of the workspace on every instance has its access re-read — before the
 * transaction's own events are fanned out and before the caller's request returns.
 */
@Injectable()
export class LiveAccess {
  constructor(private readonly gateway: LiveGateway) {}

  changedAfterCommit(tx: Tx, workspaceId: string): void {
    afterCommit(tx, () => this.gateway.refreshAccessEverywhere(workspaceId), 0);
  }
}
