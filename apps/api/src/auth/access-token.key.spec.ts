import { JwtService } from '@nestjs/jwt';
import type { AppConfig } from '../config/app-config';
import { accessTokenKey } from './access-token.key';
import { AccessTokenVerifier } from './access-token.verifier';
import type { AuthRepository } from './auth.repository';
import { SessionCheck } from './session-check';

const SECRET = 'a-secret-of-at-least-thirty-two-characters!';
const USER = '6f1c2a7e-3d7b-4c51-9a43-0d5f6b1e2c3a';
const SESSION = '0b9e8f2a-51c4-4e0d-8a7b-3c2d1e0f9a8b';
const TOKEN = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';

/** A session check whose database answers `live` for every session. */
const check = (live: boolean) =>
  new SessionCheck({ isSessionLive: () => Promise.resolve(live) } as unknown as AuthRepository);

describe('verifying access tokens', () => {
  it('builds the key once per secret, shared by HTTP and sockets', () => {
    expect(accessTokenKey(SECRET)).toBe(accessTokenKey(SECRET));
    expect(accessTokenKey(SECRET)).not.toBe(accessTokenKey(`${SECRET}2`));
  });

  it('accepts a token signed with the secret and refuses another one or another algorithm', async () => {
    const jwt = new JwtService({ secret: SECRET, signOptions: { algorithm: 'HS256' } });
    const verifier = new AccessTokenVerifier(jwt, check(true), { jwtSecret: SECRET } as AppConfig);
    const claims = {
      sub: USER,
      name: 'Anna',
      email: 'anna@atergang.test',
      sid: SESSION,
      rid: TOKEN,
    };
    await expect(verifier.verify(jwt.sign(claims))).resolves.toEqual({
      user: { id: USER, name: 'Anna', email: 'anna@atergang.test', sessionId: SESSION },
      tokenId: TOKEN,
    });
    const forged = new JwtService({ secret: `${SECRET}x` }).sign(claims);
    await expect(verifier.verify(forged)).resolves.toBeNull();
    const otherAlgorithm = new JwtService({ secret: SECRET, signOptions: { algorithm: 'HS512' } });
    await expect(verifier.verify(otherAlgorithm.sign(claims))).resolves.toBeNull();
  });

  it('refuses a good token of an ended session, and one that names no session', async () => {
    const jwt = new JwtService({ secret: SECRET, signOptions: { algorithm: 'HS256' } });
    const config = { jwtSecret: SECRET } as AppConfig;
    const claims = {
      sub: USER,
      name: 'Anna',
      email: 'anna@atergang.test',
      sid: SESSION,
      rid: TOKEN,
    };
    const ended = new AccessTokenVerifier(jwt, check(false), config);
    await expect(ended.verify(jwt.sign(claims))).resolves.toBeNull();
    const live = new AccessTokenVerifier(jwt, check(true), config);
    const { sid: _sid, rid: _rid, ...withoutSession } = claims;
    await expect(live.verify(jwt.sign(withoutSession))).resolves.toBeNull();
  });
});
