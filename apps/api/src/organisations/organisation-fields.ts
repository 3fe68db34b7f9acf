import { type OrganisationKind, ORGANISATION_KINDS } from '@atergang/contracts';
import { isValidHsaId, parseOrganisationsnummer } from '@atergang/domain';
import { invalidOrganisationField } from './organisations.errors';

/** An organisation as the operator describes it, before any check. */
export interface OrganisationInput {
  readonly kind: string;
  readonly name: string;
  readonly organisationsnummer?: string | null;
  readonly hsaId?: string | null;
}

/** An organisation that passed the checks, its identifiers normalised. */
export interface ValidOrganisation {
  readonly kind: OrganisationKind;
  readonly name: string;
  readonly organisationsnummer: string | null;
  readonly hsaId: string | null;
}

const MAX_NAME_LENGTH = 200;

const isKind = (value: string): value is OrganisationKind =>
  (ORGANISATION_KINDS as readonly string[]).includes(value);

const present = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};

/**
 * Checks an organisation with the domain's validators. An employer is known by its
 * organisationsnummer (the number in its agreements and in FK's records) and a care unit by
 * its HSA-id (the national directory of care); for the others either is optional. Throws a
 * 400 problem naming the field, whose detail is one line an operator can act on.
 */
export function validateOrganisation(input: OrganisationInput): ValidOrganisation {
  const kind = input.kind.trim().toUpperCase();
  if (!isKind(kind)) {
    throw invalidOrganisationField('kind', `must be one of ${ORGANISATION_KINDS.join(', ')}`);
  }
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (name === '' || name.length > MAX_NAME_LENGTH) {
    throw invalidOrganisationField('name', `must be 1 to ${MAX_NAME_LENGTH} characters`);
  }
  let organisationsnummer: string | null = null;
  const givenNumber = present(input.organisationsnummer);
  if (givenNumber !== null) {
    const parsed = parseOrganisationsnummer(givenNumber);
    if (!parsed.ok) {
      const reason =
        parsed.reason === 'CHECKSUM'
          ? 'has a wrong check digit'
          : 'is not an organisationsnummer (NNNNNN-NNNN)';
      throw invalidOrganisationField('organisationsnummer', reason);
    }
    organisationsnummer = parsed.value.normalised;
  } else if (kind === 'EMPLOYER') {
    throw invalidOrganisationField('organisationsnummer', 'is required for an employer');
  }
  const hsaId = present(input.hsaId);
  if (hsaId !== null && !isValidHsaId(hsaId)) {
    throw invalidOrganisationField('hsaId', 'is not an HSA-id (e.g. SE2321000016-ABCD)');
  }
  if (hsaId === null && kind === 'CARE_UNIT') {
    throw invalidOrganisationField('hsaId', 'is required for a care unit');
  }
  return { kind, name, organisationsnummer, hsaId };
}
