/** The caller as the JWT strategy resolves it; attached to the request as `request.user`. */
export interface AuthenticatedUser {
  readonly id: string;
  readonly name: string;
  readonly email: string;
}

/** Claims of our access tokens. */
export interface AccessTokenClaims {
  readonly sub: string;
  readonly name: string;
  readonly email: string;
}
