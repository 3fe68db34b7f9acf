import { ApiError } from '../common/api-error';

export const planNotStarted = (): ApiError =>
  new ApiError(404, 'PLAN_NOT_STARTED', 'No plan has been started in this workspace yet.');
