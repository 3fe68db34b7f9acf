import { ORGANISATION_PERMISSIONS, type OrganisationPermission } from '@atergang/contracts';
import {
  buildOrganisationAbility,
  type OrganisationAbility,
  type OrganisationAbilityInput,
} from './organisation-ability';

// GET /me's `permissions` for each of the caller's organisations: asked of the same
// organisation ability the API enforces, so the web client offers a page (the statistics)
// exactly to those the API lets in.

const CHECKS: Readonly<Record<OrganisationPermission, (ability: OrganisationAbility) => boolean>> =
  {
    'statistics:read': (ability) => ability.can('read', 'Statistics'),
  };

/** Every organisation permission the member's ability there grants, in the contract's order. */
export function organisationPermissionsOf(
  input: OrganisationAbilityInput,
): OrganisationPermission[] {
  const ability = buildOrganisationAbility(input);
  return ORGANISATION_PERMISSIONS.filter((permission) => CHECKS[permission](ability));
}
