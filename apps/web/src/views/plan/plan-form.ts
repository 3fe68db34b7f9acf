// The plan editor's form, without React: the form for a plan as read, the request a save
// sends (only the parts that changed, only those the caller may write) and the merge after
// a conflict. Unit-tested in apps/web/unit/plan-form.spec.ts.
import type {
  MeasureCategory,
  MeasureKind,
  MeasureStatus,
  Party,
  Permission,
  PlanPartName,
  PlanView,
  SickLeaveStepInput,
  UpdatePlanRequest,
} from '@atergang/contracts';
import { blank } from '../../lib/forms';

/** Which parts of the plan the caller may write, from the overview's permissions. */
export interface EditRights {
  /** Goal, expected return date and basis, contact arrangements, follow-ups. */
  readonly employerPart: boolean;
  /** The graded sick-leave steps (the doctor's decision), until certificates set them. */
  readonly steps: boolean;
  /** The measures of the caller's own party. */
  readonly measures: boolean;
  /** ... and among them measures of category MEDICAL. */
  readonly medicalMeasures: boolean;
}

export function editRights(can: (permission: Permission) => boolean, plan: PlanView): EditRights {
  return {
    employerPart: can('plan:update-employer-part'),
    // Once the case has certificates, a new certificate is the only way to change them.
    steps: can('plan:update-sick-leave-steps') && !plan.stepsFromCertificates,
    measures: can('plan:update-measures'),
    medicalMeasures: can('plan:update-measures') && can('plan:update-medical-measures'),
  };
}

/** Whether the API withheld this part of the plan from the caller (it reads as empty). */
export const isWithheld = (plan: PlanView, part: PlanPartName): boolean =>
  plan.withheldParts.includes(part);

export interface MeasureForm {
  id?: string | undefined;
  category: MeasureCategory;
  kind: MeasureKind;
  title: string;
  description: string;
  responsibleName: string;
  startDate: string;
  endDate: string;
  followUpDate: string;
  status: MeasureStatus;
}

export interface StepForm {
  degree: string;
  fromDate: string;
  toDate: string;
}

export interface FollowUpForm {
  date: string;
  description: string;
  ownerParty: Party | null;
  done: boolean;
}

export interface PlanForm {
  goal: string;
  expectedReturnDate: string;
  expectedReturnBasis: string;
  contactArrangements: string;
  measures: MeasureForm[];
  sickLeaveSteps: StepForm[];
  followUps: FollowUpForm[];
}

/**
 * The form for the plan as read. Only the caller's own measures are in it (a party writes
 * only its own); a medical one only when the caller may write medical measures.
 */
export function toForm(plan: PlanView, party: Party, rights: EditRights): PlanForm {
  return {
    goal: plan.goal ?? '',
    expectedReturnDate: plan.expectedReturnDate ?? '',
    expectedReturnBasis: plan.expectedReturnBasis ?? '',
    contactArrangements: plan.contactArrangements ?? '',
    measures: plan.measures
      .filter((m) => m.ownerParty === party && (rights.medicalMeasures || m.category !== 'MEDICAL'))
      .map((m) => ({
        id: m.id,
        category: m.category,
        kind: m.kind,
        title: m.title,
        description: m.description ?? '',
        responsibleName: m.responsibleName ?? '',
        startDate: m.startDate ?? '',
        endDate: m.endDate ?? '',
        followUpDate: m.followUpDate ?? '',
        status: m.status,
      })),
    sickLeaveSteps: plan.sickLeaveSteps.map((step) => ({
      degree: String(step.degree),
      fromDate: step.fromDate,
      toDate: step.toDate ?? '',
    })),
    followUps: plan.followUps.map((f) => ({
      date: f.date,
      description: f.description,
      ownerParty: f.ownerParty,
      done: f.done,
    })),
  };
}

export const EMPLOYER_FIELDS = [
  'goal',
  'expectedReturnDate',
  'expectedReturnBasis',
  'contactArrangements',
] as const;

/**
 * The parts of the form the caller may write, as the request would carry them: every field
 * of the caller's own measures is in the form, so a save never sends a value nobody saw.
 */
export function writableParts(
  values: PlanForm,
  rights: EditRights,
): Omit<UpdatePlanRequest, 'version'> {
  const request: Omit<UpdatePlanRequest, 'version'> = {};
  if (rights.employerPart) {
    for (const field of EMPLOYER_FIELDS) request[field] = blank(values[field]);
    request.followUps = values.followUps.map((f) => ({
      date: f.date,
      description: f.description,
      ownerParty: f.ownerParty,
      done: f.done,
    }));
  }
  if (rights.steps) {
    request.sickLeaveSteps = values.sickLeaveSteps.map((step) => ({
      degree: Number(step.degree) as SickLeaveStepInput['degree'],
      fromDate: step.fromDate,
      toDate: blank(step.toDate),
    }));
  }
  if (rights.measures) {
    request.measures = values.measures.map((m) => ({
      ...(m.id ? { id: m.id } : {}),
      category: m.category,
      kind: m.kind,
      title: m.title,
      description: blank(m.description),
      responsibleName: blank(m.responsibleName),
      startDate: blank(m.startDate),
      endDate: blank(m.endDate),
      followUpDate: blank(m.followUpDate),
      status: m.status,
    }));
  }
  return request;
}

/**
 * The save: `version` from GET and only the parts that changed since then, and only those
 * the caller may write (the API keeps every part a save leaves out). The measures list,
 * when sent, holds all of the caller's own measures: one of them left out is deleted.
 */
export function changesOf(
  values: PlanForm,
  base: PlanForm,
  version: number,
  rights: EditRights,
): UpdatePlanRequest | null {
  const next = writableParts(values, rights);
  const before = writableParts(base, rights);
  const request: UpdatePlanRequest = { version };
  let changed = false;
  for (const key of Object.keys(next) as Array<keyof typeof next>) {
    if (JSON.stringify(next[key]) !== JSON.stringify(before[key])) {
      Object.assign(request, { [key]: next[key] });
      changed = true;
    }
  }
  return changed ? request : null;
}

/** A new measure starts as the kind a party most often proposes. */
export const DEFAULT_MEASURE_KIND: Readonly<Record<Party, MeasureKind>> = {
  PATIENT: 'OTHER',
  EMPLOYER: 'WORKPLACE_ADAPTATION',
  CARE: 'REHABILITATION',
  FK: 'COORDINATION',
  AF: 'LABOUR_MARKET',
  OCCUPATIONAL_HEALTH: 'OCCUPATIONAL_HEALTH',
};

export const emptyMeasure = (party: Party): MeasureForm => ({
  category: 'PLAN',
  kind: DEFAULT_MEASURE_KIND[party],
  title: '',
  description: '',
  responsibleName: '',
  startDate: '',
  endDate: '',
  followUpDate: '',
  status: 'PLANNED',
});

/** Who saved the version a conflict met, as the API's 409 names them. */
export interface SavedBy {
  name: string;
  party: Party;
}

export interface Conflict {
  mine: PlanForm;
  theirs: PlanView;
  /** Null when the API did not say (a plan never saved). */
  savedBy: SavedBy | null;
}

/** The 409 problem's `savedBy`, when it is one. */
export function savedByOf(
  problem: Readonly<Record<string, unknown>> | null | undefined,
): SavedBy | null {
  const value = problem?.['savedBy'];
  if (typeof value !== 'object' || value === null) return null;
  const { name, party } = value as Record<string, unknown>;
  return typeof name === 'string' && typeof party === 'string' && name !== ''
    ? { name, party: party as Party }
    : null;
}

/** The form and the plan version it was loaded from: a save sends the changes since then. */
export interface Baseline {
  version: number;
  form: PlanForm;
}

export type Part =
  | 'goal'
  | 'expectedReturnDate'
  | 'expectedReturnBasis'
  | 'contactArrangements'
  | 'measures'
  | 'sickLeaveSteps'
  | 'followUps';

/** The parts of the form the caller may write, in the order the editor shows them. */
export function editableParts(rights: EditRights): Part[] {
  return [
    ...(rights.employerPart ? ([...EMPLOYER_FIELDS, 'followUps'] as const) : []),
    ...(rights.steps ? (['sickLeaveSteps'] as const) : []),
    ...(rights.measures ? (['measures'] as const) : []),
  ];
}

/** A diff path ('goal', 'measures[<id>].status') in the reader's words. */
export function diffLabel(path: string, labels: Readonly<Record<string, string>>): string {
  const field = path.includes('.') ? path.slice(path.lastIndexOf('.') + 1) : path;
  const base = field.replace(/\[.*$/, '');
  return labels[base] ?? base;
}

/**
 * A part of the form as the conflict view shows it, one line per entry: two versions of a
 * part differ for the user when these texts differ. `statusLabel` names a measure status.
 */
export function partText(
  form: PlanForm,
  part: Part,
  statusLabel: (status: MeasureStatus) => string,
): string {
  if (part === 'measures') {
    return form.measures
      .map(
        (m) =>
          `${m.title}${m.description ? `: ${m.description}` : ''} (${statusLabel(m.status)}${m.startDate ? `, ${m.startDate}` : ''}${m.followUpDate ? ` → ${m.followUpDate}` : ''})`,
      )
      .join('\n');
  }
  if (part === 'sickLeaveSteps') {
    return form.sickLeaveSteps
      .map((step) => `${step.degree} %: ${step.fromDate} – ${step.toDate}`)
      .join('\n');
  }
  if (part === 'followUps') {
    return form.followUps.map((f) => `${f.date}: ${f.description}${f.done ? ' ✓' : ''}`).join('\n');
  }
  return form[part];
}

/** The parts the caller writes whose text differs between the two versions (only those it chooses between). */
export function differingParts(
  mine: PlanForm,
  theirs: PlanForm,
  rights: EditRights,
  statusLabel: (status: MeasureStatus) => string,
): Part[] {
  return editableParts(rights).filter(
    (part) => partText(mine, part, statusLabel) !== partText(theirs, part, statusLabel),
  );
}

/** Which version's value each part takes; a part not named keeps mine. */
export type MergeChoice = Readonly<Partial<Record<Part, 'mine' | 'theirs'>>>;

/** The form after a conflict: each part from the version the user chose for it. */
export function mergeForms(mine: PlanForm, theirs: PlanForm, choice: MergeChoice): PlanForm {
  const pick = (part: Part) => (choice[part] === 'theirs' ? theirs : mine);
  return {
    goal: pick('goal').goal,
    expectedReturnDate: pick('expectedReturnDate').expectedReturnDate,
    expectedReturnBasis: pick('expectedReturnBasis').expectedReturnBasis,
    contactArrangements: pick('contactArrangements').contactArrangements,
    measures: pick('measures').measures,
    sickLeaveSteps: pick('sickLeaveSteps').sickLeaveSteps,
    followUps: pick('followUps').followUps,
  };
}
