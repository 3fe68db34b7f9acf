import { describeParties, missingAvstamningsmoteParties, moveNeedsReason } from './meetings.rules';

// An avstämningsmöte is held by the person on sick leave, FK and at least one more party,
// "till exempel läkaren eller arbetsgivaren" (seed 002): care, the employer, AF or
// occupational health, any one of them.
describe('the parties of an avstämningsmöte', () => {
  const ANY_THIRD = ['CARE', 'EMPLOYER', 'AF', 'OCCUPATIONAL_HEALTH'];

  it.each([
    [['PATIENT', 'FK', 'CARE'], []],
    [['PATIENT', 'FK', 'EMPLOYER'], []],
    [['PATIENT', 'FK', 'AF'], []],
    [['PATIENT', 'FK', 'OCCUPATIONAL_HEALTH'], []],
    [['PATIENT', 'FK', 'CARE', 'EMPLOYER', 'AF'], []],
    [['FK', 'EMPLOYER', 'CARE'], ['PATIENT']],
    [['PATIENT', 'CARE'], ['FK']],
    [['PATIENT', 'FK'], ANY_THIRD],
    [['PATIENT', 'FK', 'PATIENT'], ANY_THIRD],
    [['FK'], ['PATIENT', ...ANY_THIRD]],
    [[], ['PATIENT', 'FK', ...ANY_THIRD]],
  ] as const)('with %j lacks %j', (present, missing) => {
    expect(missingAvstamningsmoteParties(present)).toEqual(missing);
  });

  it('names the missing parties in words, any one of the third parties as one alternative', () => {
    expect(describeParties(['PATIENT'])).toBe('the patient (PATIENT)');
    expect(describeParties(['PATIENT', 'CARE', 'EMPLOYER', 'AF', 'OCCUPATIONAL_HEALTH'])).toBe(
      'the patient (PATIENT) and one of care (CARE), the employer (EMPLOYER), ' +
        'Arbetsförmedlingen (AF), occupational health (OCCUPATIONAL_HEALTH)',
    );
    expect(describeParties(['FK'])).toBe('Försäkringskassan (FK)');
  });
});

describe('moving a meeting', () => {
  it.each([
    ['SCHEDULED', undefined, true],
    ['SCHEDULED', null, true],
    ['SCHEDULED', '   ', true],
    ['SCHEDULED', 'Läkaren är sjuk', false],
    ['PROPOSED', undefined, false],
    ['PROPOSED', 'Fler tider', false],
  ] as const)('a %s meeting with reason %j needs one: %s', (status, reason, needed) => {
    expect(moveNeedsReason(status, reason)).toBe(needed);
  });
});
