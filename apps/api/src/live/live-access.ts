import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../prisma/transaction';
import { LiveGateway } from './live.gateway';

/** Access changes reach live sockets before the unit's own events are fanned out (order 10). */
const REFRESH_ORDER = 0;

/**
 * Once a unit that changed who may see what (consents, participants) commits, every live
 * follower of those workspaces on every instance has its access re-read: before the unit's
 * own events are fanned out and before the caller's request returns.
 */
@Injectable()
export class LiveAccess {
  constructor(gateway: LiveGateway, transactions: TransactionRunner) {
    transactions.onCommitted(REFRESH_ORDER, async (unit) => {
      for (const workspaceId of unit.changedAccess) {
        await gateway.refreshAccessEverywhere(workspaceId);
      }
    });
  }
}
