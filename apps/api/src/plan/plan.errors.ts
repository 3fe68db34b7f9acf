import type { Party, PlanView } from '@atergang/contracts';
import { ApiError } from '../common/api-error';
import type { MergeRejection, PlanPart } from './plan-merge';

/**
 * A save or sign-off against a version that is no longer current: never a silent overwrite.
 * `savedBy` is who saved the version the caller now sees (null before any save).
 */
export const planVersionConflict = (
  currentVersion: number,
  current: PlanView,
  savedBy: { name: string; party: Party } | null,
): ApiError =>
  new ApiError(
    409,
    'PLAN_VERSION_CONFLICT',
    `The plan has changed since you read it: it is at version ${currentVersion} now. ` +
      'Look at the current plan and save again.',
    {
      extensions: { currentVersion, current, savedBy },
      headers: { etag: `"${currentVersion}"` },
    },
  );

export const planVersionRequired = (): ApiError =>
  new ApiError(
    428,
    'PRECONDITION_REQUIRED',
    'Say which version of the plan you are changing: send If-Match: "<version>" or the body field version (0 for a new plan).',
  );

export const invalidIfMatch = (): ApiError =>
  new ApiError(400, 'VALIDATION_FAILED', 'The request is not valid.', {
    errors: [
      {
        path: 'If-Match',
        message: 'must be one plan version as an ETag, e.g. "3"',
        code: 'invalid_format',
        format: 'etag',
      },
    ],
  });

export const versionMismatch = (): ApiError =>
  new ApiError(400, 'VALIDATION_FAILED', 'The request is not valid.', {
    errors: [
      {
        path: 'version',
        message: 'differs from the version in If-Match',
        code: 'custom',
        params: { reason: 'VERSION_MISMATCH' },
      },
    ],
  });

export const planRevisionNotFound = (): ApiError =>
  new ApiError(404, 'PLAN_REVISION_NOT_FOUND', 'The plan has no revision with that number.');

export const onlyEmployerRecordsNotNeeded = (): ApiError =>
  new ApiError(
    403,
    'FORBIDDEN',
    'Only the employer (a manager or HR) records that no plan för återgång i arbete is needed.',
  );

export const onlyEmployerAndPatientSign = (): ApiError =>
  new ApiError(
    403,
    'FORBIDDEN',
    'Only the employer (a manager or HR) and the patient sign the plan off.',
  );

/** A sign-off decision the caller's part in the case does not make. */
export const signoffDecisionNotYours = (decision: string): ApiError =>
  new ApiError(
    422,
    'SIGNOFF_DECISION_NOT_YOURS',
    'The employer establishes the plan; the patient agrees or disagrees with it.',
    { errors: [{ path: 'decision', message: `${decision} is not a decision you make` }] },
  );

/** Why a part of the plan is not the caller's to change, by its owner. */
const PART_OWNERSHIP: Readonly<Record<PlanPart, string>> = {
  goal: 'The goal is part of the employer’s plan för återgång i arbete (a manager or HR writes it).',
  expectedReturnDate:
    'The expected return date is part of the employer’s plan för återgång i arbete (a manager or HR writes it).',
  expectedReturnBasis:
    'The basis for the return date is part of the employer’s plan för återgång i arbete (a manager or HR writes it).',
  contactArrangements:
    'How contact is kept is part of the employer’s plan för återgång i arbete (a manager or HR writes it).',
  followUps:
    'The plan’s follow-ups are part of the employer’s plan för återgång i arbete (a manager or HR writes them).',
  sickLeaveSteps:
    'The degree and length of sick leave are the treating doctor’s decision; propose working time as a measure of your own.',
  patientView: 'Only the patient writes her own view.',
};

const OWNER_NAMES: Readonly<Record<Party, string>> = {
  PATIENT: 'the patient',
  EMPLOYER: 'the employer',
  CARE: 'care',
  FK: 'Försäkringskassan',
  AF: 'Arbetsförmedlingen',
  OCCUPATIONAL_HEALTH: 'occupational health',
};

/** Why a save was refused, as the problem the caller gets; nothing is written. */
export function mergeRejected(rejection: MergeRejection): ApiError {
  switch (rejection.code) {
    case 'FIELD_NOT_READABLE':
      return new ApiError(
        403,
        'CONSENT_REQUIRED',
        'The patient has not shared this part of the plan with your party: send it as you got it (empty), or leave it out.',
        {
          extensions: { categories: ['PLAN'] },
          errors: [{ path: rejection.path, message: 'is not shared with your party' }],
        },
      );
    case 'FIELD_NOT_OWNED':
      return new ApiError(
        403,
        'PLAN_PART_NOT_OWNED',
        `${PART_OWNERSHIP[rejection.path]} Others propose changes to its owner (a task or a note).`,
        { errors: [{ path: rejection.path, message: 'is not yours to change' }] },
      );
    case 'MEASURE_NOT_FOUND':
      return new ApiError(404, 'PLAN_MEASURE_NOT_FOUND', 'The plan has no such measure.', {
        errors: [{ path: rejection.path, message: 'is not a measure of this plan' }],
      });
    case 'MEASURE_NOT_READABLE':
      return new ApiError(
        403,
        'CONSENT_REQUIRED',
        'The patient has not shared this with your party.',
        {
          extensions: { categories: [rejection.category] },
          errors: [{ path: rejection.path, message: 'is a measure you may not see' }],
        },
      );
    case 'MEASURE_NOT_OWNED':
      return new ApiError(
        403,
        'MEASURE_NOT_OWNED',
        `Measure ${rejection.index} belongs to ${OWNER_NAMES[rejection.ownerParty]}: ` +
          'each party changes only its own measures.',
        { errors: [{ path: rejection.path, message: 'is not your party’s measure' }] },
      );
    case 'MEDICAL_MEASURE_NOT_ALLOWED':
      return new ApiError(
        403,
        'MEDICAL_MEASURE_NOT_ALLOWED',
        'Only care’s clinical staff and the patient record treatment details (category MEDICAL).',
        {
          errors: [
            { path: rejection.path, message: 'your role may not record medical information' },
          ],
        },
      );
  }
}

/** Once the case has certificates, its sick-leave steps are theirs (issue 16), not typed in. */
export const stepsFromCertificates = (): ApiError =>
  new ApiError(
    422,
    'STEPS_FROM_CERTIFICATES',
    'The sick-leave steps come from the case’s certificates: enter a new certificate to change them.',
    { errors: [{ path: 'sickLeaveSteps', message: 'follows the certificates' }] },
  );
