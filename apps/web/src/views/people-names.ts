import type { OrganisationDirectoryEntry, Party } from '@atergang/contracts';
import type { TFunction } from 'i18next';

/**
 * A party and the organisation it takes part through, each said once: "Vården ·
 * Vårdcentralen Linden", but just "Försäkringskassan" where the organisation is the party.
 */
export function partyAndOrganisation(
  t: TFunction,
  party: Party,
  organisation: Pick<OrganisationDirectoryEntry, 'name'> | null,
): string {
  const title = party === 'PATIENT' ? t('people.patientGroup') : t(`partyTitles.${party}`);
  if (!organisation) return title;
  return organisation.name.toLocaleLowerCase('sv') === title.toLocaleLowerCase('sv')
    ? organisation.name
    : `${title} · ${organisation.name}`;
}
