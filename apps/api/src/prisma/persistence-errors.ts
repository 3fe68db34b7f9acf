import { Prisma } from '@prisma/client';
import { ApiError } from '../common/api-error';

/**
 * Maps Prisma's known request errors centrally (architecture.md): a unique violation is
 * a conflict, a missing record a 404, a broken reference a 409 — never a bare 500.
 */
export function mapPersistenceError(error: unknown): ApiError | undefined {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) {
    return undefined;
  }
  switch (error.code) {
    case 'P2002':
      return new ApiError(
        409,
        'ALREADY_EXISTS',
        'A record with the same unique value already exists.',
      );
    case 'P2025':
      return new ApiError(404, 'NOT_FOUND', 'The record does not exist.');
    case 'P2003':
      return new ApiError(
        409,
        'REFERENCE_CONFLICT',
        'The change refers to a record that does not exist or is still referenced.',
      );
    default:
      return undefined;
  }
}
