import { ApiError } from '../common/api-error';

/** The copy of the whole case is the patient's own (GDPR art. 15 and 20). */
export const patientOnly = (): ApiError =>
  new ApiError(403, 'PATIENT_ONLY', 'Only the patient can download a copy of the whole case.');
