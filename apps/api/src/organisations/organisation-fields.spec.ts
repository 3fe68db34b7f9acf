import { ApiError } from '../common/api-error';
import { validateOrganisation } from './organisation-fields';

function refusal(run: () => unknown): { path: string; message: string } | undefined {
  try {
    run();
  } catch (error: unknown) {
    if (error instanceof ApiError) return error.extras.errors?.[0];
    throw error;
  }
  return undefined;
}

describe('validateOrganisation', () => {
  it('normalises an employer by its organisationsnummer', () => {
    expect(
      validateOrganisation({
        kind: 'employer',
        name: '  Solbacka   kommun ',
        organisationsnummer: '212000-0142',
      }),
    ).toEqual({
      kind: 'EMPLOYER',
      name: 'Solbacka kommun',
      organisationsnummer: '2120000142',
      hsaId: null,
    });
  });

  it('requires the identifier each kind is known by', () => {
    expect(refusal(() => validateOrganisation({ kind: 'EMPLOYER', name: 'X' }))).toEqual({
      path: 'organisationsnummer',
      message: 'is required for an employer',
      code: 'custom',
    });
    expect(refusal(() => validateOrganisation({ kind: 'CARE_UNIT', name: 'X' }))).toEqual({
      path: 'hsaId',
      message: 'is required for a care unit',
      code: 'custom',
    });
    expect(
      validateOrganisation({ kind: 'FK', name: 'Försäkringskassan' }).organisationsnummer,
    ).toBe(null);
  });

  it('refuses malformed identifiers with the domain validators', () => {
    expect(
      refusal(() =>
        validateOrganisation({ kind: 'EMPLOYER', name: 'X', organisationsnummer: '2120000143' }),
      )?.message,
    ).toBe('has a wrong check digit');
    expect(
      refusal(() =>
        validateOrganisation({ kind: 'EMPLOYER', name: 'X', organisationsnummer: 'abc' }),
      )?.path,
    ).toBe('organisationsnummer');
    expect(
      refusal(() => validateOrganisation({ kind: 'CARE_UNIT', name: 'X', hsaId: 'SE123-ÅÄÖ' }))
        ?.path,
    ).toBe('hsaId');
    expect(
      validateOrganisation({ kind: 'CARE_UNIT', name: 'X', hsaId: 'SE2321000016-7EK1' }).hsaId,
    ).toBe('SE2321000016-7EK1');
  });

  it('refuses an unknown kind and an empty name', () => {
    expect(refusal(() => validateOrganisation({ kind: 'HOSPITAL', name: 'X' }))?.path).toBe('kind');
    expect(refusal(() => validateOrganisation({ kind: 'FK', name: '   ' }))?.path).toBe('name');
  });
});
