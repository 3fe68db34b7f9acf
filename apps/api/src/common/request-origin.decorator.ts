import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

export interface RequestOrigin {
  readonly requestId: string;
  readonly ip: string | null;
}

/** The request id and client address, as the audit trail records them. */
export const Origin = createParamDecorator(
  (_data: unknown, context: ExecutionContext): RequestOrigin => {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    return { requestId: request.id, ip: request.ip };
  },
);
