/** The caller as the JWT strategy resolves it; attached to the request as `request.user`. */
export interface AuthenticatedUser {
  readonly id: string;
  readonly name: string;
  readonly email: string;
}

/**
 * A caller signed in through a live session: what an access token names once the session
 * was checked (session-check.ts). `request.user` and a socket's user are this at runtime.
 */
export interface SessionUser extends AuthenticatedUser {
  /** The session: its refresh-token family, which logout and "sign out everywhere" revoke. */
  readonly sessionId: string;
}

/** Claims of our access tokens. */
export interface AccessTokenClaims {
  readonly sub: string;
  readonly name: string;
  readonly email: string;
  /** The session (refresh-token family id); a token without one is refused. */
  readonly sid: string;
  /**
   * The refresh token the access token was issued with: the session is checked from it
   * along its rotations (a primary-key walk), not by scanning the whole family.
   */
  readonly rid: string;
}
