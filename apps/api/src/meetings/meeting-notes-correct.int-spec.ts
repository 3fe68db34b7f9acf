import type { PrismaClient } from '@prisma/client';
import request from 'supertest';
import { DEMO_EMAILS, type DemoRole, loginAs, seedDemo } from '../testing/demo-fixture';
import { createTestApp, type TestApp } from '../testing/test-app';

// Correcting meeting notes, with history, and who attended (issue 15, item 1). A note is
// corrected by its author's party (the policy's `update` on MeetingNote), against the version
// read, changing only the fields sent; the earlier text is kept and read under the note's
// own consent rule. Demo consents: employer PLAN, TASKS, MEETINGS, DOCUMENTS; care and FK
// everything; AF nothing. The demo avstämningsmöte is FK's, with Anna, the manager and the
// coordinator invited (not the doctor, not AF).

interface NoteBody {
  id: string;
  version: number;
  category: string;
  situation: string | null;
  workCapacity: string | null;
  rehabilitationNeeds: string | null;
  decisions: string[];
  nextSteps: { title: string; taskId: string | null }[];
  attendees: { participantId: string; name: string; party: string }[];
  lastCorrection: { by: { name: string; party: string }; reason: string | null } | null;
  may: { correct: boolean };
}
interface CreatedBody {
  note: NoteBody;
  taskIds: string[];
}
interface RevisionsBody {
  noteId: string;
  currentVersion: number;
  revisions: {
    version: number;
    situation: string | null;
    decisions: string[];
    attendees: { name: string }[];
    savedBy: { name: string; party: string };
    replacedBy: { name: string; party: string };
    reason: string | null;
  }[];
}

describe('correcting meeting notes', () => {
  let testApp: TestApp;
  let prisma: PrismaClient;
  let workspaceId: string;
  let demoMeetingId: string;
  const tokens = new Map<DemoRole, string>();
  const participant = new Map<DemoRole, string>();
  const names = new Map<DemoRole, string>();
  const http = () => request(testApp.app.getHttpServer());
  const token = (role: DemoRole): string => `Bearer ${tokens.get(role) ?? ''}`;
  const pid = (role: DemoRole): string => participant.get(role) ?? '';
  const here = () => `/api/workspaces/${workspaceId}`;
  const notesUrl = (meetingId = demoMeetingId) => `${here()}/meetings/${meetingId}/notes`;

  beforeEach(async () => {
    tokens.clear();
    participant.clear();
    names.clear();
    testApp = await createTestApp();
    ({ workspaceId, prisma } = await seedDemo(testApp));
    for (const role of Object.keys(DEMO_EMAILS) as DemoRole[]) {
      tokens.set(role, await loginAs(testApp, role));
      const row = await prisma.participant.findFirst({
        where: { workspaceId, user: { email: DEMO_EMAILS[role] } },
        include: { user: true },
      });
      if (row) {
        participant.set(role, row.id);
        names.set(role, row.user.name);
      }
    }
    demoMeetingId = (
      await prisma.meeting.findFirstOrThrow({ where: { workspaceId, kind: 'AVSTAMNINGSMOTE' } })
    ).id;
  });

  afterEach(async () => {
    await prisma.$disconnect();
    await testApp.close();
  });

  async function writeNote(role: DemoRole, body: object, meetingId = demoMeetingId) {
    const response = await http()
      .post(notesUrl(meetingId))
      .set('authorization', token(role))
      .send(body);
    expect({
      status: response.status,
      body: response.status === 201 ? null : response.body,
    }).toEqual({ status: 201, body: null });
    return response.body as CreatedBody;
  }

  const correct = (role: DemoRole, noteId: string, body: object, meetingId = demoMeetingId) =>
    http()
      .patch(`${notesUrl(meetingId)}/${noteId}`)
      .set('authorization', token(role))
      .send(body);

  const revisions = (role: DemoRole, noteId: string, meetingId = demoMeetingId) =>
    http()
      .get(`${notesUrl(meetingId)}/${noteId}/revisions`)
      .set('authorization', token(role));

  async function notesSeenBy(role: DemoRole, meetingId = demoMeetingId): Promise<NoteBody[]> {
    const response = await http()
      .get(notesUrl(meetingId))
      .set('authorization', token(role))
      .expect(200);
    return response.body.notes as NoteBody[];
  }

  /** Care's follow-up with the patient and the manager invited (the doctor organises). */
  async function careMeeting(): Promise<string> {
    const start = new Date(Date.now() + 7 * 24 * 3_600_000);
    start.setUTCMinutes(0, 0, 0);
    const response = await http()
      .post(`${here()}/meetings`)
      .set('authorization', token('doctor'))
      .send({
        kind: 'FOLLOW_UP',
        title: 'Uppföljning',
        participantIds: [pid('patient'), pid('employer')],
        slots: [
          { start: start.toISOString(), end: new Date(start.getTime() + 3_600_000).toISOString() },
        ],
      })
      .expect(201);
    return response.body.id as string;
  }

  const FK_NOTE = {
    situation: 'Anna orkar mer än för en månad sedan.',
    workCapacity: 'Kan arbeta 50 % med anpassade uppgifter.',
    rehabilitationNeeds: 'Arbetsträning på kontoret.',
    decisions: ['Anna börjar på 50 % om två veckor'],
    nextSteps: [
      { title: 'Boka arbetsplatsbesök', assigneeParty: 'FK', createTask: true },
      { title: 'Nytt möte i vår', createTask: false },
    ],
  };

  describe('who corrects', () => {
    it('lets the author’s party correct the note, changing only the fields sent', async () => {
      const { note, taskIds } = await writeNote('fk', {
        ...FK_NOTE,
        attendeeParticipantIds: [pid('patient'), pid('fk')],
      });
      const before = await prisma.meetingNote.findUniqueOrThrow({ where: { id: note.id } });

      const response = await correct('fk', note.id, {
        version: 1,
        situation: 'Anna orkar mer än för två månader sedan.',
        reason: 'Fel månad',
      }).expect(200);
      const corrected = (response.body as CreatedBody).note;

      expect(corrected).toMatchObject({
        version: 2,
        situation: 'Anna orkar mer än för två månader sedan.',
        lastCorrection: { by: { party: 'FK' }, reason: 'Fel månad' },
        may: { correct: true },
      });
      // Every field not sent is exactly as it was, in the database too.
      const after = await prisma.meetingNote.findUniqueOrThrow({ where: { id: note.id } });
      expect({
        workCapacity: after.workCapacity,
        rehabilitationNeeds: after.rehabilitationNeeds,
        decisions: after.decisions,
        nextSteps: after.nextSteps,
        category: after.category,
        authorId: after.authorId,
      }).toEqual({
        workCapacity: before.workCapacity,
        rehabilitationNeeds: before.rehabilitationNeeds,
        decisions: before.decisions,
        nextSteps: before.nextSteps,
        category: before.category,
        authorId: before.authorId,
      });
      expect(corrected.attendees.map((a) => a.participantId).sort()).toEqual(
        [pid('patient'), pid('fk')].sort(),
      );
      // The step that became a task is still that task; no task was made again.
      expect(corrected.nextSteps[0]?.taskId).toBe(taskIds[0]);
      expect(await prisma.task.count({ where: { workspaceId, noteId: note.id } })).toBe(1);
    });

    it('lets another person of the author’s party correct it (the party writes it, not one person)', async () => {
      const meetingId = await careMeeting();
      const { note } = await writeNote(
        'doctor',
        { situation: 'Sömnen bättre.', medical: true },
        meetingId,
      );
      const response = await correct(
        'coordinator',
        note.id,
        { version: 1, situation: 'Sömnen är bättre; KBT fortsätter.' },
        meetingId,
      ).expect(200);
      expect((response.body as CreatedBody).note).toMatchObject({
        version: 2,
        category: 'MEDICAL',
        situation: 'Sömnen är bättre; KBT fortsätter.',
      });
    });

    it('refuses another party with a 403 problem, audits the refusal and changes nothing', async () => {
      const { note } = await writeNote('fk', FK_NOTE);
      for (const role of ['coordinator', 'patient'] as const) {
        const response = await correct(role, note.id, { version: 1, situation: 'Ändrat' });
        expect({ status: response.status, code: response.body.code }).toEqual({
          status: 403,
          code: 'NOT_NOTE_AUTHOR',
        });
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
      // The employer may not even read FK's notes (no MEETING_NOTES): consent-required.
      const employer = await correct('employer', note.id, { version: 1, situation: 'Ändrat' });
      expect(employer.status).toBe(403);
      expect(String(employer.body.type)).toMatch(/consent-required$/);

      const denials = await prisma.auditLog.findMany({
        where: { workspaceId, action: 'note.corrected', outcome: 'DENIED' },
      });
      expect(denials.map((row) => [row.actorParty, row.reason]).sort()).toEqual(
        [
          ['CARE', 'NOT_NOTE_AUTHOR'],
          ['EMPLOYER', 'CONSENT_REQUIRED'],
          ['PATIENT', 'NOT_NOTE_AUTHOR'],
        ].sort(),
      );
      const row = await prisma.meetingNote.findUniqueOrThrow({ where: { id: note.id } });
      expect({ version: row.version, situation: row.situation }).toEqual({
        version: 1,
        situation: FK_NOTE.situation,
      });
      expect(await prisma.meetingNoteRevision.count({ where: { noteId: note.id } })).toBe(0);
    });

    it('shows may.correct only to the author’s party', async () => {
      const { note } = await writeNote('fk', FK_NOTE);
      const mayOf = async (role: DemoRole) =>
        (await notesSeenBy(role)).find((seen) => seen.id === note.id)?.may.correct;
      expect(await mayOf('fk')).toBe(true);
      expect(await mayOf('patient')).toBe(false);
      expect(await mayOf('coordinator')).toBe(false);
    });

    it('keeps a closed case read-only: 409 CASE_CLOSED, and may.correct false', async () => {
      const { note } = await writeNote('fk', FK_NOTE);
      await http()
        .post(`${here()}/close`)
        .set('authorization', token('fk'))
        .send({ reason: 'BACK_AT_WORK_FULL' })
        .expect(200);
      const response = await correct('fk', note.id, { version: 1, situation: 'Ändrat' });
      expect({ status: response.status, code: response.body.code }).toEqual({
        status: 409,
        code: 'CASE_CLOSED',
      });
      expect((await notesSeenBy('fk')).find((seen) => seen.id === note.id)?.may.correct).toBe(
        false,
      );
    });
  });

  describe('versions', () => {
    it('answers a stale version with 409 naming who saved, and keeps their correction', async () => {
      const { note } = await writeNote('fk', FK_NOTE);
      await correct('fk', note.id, { version: 1, situation: 'Första rättelsen' }).expect(200);
      const stale = await correct('fk', note.id, { version: 1, situation: 'Andra rättelsen' });
      expect(stale.status).toBe(409);
      expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(stale.body).toMatchObject({
        code: 'NOTE_VERSION_CONFLICT',
        currentVersion: 2,
        savedBy: { name: names.get('fk'), party: 'FK' },
        errors: [{ path: 'version' }],
      });
      const row = await prisma.meetingNote.findUniqueOrThrow({ where: { id: note.id } });
      expect({ version: row.version, situation: row.situation }).toEqual({
        version: 2,
        situation: 'Första rättelsen',
      });
    });

    it('lets only one of two correctors of the same version win', async () => {
      const { note } = await writeNote('fk', FK_NOTE);
      const answers = await Promise.all([
        correct('fk', note.id, { version: 1, situation: 'A' }),
        correct('fk', note.id, { version: 1, situation: 'B' }),
      ]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
      expect(await prisma.meetingNoteRevision.count({ where: { noteId: note.id } })).toBe(1);
    });

    it('saves nothing when nothing differs (no version, no revision, no event)', async () => {
      const { note } = await writeNote('fk', FK_NOTE);
      const events = await prisma.workspaceEvent.count({ where: { workspaceId } });
      const response = await correct('fk', note.id, {
        version: 1,
        situation: FK_NOTE.situation,
        decisions: FK_NOTE.decisions,
      }).expect(200);
      expect((response.body as CreatedBody).note.version).toBe(1);
      expect(await prisma.meetingNoteRevision.count({ where: { noteId: note.id } })).toBe(0);
      expect(await prisma.workspaceEvent.count({ where: { workspaceId } })).toBe(events);
    });

    it('keeps the steps that became tasks and makes tasks of new steps only', async () => {
      const { note, taskIds } = await writeNote('fk', FK_NOTE);
      const response = await correct('fk', note.id, {
        version: 1,
        nextSteps: [{ title: 'Skicka kallelse', assigneeParty: 'FK', createTask: true }],
      }).expect(200);
      const body = response.body as CreatedBody;
      expect(body.note.nextSteps.map((step) => [step.title, step.taskId !== null])).toEqual([
        ['Boka arbetsplatsbesök', true],
        ['Skicka kallelse', true],
      ]);
      expect(body.note.nextSteps[0]?.taskId).toBe(taskIds[0]);
      expect(body.taskIds).toHaveLength(1);
      expect(await prisma.task.count({ where: { workspaceId, noteId: note.id } })).toBe(2);
    });
  });

  describe('history', () => {
    it('keeps each earlier version, readable by those who may read the note', async () => {
      const { note } = await writeNote('fk', {
        ...FK_NOTE,
        attendeeParticipantIds: [pid('patient')],
      });
      await correct('fk', note.id, {
        version: 1,
        situation: 'Rättat nuläge',
        attendeeParticipantIds: [pid('patient'), pid('coordinator')],
        reason: 'Koordinatorn var med',
      }).expect(200);
      await correct('fk', note.id, { version: 2, decisions: ['Anna börjar på 25 %'] }).expect(200);

      for (const role of ['fk', 'patient', 'coordinator', 'doctor'] as const) {
        const response = await revisions(role, note.id);
        expect({ role, status: response.status }).toEqual({ role, status: 200 });
        const body = response.body as RevisionsBody;
        expect(body.currentVersion).toBe(3);
        expect(
          body.revisions.map((revision) => ({
            version: revision.version,
            situation: revision.situation,
            decisions: revision.decisions,
            attendees: revision.attendees.map((a) => a.name),
            reason: revision.reason,
          })),
        ).toEqual([
          {
            version: 2,
            situation: 'Rättat nuläge',
            decisions: FK_NOTE.decisions,
            attendees: [names.get('patient'), names.get('coordinator')].sort((a, b) =>
              (a ?? '').localeCompare(b ?? '', 'sv'),
            ),
            reason: null,
          },
          {
            version: 1,
            situation: FK_NOTE.situation,
            decisions: FK_NOTE.decisions,
            attendees: [names.get('patient')],
            reason: 'Koordinatorn var med',
          },
        ]);
        expect(body.revisions[1]?.savedBy).toEqual({ name: names.get('fk'), party: 'FK' });
      }
      const reads = await prisma.auditLog.count({
        where: {
          workspaceId,
          action: 'note.revisions.read',
          outcome: 'ALLOWED',
          resourceId: note.id,
        },
      });
      expect(reads).toBe(4);
    });

    it('withholds a medical note’s history from the employer, who reads an ordinary one by consent', async () => {
      // Anna lets the employer read meeting notes, but not medical information.
      await http()
        .post(`${here()}/consents`)
        .set('authorization', token('patient'))
        .send({ party: 'EMPLOYER', categories: ['MEETING_NOTES'] })
        .expect(201);
      const meetingId = await careMeeting();
      const medical = await writeNote(
        'doctor',
        { situation: 'Diagnos F43.8', medical: true },
        meetingId,
      );
      const ordinary = await writeNote('doctor', { situation: 'Uppföljning bokad.' }, meetingId);
      for (const { note } of [medical, ordinary]) {
        await correct('doctor', note.id, { version: 1, situation: 'Rättat' }, meetingId).expect(
          200,
        );
      }

      const refused = await revisions('employer', medical.note.id, meetingId);
      expect(refused.status).toBe(403);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(String(refused.body.type)).toMatch(/consent-required$/);
      expect(refused.body.categories).toEqual(['MEDICAL']);
      expect(JSON.stringify(refused.body)).not.toContain('F43.8');

      const allowed = await revisions('employer', ordinary.note.id, meetingId).expect(200);
      expect((allowed.body as RevisionsBody).revisions[0]?.situation).toBe('Uppföljning bokad.');
      // The medical note's correction reached the employer neither as a note nor as an event.
      expect((await notesSeenBy('employer', meetingId)).map((seen) => seen.id)).toEqual([
        ordinary.note.id,
      ]);
      const events = await http()
        .get(`${here()}/events`)
        .set('authorization', token('employer'))
        .expect(200);
      const corrected = (events.body.events as { type: string; data: { id: string } }[])
        .filter((event) => event.type === 'note.corrected')
        .map((event) => event.data.id);
      expect(corrected).toEqual([ordinary.note.id]);
      expect(
        await prisma.auditLog.count({
          where: {
            workspaceId,
            action: 'note.revisions.read',
            outcome: 'DENIED',
            resourceId: medical.note.id,
          },
        }),
      ).toBe(1);
    });

    it('answers 404 for a note that is not the meeting’s', async () => {
      const { note } = await writeNote('fk', FK_NOTE);
      const meetingId = await careMeeting();
      const response = await revisions('fk', note.id, meetingId);
      expect({ status: response.status, code: response.body.code }).toEqual({
        status: 404,
        code: 'NOTE_NOT_FOUND',
      });
    });
  });

  describe('who attended', () => {
    it('records the invited as attending, by name', async () => {
      const { note } = await writeNote('fk', {
        ...FK_NOTE,
        attendeeParticipantIds: [pid('employer'), pid('patient')],
      });
      const seen = (await notesSeenBy('patient')).find((each) => each.id === note.id);
      expect(seen?.attendees.map((a) => [a.name, a.party]).sort()).toEqual(
        [
          [names.get('employer'), 'EMPLOYER'],
          [names.get('patient'), 'PATIENT'],
        ].sort(),
      );
    });

    it('refuses an attendee who was not invited, or is unknown, with 422 naming the entry', async () => {
      // The doctor takes part in the case but was not invited to FK's meeting.
      const notInvited = await http()
        .post(notesUrl())
        .set('authorization', token('fk'))
        .send({
          ...FK_NOTE,
          attendeeParticipantIds: [
            pid('patient'),
            pid('doctor'),
            '00000000-0000-4000-8000-000000000000',
          ],
        });
      expect(notInvited.status).toBe(422);
      expect(notInvited.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(notInvited.body).toMatchObject({
        code: 'ATTENDEE_NOT_INVITED',
        errors: [{ path: 'attendeeParticipantIds.1' }, { path: 'attendeeParticipantIds.2' }],
      });
      expect(await prisma.meetingNote.count({ where: { workspaceId } })).toBe(0);

      const { note } = await writeNote('fk', FK_NOTE);
      const onCorrection = await correct('fk', note.id, {
        version: 1,
        attendeeParticipantIds: [pid('af')],
      });
      expect(onCorrection.status).toBe(422);
      expect(onCorrection.body).toMatchObject({
        code: 'ATTENDEE_NOT_INVITED',
        errors: [{ path: 'attendeeParticipantIds.0' }],
      });
      // A repeated entry is refused by the contract, naming the field.
      const repeated = await correct('fk', note.id, {
        version: 1,
        attendeeParticipantIds: [pid('patient'), pid('patient')],
      });
      expect(repeated.status).toBe(400);
      expect(repeated.body.errors).toEqual([
        expect.objectContaining({ path: 'attendeeParticipantIds' }),
      ]);
    });
  });

  describe('one transaction', () => {
    it('writes the correction, its revision, its event and its audit row together', async () => {
      const { note } = await writeNote('fk', FK_NOTE);
      await correct('fk', note.id, { version: 1, situation: 'Rättat' }).expect(200);
      const event = await prisma.workspaceEvent.findFirstOrThrow({
        where: { workspaceId, type: 'note.corrected', subjectId: note.id },
      });
      expect({
        category: event.category,
        authorParty: event.authorParty,
        payload: event.payload,
      }).toEqual({
        category: 'MEETING_NOTES',
        authorParty: 'FK',
        payload: { id: note.id, version: 2 },
      });
      expect(
        await prisma.auditLog.count({
          where: { workspaceId, action: 'note.corrected', outcome: 'ALLOWED', resourceId: note.id },
        }),
      ).toBe(1);
    });

    it('leaves nothing behind when a part of the correction is refused', async () => {
      // A new step of a medical note cannot become a task for the employer (no MEDICAL): the
      // whole correction is refused, the text change, revision, event and audit row with it.
      const meetingId = await careMeeting();
      const { note } = await writeNote('doctor', { situation: 'Sömn', medical: true }, meetingId);
      const events = await prisma.workspaceEvent.count({ where: { workspaceId } });
      const response = await correct(
        'doctor',
        note.id,
        {
          version: 1,
          situation: 'Sömnen är bättre',
          nextSteps: [{ title: 'Anpassa schemat', assigneeParty: 'EMPLOYER', createTask: true }],
        },
        meetingId,
      );
      expect({ status: response.status, code: response.body.code }).toEqual({
        status: 422,
        code: 'ASSIGNEE_MAY_NOT_READ',
      });
      expect(response.body.errors).toEqual([
        expect.objectContaining({ path: 'nextSteps.0.assigneeParty' }),
      ]);
      const row = await prisma.meetingNote.findUniqueOrThrow({ where: { id: note.id } });
      expect({ version: row.version, situation: row.situation }).toEqual({
        version: 1,
        situation: 'Sömn',
      });
      expect(await prisma.meetingNoteRevision.count({ where: { noteId: note.id } })).toBe(0);
      expect(await prisma.workspaceEvent.count({ where: { workspaceId } })).toBe(events);
      expect(
        await prisma.auditLog.count({
          where: { workspaceId, action: 'note.corrected', outcome: 'ALLOWED' },
        }),
      ).toBe(0);
    });

    it('never changes a kept revision (append-only in the database)', async () => {
      const { note } = await writeNote('fk', FK_NOTE);
      await correct('fk', note.id, { version: 1, situation: 'Rättat' }).expect(200);
      await expect(
        prisma.meetingNoteRevision.updateMany({
          where: { noteId: note.id },
          data: { situation: 'Omskrivet' },
        }),
      ).rejects.toThrow(/append-only/);
    });
  });
});
