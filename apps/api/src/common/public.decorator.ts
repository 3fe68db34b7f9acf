import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_KEY = 'atergang:isPublic';

/**
 * Marks a route as reachable without authentication. The global auth guard denies
 * everything else by default, so opting out is always explicit and greppable.
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);
