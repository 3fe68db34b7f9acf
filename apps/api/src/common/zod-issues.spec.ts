import { z } from 'zod';
import { problemFieldErrorSchema } from '@atergang/contracts';
import { fieldErrorsFromZodIssues } from './zod-issues';

// What a client chooses its text from: the issue's code and details, never the value sent.

function errorsFor(schema: z.ZodType, input: unknown, root = '') {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error('expected the input to be refused');
  return fieldErrorsFromZodIssues(parsed.error.issues, root, input);
}

const person = z.strictObject({
  name: z.string().min(1).max(20),
  email: z.email(),
  born: z.iso.date(),
  age: z.number().int().min(0),
});

describe('fieldErrorsFromZodIssues', () => {
  it('names each field with its zod issue code and the details of the rule', () => {
    const errors = errorsFor(person, { name: '', email: 'no', born: '2026-02-30', age: -1 });
    expect(errors).toEqual([
      expect.objectContaining({ path: 'name', code: 'too_small', origin: 'string', minimum: 1 }),
      expect.objectContaining({ path: 'email', code: 'invalid_format', format: 'email' }),
      expect.objectContaining({ path: 'born', code: 'invalid_format', format: 'date' }),
      expect.objectContaining({ path: 'age', code: 'too_small', origin: 'number', minimum: 0 }),
    ]);
    for (const error of errors) expect(problemFieldErrorSchema.parse(error)).toEqual(error);
  });

  it('tells a missing field from one of the wrong type without echoing the value', () => {
    const errors = errorsFor(person, {
      name: 'Anna',
      email: null,
      born: 20260101,
      age: 'F32.1 depression',
    });
    expect(errors.map(({ path, code, missing }) => ({ path, code, missing }))).toEqual([
      { path: 'email', code: 'invalid_type', missing: true },
      { path: 'born', code: 'invalid_type', missing: false },
      { path: 'age', code: 'invalid_type', missing: false },
    ]);
    expect(JSON.stringify(errors)).not.toContain('F32.1');
    expect(errorsFor(person, { name: 'Anna', born: '2026-01-01', age: 3 })).toEqual([
      expect.objectContaining({ path: 'email', code: 'invalid_type', missing: true }),
    ]);
  });

  it('passes a refinement’s stated reason and names nested paths under the root', () => {
    const slots = z.strictObject({
      slots: z.array(
        z
          .strictObject({ start: z.number(), end: z.number() })
          .refine((slot) => slot.end > slot.start, {
            path: ['end'],
            message: 'end must be after start',
            params: { reason: 'END_BEFORE_START' },
          }),
      ),
    });
    expect(errorsFor(slots, { slots: [{ start: 2, end: 1 }] }, 'body')).toEqual([
      {
        path: 'body.slots.0.end',
        message: 'end must be after start',
        code: 'custom',
        params: { reason: 'END_BEFORE_START' },
      },
    ]);
  });

  it('names each unknown key as a field of its own', () => {
    expect(errorsFor(person.partial(), { nme: 'Anna', mail: 'a@b.se' })).toEqual([
      { path: 'nme', message: 'is not a known field', code: 'unrecognized_keys' },
      { path: 'mail', message: 'is not a known field', code: 'unrecognized_keys' },
    ]);
  });

  it('leaves out bounds that are not numbers a client can show', () => {
    const [error] = errorsFor(z.string().max(3), 'four');
    expect(error).toEqual(expect.objectContaining({ code: 'too_big', maximum: 3 }));
    expect(error).not.toHaveProperty('minimum');
  });
});
