import { z } from 'zod';

/**
 * What a caller may do in a workspace. The API computes these from the same ability it
 * enforces and sends them in the overview, so the web client shows exactly what the
 * API allows and never guesses.
 */
export const PERMISSIONS = [
  'workspace:read',
  'participant:invite',
  'participant:remove',
  'consent:read',
  'consent:manage',
  'access-log:read',
  'plan:read',
  'plan:update',
  'plan:sign',
  'task:read',
  'task:create',
  'meeting:read',
  'meeting:create',
  'note:read',
  'note:create',
  'document:read',
  'document:upload',
  'event:read',
] as const;
export const permissionSchema = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof permissionSchema>;
