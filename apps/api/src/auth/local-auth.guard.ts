import { type ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { loginRequestSchema } from '@atergang/contracts';
import { ValidationError } from '../common/api-error';
import { fieldErrorsFromZodIssues } from '../common/zod-issues';
import { unauthenticated } from './auth.errors';

/**
 * Guards run before pipes, so the login body is validated here: a malformed body gets a
 * 400 naming the field, not passport's generic "missing credentials".
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override canActivate(context: ExecutionContext) {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const parsed = loginRequestSchema.safeParse(request.body);
    if (!parsed.success) {
      throw new ValidationError(fieldErrorsFromZodIssues(parsed.error.issues, '', request.body));
    }
    return super.canActivate(context);
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    if (error) {
      throw error instanceof Error ? error : unauthenticated();
    }
    if (!user) {
      throw new ValidationError([
        { path: 'email', message: 'is required', code: 'invalid_type', missing: true },
      ]);
    }
    return user;
  }
}
