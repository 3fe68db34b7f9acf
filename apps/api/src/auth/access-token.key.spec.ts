import { JwtService } from '@nestjs/jwt';
import type { AppConfig } from '../config/app-config';
import { accessTokenKey } from './access-token.key';
import { AccessTokenVerifier } from './access-token.verifier';

const SECRET = 'a-secret-of-at-least-thirty-two-characters!';

describe('verifying access tokens', () => {
  it('builds the key once per secret, shared by HTTP and sockets', () => {
    expect(accessTokenKey(SECRET)).toBe(accessTokenKey(SECRET));
    expect(accessTokenKey(SECRET)).not.toBe(accessTokenKey(`${SECRET}2`));
  });

  it('accepts a token signed with the secret and refuses another one or another algorithm', async () => {
    const jwt = new JwtService({ secret: SECRET, signOptions: { algorithm: 'HS256' } });
    const verifier = new AccessTokenVerifier(jwt, { jwtSecret: SECRET } as AppConfig);
    const claims = { sub: 'user-1', name: 'Anna', email: 'anna@atergang.test' };
    await expect(verifier.verify(jwt.sign(claims))).resolves.toEqual({
      id: 'user-1',
      name: 'Anna',
      email: 'anna@atergang.test',
    });
    const forged = new JwtService({ secret: `${SECRET}x` }).sign(claims);
    await expect(verifier.verify(forged)).resolves.toBeNull();
    const otherAlgorithm = new JwtService({ secret: SECRET, signOptions: { algorithm: 'HS512' } });
    await expect(verifier.verify(otherAlgorithm.sign(claims))).resolves.toBeNull();
  });
});
