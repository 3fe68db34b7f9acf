import { type CanActivate, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/auth.types';
import { unauthenticated } from '../auth/auth.errors';
import { caseClosed, workspaceNotFound } from './access.errors';
import type { WorkspaceAccess } from './access.types';
import { AccessService } from './access.service';

export type WorkspaceRequest = FastifyRequest & {
  user?: AuthenticatedUser;
  workspaceAccess?: WorkspaceAccess;
};

const workspaceId = z.uuid();

const OPEN_WHEN_CLOSED = 'workspace:open-when-closed';
/**
 * Marks a route that still changes something in a closed case: its reopening, and the
 * patient's consents (the policy decides who; the guard only lets the request through).
 */
export const OpenWhenClosed = () => SetMetadata(OPEN_WHEN_CLOSED, true);

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * On every /workspaces/:id/** route: resolves the caller's participation and the
 * patient's consents in force into one ability for this request. Non-participants (and
 * malformed ids) get 404 and the denial is audited; a write to a closed case gets 409
 * CASE_CLOSED (audited) unless the route is marked OpenWhenClosed. It fails closed: no
 * access context, no handler.
 */
@Injectable()
export class WorkspaceGuard implements CanActivate {
  constructor(
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<WorkspaceRequest>();
    const user = request.user;
    if (!user) {
      throw unauthenticated();
    }
    const params = request.params as Record<string, string | undefined>;
    const id = workspaceId.safeParse(params.id);
    const origin = { requestId: request.id, ip: request.ip };
    const access = id.success ? await this.access.forWorkspace(id.data, user, origin) : null;
    if (!access) {
      await this.audit.record(
        { userId: user.id, name: user.name, party: null, organisationId: null, ...origin },
        {
          action: 'workspace.access',
          resourceType: 'Workspace',
          resourceId: id.success ? id.data : null,
          workspaceId: id.success ? id.data : null,
          outcome: 'DENIED',
          reason: 'NOT_PARTICIPANT',
        },
      );
      throw workspaceNotFound();
    }
    if (
      access.caseClosed &&
      !READ_METHODS.has(request.method) &&
      !this.reflector.get<boolean>(OPEN_WHEN_CLOSED, context.getHandler())
    ) {
      // One rule for every write of a closed case, before any service runs.
      await this.audit.record(access, {
        action: 'workspace.access',
        resourceType: 'Workspace',
        resourceId: access.workspaceId,
        workspaceId: access.workspaceId,
        outcome: 'DENIED',
        reason: 'CASE_CLOSED',
      });
      throw caseClosed();
    }
    request.workspaceAccess = access;
    return true;
  }
}
