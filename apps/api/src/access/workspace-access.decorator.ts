import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { WorkspaceAccess } from './access.types';
import { workspaceNotFound } from './access.errors';
import type { WorkspaceRequest } from './workspace.guard';

/** The access context the WorkspaceGuard built; absent means the guard did not run (deny). */
export const CurrentAccess = createParamDecorator(
  (_data: unknown, context: ExecutionContext): WorkspaceAccess => {
    const access = context.switchToHttp().getRequest<WorkspaceRequest>().workspaceAccess;
    if (!access) {
      throw workspaceNotFound();
    }
    return access;
  },
);
