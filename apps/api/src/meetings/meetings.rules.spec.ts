import { describeParties, missingAvstamningsmoteParties } from './meetings.rules';

describe('the parties of an avstämningsmöte', () => {
  it.each([
    [['PATIENT', 'FK', 'CARE'], []],
    [['PATIENT', 'FK', 'EMPLOYER'], []],
    [['PATIENT', 'FK', 'CARE', 'EMPLOYER', 'AF'], []],
    [['FK', 'EMPLOYER', 'CARE'], ['PATIENT']],
    [['PATIENT', 'CARE'], ['FK']],
    [
      ['PATIENT', 'FK', 'AF'],
      ['CARE', 'EMPLOYER'],
    ],
    [['FK'], ['PATIENT', 'CARE', 'EMPLOYER']],
  ] as const)('with %j lacks %j', (present, missing) => {
    expect(missingAvstamningsmoteParties(present)).toEqual(missing);
  });

  it('names the missing parties in words, care or employer as one alternative', () => {
    expect(describeParties(['PATIENT'])).toBe('the patient (PATIENT)');
    expect(describeParties(['PATIENT', 'CARE', 'EMPLOYER'])).toBe(
      'the patient (PATIENT) and care (CARE) or the employer (EMPLOYER)',
    );
  });
});
