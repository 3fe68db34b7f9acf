import { ApiError } from '../common/api-error';

export const onlyPatientManagesConsent = (): ApiError =>
  new ApiError(403, 'PATIENT_ONLY', 'Only the patient can grant or revoke consent.');

export const medicalToEmployerNotConfirmed = (): ApiError =>
  new ApiError(
    422,
    'MEDICAL_TO_EMPLOYER_NOT_CONFIRMED',
    'Medical information is shared with the employer only when the patient explicitly confirms it, ' +
      'having seen the warning: send confirmMedicalToEmployer: true.',
    {
      errors: [
        {
          path: 'confirmMedicalToEmployer',
          message: 'must be true to share MEDICAL with the employer',
        },
      ],
    },
  );

export const expiryInThePast = (): ApiError =>
  new ApiError(400, 'VALIDATION_FAILED', 'The request is not valid.', {
    errors: [
      {
        path: 'expiresAt',
        message: 'must be in the future',
        code: 'custom',
        params: { reason: 'IN_THE_PAST' },
      },
    ],
  });

export const consentNotFound = (): ApiError =>
  new ApiError(404, 'CONSENT_NOT_FOUND', 'There is no such consent in this workspace.');

export const consentAlreadyRevoked = (): ApiError =>
  new ApiError(409, 'CONSENT_ALREADY_REVOKED', 'That consent has already been revoked.');
