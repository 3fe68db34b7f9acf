import type { DocumentKind, MeetingKind, Role } from '@atergang/contracts';

// Swedish words for the case's codes, for documents made of it (the FHIR Bundle's display
// texts, the patient's copy). The plan's own words (parties, kinds of measure, statuses,
// decisions) are the plan document's (plan-export/plan-document.ts).

export const ROLE_SV: Readonly<Record<Role, string>> = {
  DOCTOR: 'Läkare',
  COORDINATOR: 'Rehabiliteringskoordinator',
  THERAPIST: 'Terapeut',
  MANAGER: 'Chef',
  HR: 'HR',
  FHV_CONSULTANT: 'Konsult inom företagshälsovården',
  CASE_OFFICER: 'Handläggare',
  ORG_ADMIN: 'Administratör',
};

export const MEETING_KIND_SV: Readonly<Record<MeetingKind, string>> = {
  AVSTAMNINGSMOTE: 'Avstämningsmöte',
  SASSAM: 'SASSAM-kartläggning',
  GEMENSAM_KARTLAGGNING: 'Gemensam kartläggning',
  OMSTALLNINGSMOTE: 'Omställningsmöte',
  WORKPLACE_REHAB: 'Rehabiliteringsmöte på arbetsplatsen',
  FOLLOW_UP: 'Uppföljningsmöte',
};

export const DOCUMENT_KIND_SV: Readonly<Record<DocumentKind, string>> = {
  RETURN_TO_WORK_PLAN: 'Plan för återgång i arbete',
  MEDICAL_CERTIFICATE: 'Läkarintyg',
  MEETING_PROTOCOL: 'Mötesprotokoll',
  OTHER: 'Övrigt dokument',
};

export const CATEGORY_SV: Readonly<Record<string, string>> = {
  PLAN: 'Planen',
  TASKS: 'Uppgifter',
  MEETINGS: 'Möten',
  MEETING_NOTES: 'Mötesanteckningar',
  DOCUMENTS: 'Dokument',
  MEDICAL: 'Medicinsk information',
};

export const TASK_STATUS_SV: Readonly<Record<string, string>> = {
  OPEN: 'Att göra',
  IN_PROGRESS: 'Pågår',
  DONE: 'Klar',
  CANCELLED: 'Avbruten',
};

export const MEETING_STATUS_SV: Readonly<Record<string, string>> = {
  PROPOSED: 'Föreslaget',
  SCHEDULED: 'Bokat',
  CANCELLED: 'Inställt',
};
