import type { Permission, WorkspaceOverview } from '@atergang/contracts';
import { useOutletContext } from 'react-router';

/** The open workspace's overview, handed down by the workspace layout. */
export function useWorkspace(): WorkspaceOverview & {
  can: (permission: Permission) => boolean;
  isPatient: boolean;
  firstName: string;
} {
  const overview = useOutletContext<WorkspaceOverview>();
  return {
    ...overview,
    can: (permission) => overview.permissions.includes(permission),
    isPatient: overview.me.party === 'PATIENT',
    firstName: overview.patient.name.split(' ')[0] ?? overview.patient.name,
  };
}
