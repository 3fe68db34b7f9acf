import { Injectable } from '@nestjs/common';
import {
  type AccessLogEntry,
  accessLogQuerySchema,
  type CaseTimeline,
  type CertificateView,
  type ConsentView,
  type DocumentSummary,
  type MeetingNoteView,
  type MeetingView,
  type PlanRevisionSummary,
  type PlanView,
  type TaskView,
  type WorkspaceOverview,
} from '@atergang/contracts';
import type { WorkspaceAccess } from '../access/access.types';
import { AccessLogService } from '../audit/access-log.service';
import { CaseFactsService } from '../case-facts/case-facts.service';
import { CertificatesService } from '../case-facts/certificates.service';
import { ConsentsService } from '../consents/consents.service';
import { DocumentsService } from '../documents/documents.service';
import { MeetingNotesService } from '../meetings/meeting-notes.service';
import { MeetingsService } from '../meetings/meetings.service';
import { PlanService } from '../plan/plan.service';
import { TasksService } from '../tasks/tasks.service';
import { WorkspacesService } from '../workspaces/workspaces.service';

/**
 * Everything of a case one caller may see, as the features' own reads return it: the
 * overview, the plan and its revisions, tasks, meetings with their notes, documents,
 * consents, certificates, the facts' timeline and (for the patient) her access log.
 */
export interface CaseRecord {
  readonly overview: WorkspaceOverview;
  /** Set only for a caller the policy lets see it (the patient). */
  readonly personnummer: string | null;
  readonly plan: PlanView;
  readonly planRevisions: readonly PlanRevisionSummary[];
  readonly tasks: readonly TaskView[];
  readonly meetings: readonly MeetingView[];
  readonly notes: readonly MeetingNoteView[];
  readonly documents: readonly DocumentSummary[];
  readonly consents: readonly ConsentView[];
  readonly certificates: readonly CertificateView[];
  readonly timeline: CaseTimeline;
  /** Who did what in her case, newest first; null for anyone but the patient. */
  readonly accessLog: readonly AccessLogEntry[] | null;
  /** When the record was read (an instant). */
  readonly readAt: string;
}

/** Pages of the access log read for one record: 500 entries each. */
const ACCESS_LOG_PAGE = 500;
const ACCESS_LOG_MAX_PAGES = 200;

/**
 * Reads a case for a document made of it (the FHIR Bundle, the patient's copy) through the
 * features' services only: each applies the policy and consent and audits its own read, so
 * a document can never hold more than the same caller's REST reads return. Nothing here
 * touches a repository.
 */
@Injectable()
export class CaseRecordService {
  constructor(
    private readonly workspaces: WorkspacesService,
    private readonly plan: PlanService,
    private readonly tasks: TasksService,
    private readonly meetings: MeetingsService,
    private readonly notes: MeetingNotesService,
    private readonly documents: DocumentsService,
    private readonly consents: ConsentsService,
    private readonly certificates: CertificatesService,
    private readonly caseFacts: CaseFactsService,
    private readonly accessLog: AccessLogService,
  ) {}

  async read(access: WorkspaceAccess): Promise<CaseRecord> {
    const readAt = new Date().toISOString();
    // The overview's names and dates are what every participant sees; its read is part of
    // the document's own audit row.
    const overview = await this.workspaces.overviewOf(access, false);
    const personnummer = await this.workspaces.patientIdentifierFor(access);
    const plan = await this.plan.read(access);
    const planRevisions = await this.plan.revisions(access);
    const tasks = (await this.tasks.list(access, {})).tasks;
    const meetings = (await this.meetings.list(access)).meetings;
    const notes: MeetingNoteView[] = [];
    if (overview.permissions.includes('note:read')) {
      for (const meeting of meetings) {
        notes.push(...(await this.notes.list(access, meeting.id)).notes);
      }
    }
    const documents = (await this.documents.list(access)).documents;
    const consents = await this.consents.list(access);
    const certificates = await this.certificates.list(access);
    const timeline = await this.caseFacts.timeline(access);
    const accessLog = overview.permissions.includes('access-log:read')
      ? await this.wholeAccessLog(access)
      : null;
    return {
      overview,
      personnummer,
      plan,
      planRevisions,
      tasks,
      meetings,
      notes,
      documents,
      consents,
      certificates,
      timeline,
      accessLog,
      readAt,
    };
  }

  /** Every entry of the patient's access log, page by page (bounded: 100 000 entries). */
  private async wholeAccessLog(access: WorkspaceAccess): Promise<AccessLogEntry[]> {
    const entries: AccessLogEntry[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < ACCESS_LOG_MAX_PAGES; page += 1) {
      const query = accessLogQuerySchema.parse({
        limit: ACCESS_LOG_PAGE,
        ...(cursor ? { cursor } : {}),
      });
      const result = await this.accessLog.entries(access, query);
      entries.push(...result.entries);
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    return entries;
  }
}
