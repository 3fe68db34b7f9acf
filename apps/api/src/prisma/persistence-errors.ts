import { Prisma } from '@prisma/client';
import { ApiError } from '../common/api-error';

/**
 * Maps Prisma's known request errors centrally (architecture.md): a unique violation is
 * a conflict, a missing record a 404, a broken reference a 409 — never a bare 500.
 */
export function mapPersistenceError(error: unknown): ApiError | undefined {
  if (isDatabaseUnavailable(error)) {
    return databaseUnavailable();
  }
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

// Prisma's codes for "no usable connection": server unreachable, timed out, connection
// closed, pool exhausted.
const UNAVAILABLE_PRISMA_CODES: ReadonlySet<string> = new Set([
  'P1001',
  'P1002',
  'P1008',
  'P1017',
  'P2024',
]);
// The driver adapter's classification of the underlying pg error.
const UNAVAILABLE_ADAPTER_KINDS: ReadonlySet<string> = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);
// Node's socket errors, as raw pg reports them.
const UNAVAILABLE_SOCKET_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
]);

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && key in value
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** SQLSTATE class 08 (connection exception) or 57P (operator intervention: shutdown, restart). */
function isUnavailableSqlState(code: unknown): boolean {
  return typeof code === 'string' && (/^08[0-9A-Z]{3}$/.test(code) || code.startsWith('57P'));
}

/**
 * Whether the error says the database cannot be used just now (down, restarting, pool
 * exhausted), as opposed to a fault in the request or the code. Such a request failed
 * before or without committing anything, so the client may simply retry.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = field(error, 'code');
  if (typeof code === 'string' && UNAVAILABLE_PRISMA_CODES.has(code)) return true;
  if (typeof code === 'string' && UNAVAILABLE_SOCKET_CODES.has(code)) return true;
  if (isUnavailableSqlState(code)) return true;
  const cause = field(field(field(error, 'meta'), 'driverAdapterError'), 'cause');
  const kind = field(cause, 'kind');
  if (typeof kind === 'string' && UNAVAILABLE_ADAPTER_KINDS.has(kind)) return true;
  if (isUnavailableSqlState(field(cause, 'originalCode'))) return true;
  return false;
}

export const databaseUnavailable = (): ApiError =>
  new ApiError(
    503,
    'DATABASE_UNAVAILABLE',
    'The service cannot reach its database just now; try again in a moment.',
    { headers: { 'retry-after': '5' } },
  );
