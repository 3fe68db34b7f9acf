import {
  createTaskRequestSchema,
  loginRequestSchema,
  sickLeaveStepInputSchema,
  updatePlanRequestSchema,
} from '@atergang/contracts';
import { type IssueLike, isValidationKey, validationKey } from '../src/lib/validation-text';
import { contractResolver } from '../src/lib/forms';

// A validation issue's text is chosen by its zod code (and format, origin or the
// refinement's reason), never by its English message: the same message with another code
// gets another text, and the contracts' own issues land on the intended texts.

const keysOf = (
  schema: { safeParse: (v: unknown) => { error?: { issues: IssueLike[] } } },
  value: unknown,
) => (schema.safeParse(value).error?.issues ?? []).map(validationKey);

describe('validationKey', () => {
  it.each<[IssueLike, string]>([
    [{ code: 'invalid_format', format: 'date' }, 'errors.date'],
    [{ code: 'invalid_format', format: 'datetime' }, 'errors.date'],
    [{ code: 'invalid_format', format: 'email' }, 'errors.email'],
    [{ code: 'invalid_format', format: 'url' }, 'errors.url'],
    [{ code: 'invalid_format', format: 'regex' }, 'errors.invalid'],
    [{ code: 'too_small', origin: 'string', minimum: 1 }, 'errors.required'],
    [{ code: 'too_small', origin: 'array', minimum: 1 }, 'errors.required'],
    [{ code: 'too_small', origin: 'number', minimum: 1 }, 'errors.invalid'],
    [{ code: 'invalid_type', input: undefined }, 'errors.required'],
    [{ code: 'invalid_type', input: 42 }, 'errors.invalid'],
    [{ code: 'custom', params: { reason: 'END_BEFORE_START' } }, 'errors.endBeforeStart'],
    [{ code: 'custom', params: { reason: 'STEP_ORDER' } }, 'errors.stepOrder'],
    [{ code: 'custom', params: { reason: 'ASSIGNEE_REQUIRED' } }, 'errors.assignee'],
    [{ code: 'custom', params: { reason: 'SOMETHING_ELSE' } }, 'errors.invalid'],
    [{ code: 'custom' }, 'errors.invalid'],
    [{ code: 'unknown' }, 'errors.invalid'],
  ])('%j → %s', (issue, key) => {
    expect(validationKey(issue)).toBe(key);
  });

  it('does not read the message: a date-sounding message with another code is not a date', () => {
    const issue = { code: 'too_small', origin: 'string', minimum: 1, message: 'invalid date' };
    expect(validationKey(issue)).toBe('errors.required');
    const custom = { code: 'custom', message: 'must not be before startDate' };
    expect(validationKey(custom)).toBe('errors.invalid');
  });
});

describe('the contracts’ issues', () => {
  it('an invalid e-mail and an American date', () => {
    expect(keysOf(loginRequestSchema, { email: 'not-an-address', password: 'x' })).toContain(
      'errors.email',
    );
    expect(
      // The first issue of a field is the one the form shows.
      keysOf(sickLeaveStepInputSchema, { degree: 50, fromDate: '03/01/2027', toDate: null })[0],
    ).toBe('errors.date');
  });

  it('an end before its start and a step before the previous one ends', () => {
    expect(
      keysOf(sickLeaveStepInputSchema, {
        degree: 50,
        fromDate: '2027-03-01',
        toDate: '2027-02-01',
      }),
    ).toEqual(['errors.endBeforeStart']);
    expect(
      keysOf(updatePlanRequestSchema, {
        version: 1,
        sickLeaveSteps: [
          { degree: 100, fromDate: '2027-01-01', toDate: '2027-01-31' },
          { degree: 50, fromDate: '2027-01-15', toDate: null },
        ],
      }),
    ).toEqual(['errors.stepOrder']);
  });

  it('a task without an owner', () => {
    expect(keysOf(createTaskRequestSchema, { title: 'Ring' })).toContain('errors.assignee');
  });
});

describe('contractResolver', () => {
  it('puts the chosen key on the field with the issue’s path, and the code as its type', async () => {
    const resolver = contractResolver(
      loginRequestSchema,
      (values: { email: string; password: string }) => values,
    );
    const result = await resolver({ email: '', password: 'x' }, undefined, {
      fields: {},
      shouldUseNativeValidation: false,
    });
    const email = (result.errors as Record<string, { type: string; message: string }>)['email'];
    expect(email?.message).toMatch(/^errors\./);
    expect(isValidationKey(email?.message ?? '')).toBe(true);
    expect(email?.type).toBeTruthy();
  });
});
