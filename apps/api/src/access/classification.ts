import type { Category, DocumentKind, MeasureCategory } from '@atergang/contracts';

// Which category an item falls under: the medical marking. An item that reveals medical
// information is MEDICAL, and MEDICAL is read only by those the patient granted it (and
// the party that authored it): the policy needs no other notion of "medical".

/**
 * A task is MEDICAL when its author marks it so, when it carries out a medical measure
 * (its title names the treatment), or when it is a next step of a medical meeting note.
 */
export function taskCategory(input: {
  readonly markedMedical: boolean;
  readonly measureCategory: MeasureCategory | null;
  readonly noteCategory: Category | null;
}): 'TASKS' | 'MEDICAL' {
  return input.markedMedical ||
    input.measureCategory === 'MEDICAL' ||
    input.noteCategory === 'MEDICAL'
    ? 'MEDICAL'
    : 'TASKS';
}

/** Document kinds that are medical whatever the uploader chooses: a läkarintyg. */
const ALWAYS_MEDICAL: ReadonlySet<DocumentKind> = new Set(['MEDICAL_CERTIFICATE']);

/**
 * A document's category: the one the uploader chose, else MEDICAL for a medical kind and
 * DOCUMENTS otherwise; null when the choice contradicts the kind (a certificate shared as
 * an ordinary document).
 */
export function documentCategory(
  kind: DocumentKind,
  chosen: 'DOCUMENTS' | 'MEDICAL' | undefined,
): 'DOCUMENTS' | 'MEDICAL' | null {
  const medicalKind = ALWAYS_MEDICAL.has(kind);
  if (chosen === undefined) return medicalKind ? 'MEDICAL' : 'DOCUMENTS';
  return medicalKind && chosen !== 'MEDICAL' ? null : chosen;
}
