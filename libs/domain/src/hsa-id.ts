// HSA-id: the identifier of care units, functions and staff in Inera's national directory
// (Katalogtjänst HSA), e.g. 'SE2321000016-1003'. Inera's rule: the country code 'SE', the
// directory owner's organisationsnummer (10 digits, no hyphen), '-', then at least one character
// from A-Z, a-z and 0-9 (no å, ä, ö or @); at most 31 characters in all.
// Some directory owners appear with the 12-digit '16'-prefixed organisationsnummer, so that form
// is accepted too. Test-environment ids (e.g. 'TSTNMT...') are deliberately not accepted.

import { parseOrganisationsnummer } from './organisationsnummer';

export const HSA_ID_MAX_LENGTH = 31;

const HSA_ID_PATTERN = /^SE((?:16)?\d{10})-[A-Za-z0-9]+$/;

/** Whether the input (surrounding whitespace ignored) is a well-formed HSA-id. */
export function isValidHsaId(input: string): boolean {
  const trimmed = input.trim();
  if (trimmed.length > HSA_ID_MAX_LENGTH) return false;
  const match = HSA_ID_PATTERN.exec(trimmed);
  if (!match) return false;
  // The directory owner is an organisation (a region, municipality or company), never a person.
  const owner = parseOrganisationsnummer(match[1] ?? '');
  return owner.ok && owner.value.kind === 'LEGAL_ENTITY';
}
