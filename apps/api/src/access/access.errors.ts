import type { Category } from '@atergang/contracts';
import { ApiError } from '../common/api-error';

// A caller who does not take part in the workspace learns nothing, not even that it exists.
export const workspaceNotFound = (): ApiError =>
  new ApiError(
    404,
    'WORKSPACE_NOT_FOUND',
    'There is no such workspace, or you do not take part in it.',
  );

/** A single item the caller takes part around but may not see (contract.md: type ends in consent-required). */
export const consentRequired = (categories: readonly Category[] = []): ApiError =>
  new ApiError(
    403,
    'CONSENT_REQUIRED',
    'The patient has not shared this with your party.',
    categories.length > 0 ? { extensions: { categories } } : {},
  );

export const forbidden = (detail: string): ApiError => new ApiError(403, 'FORBIDDEN', detail);

/** A closed case is read-only until it is reopened. */
export const caseClosed = (): ApiError =>
  new ApiError(
    409,
    'CASE_CLOSED',
    'The case is closed and can no longer be changed. Reopen it if a new sick period has started.',
  );
