import { ApiError } from '../common/api-error';
import { assertAcceptablePassword, passwordProblem } from './password-policy';

const ANNA = ['Anna Andersson', 'anna@atergang.test'];

describe('password policy', () => {
  it('refuses a password shorter than 10 characters', () => {
    expect(passwordProblem('k7#Qz!p2', ANNA)).toBe('must be at least 10 characters');
  });

  it('refuses a password longer than 256 characters', () => {
    expect(passwordProblem('x'.repeat(257), ANNA)).toBe('must be at most 256 characters');
  });

  it('refuses common passwords and simple patterns', () => {
    for (const weak of ['password123', 'qwertyuiop', 'abcdefghijk', '1234567890', 'aaaaaaaaaaaa']) {
      expect(passwordProblem(weak, ANNA)).toBe('is too easy to guess');
    }
  });

  it("refuses a password built from the account owner's name or e-mail", () => {
    expect(passwordProblem('AnnaAndersson', ANNA)).toBe('is too easy to guess');
    expect(passwordProblem('AnnaAndersson', [])).toBeNull();
  });

  it('accepts a long passphrase of unrelated words', () => {
    expect(passwordProblem('kaffe-fjäll-cykel-92', ANNA)).toBeNull();
    expect(passwordProblem('correct horse battery staple', ANNA)).toBeNull();
  });

  it('throws a 422 problem naming the field', () => {
    let thrown: unknown;
    try {
      assertAcceptablePassword('password123', 'newPassword', ANNA);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ApiError);
    expect((thrown as ApiError).getStatus()).toBe(422);
    expect((thrown as ApiError).code).toBe('PASSWORD_NOT_ACCEPTABLE');
    expect((thrown as ApiError).extras.errors).toEqual([
      { path: 'newPassword', message: 'is too easy to guess' },
    ]);
  });
});
