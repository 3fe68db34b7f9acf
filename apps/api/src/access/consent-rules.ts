import { CATEGORIES, type Category, type Party } from '@atergang/contracts';

/**
 * Whether a consent needs the patient's explicit confirmation of a warning: MEDICAL to the
 * employer. It mirrors the employer's copy of the medical certificate (AG7804), where the
 * patient chooses whether the diagnosis is shown (domain.md, "Consent").
 */
export function needsMedicalWarning(party: Party, categories: readonly Category[]): boolean {
  return party === 'EMPLOYER' && categories.includes('MEDICAL');
}

interface ConsentHolder {
  readonly isPatient: boolean;
  readonly grantedCategories: ReadonlySet<Category>;
}

/** The categories the caller may see by consent: all of them for the patient. */
export function categoriesInForce(access: ConsentHolder): Category[] {
  return CATEGORIES.filter(
    (category) => access.isPatient || access.grantedCategories.has(category),
  );
}

/**
 * Of the categories a response covers, those the caller's consents do not grant: what the
 * response says was withheld (none for the patient, who sees everything of her own).
 */
export function withheldOf(access: ConsentHolder, covered: readonly Category[]): Category[] {
  return covered.filter((category) => !access.isPatient && !access.grantedCategories.has(category));
}
