import { JwtService } from '@nestjs/jwt';
import type { AccessTokenClaims, AuthenticatedUser } from '../auth/auth.types';
import { SessionService } from '../auth/session.service';
import type { TestApp } from './test-app';

/**
 * An access token of a real session of `user`, as signing in would issue (for test users who
 * have no password). Access tokens name their session and are refused once it ends, so a
 * token signed by hand is no longer accepted. `expiresIn` (seconds) shortens its life.
 */
export async function sessionToken(
  testApp: TestApp,
  user: AuthenticatedUser,
  options: { readonly expiresIn?: number } = {},
): Promise<string> {
  const { accessToken } = await testApp.app.get(SessionService).start(user, 'test');
  if (options.expiresIn === undefined) return accessToken;
  const jwt = testApp.app.get(JwtService);
  const { sub, name, email, sid, rid } = jwt.decode<AccessTokenClaims>(accessToken);
  return jwt.signAsync({ sub, name, email, sid, rid }, { expiresIn: options.expiresIn });
}
