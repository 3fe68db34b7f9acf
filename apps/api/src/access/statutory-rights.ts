import type { Party } from '@atergang/contracts';
import type { FacetCondition } from './facets';

// Information a party obtains by law, whatever the patient's sharing consent says. The
// consent (OSL 12 kap. 2 §) lifts secrecy towards a party; it is not the only way a party
// may come by information. Försäkringskassan may obtain the employer's plan för återgång i
// arbete, and the employer must give it on request (Socialförsäkringsbalken 110 kap. 14 §
// och 31 §). So these reads are granted beside the consent categories, never by them, and a
// consent revoked does not take them away (issue 17).
//
// What the right covers, exactly: the plan as the employer handed it over (the version it
// chose, as the employer saw it) and the fact that it was sent, received and asked for. It
// is the employer's plan, not the case: a hand-over never carries MEDICAL measures (even
// when the patient lets the employer see them, they are care's information, which reaches
// FK only by her consent to FK), and it gives FK nothing of the live plan, tasks, meetings,
// notes, documents or certificates beyond what its consent already does.

/** The categories a handed-over plan holds: never MEDICAL. */
export const HANDED_OVER_PLAN_CATEGORIES = ['PLAN'] as const;

/**
 * Read conditions (over facets, like the consent rules) each party holds by law. An item
 * of the plan addressed to FK (a hand-over) is FK's to read; one addressed to the employer
 * (FK's request for the plan) is the employer's. Only hand-overs and requests carry a plan
 * item's addressee (facets.ts), so these conditions match nothing else.
 */
export const STATUTORY_READS: Readonly<Record<Party, readonly FacetCondition[]>> = {
  PATIENT: [],
  // SFB 110 kap. 14 §: FK may obtain information about the insured from the employer.
  FK: [{ category: 'PLAN', assigneeParty: 'FK' }],
  // SFB 110 kap. 31 §: the employer must give it; FK's request is addressed to it.
  EMPLOYER: [{ category: 'PLAN', assigneeParty: 'EMPLOYER' }],
  // Care receives the plan only while the patient's consent lets it see the plan.
  CARE: [],
  AF: [],
  OCCUPATIONAL_HEALTH: [],
};
