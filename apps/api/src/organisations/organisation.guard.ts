import {
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  Injectable,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { OrganisationAccess } from '../access/organisation-ability';
import { AuditService } from '../audit/audit.service';
import { unauthenticated } from '../auth/auth.errors';
import type { AuthenticatedUser } from '../auth/auth.types';
import { organisationNotFound } from './organisations.errors';
import { OrganisationsService } from './organisations.service';

type OrganisationRequest = FastifyRequest & {
  user?: AuthenticatedUser;
  organisationAccess?: OrganisationAccess;
};

const organisationId = z.uuid();

/**
 * On every /organisations/:organisationId/** route: resolves the caller's membership into
 * the organisation's ability for this request. Someone who does not belong to it (and a
 * malformed id) gets 404, audited, as a workspace does to a non-participant: no one learns
 * another organisation's staff, nor that an id exists. It fails closed: no access, no handler.
 */
@Injectable()
export class OrganisationGuard implements CanActivate {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<OrganisationRequest>();
    const user = request.user;
    if (!user) {
      throw unauthenticated();
    }
    const params = request.params as Record<string, string | undefined>;
    const id = organisationId.safeParse(params.organisationId);
    const origin = { requestId: request.id, ip: request.ip };
    const access = id.success ? await this.organisations.accessFor(id.data, user, origin) : null;
    if (!access) {
      await this.audit.record(
        { userId: user.id, name: user.name, party: null, organisationId: null, ...origin },
        {
          action: 'organisation.access',
          resourceType: 'Organisation',
          resourceId: id.success ? id.data : null,
          outcome: 'DENIED',
          reason: 'NOT_MEMBER',
        },
      );
      throw organisationNotFound();
    }
    request.organisationAccess = access;
    return true;
  }
}

/** The OrganisationGuard's access context for this request. */
export const CurrentOrganisation = createParamDecorator(
  (_data: unknown, context: ExecutionContext): OrganisationAccess => {
    const access = context.switchToHttp().getRequest<OrganisationRequest>().organisationAccess;
    if (!access) {
      // A route read the context without the guard: a wiring mistake, never a caller's.
      throw new Error('CurrentOrganisation used on a route without the OrganisationGuard');
    }
    return access;
  },
);
