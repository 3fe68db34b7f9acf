import type { PrismaClient } from '@prisma/client';
import request from 'supertest';
import { DEMO_EMAILS, type DemoRole, loginAs, seedDemo } from '../testing/demo-fixture';
import { createTestApp, type TestApp } from '../testing/test-app';

// Meeting notes after issue 11: every party writes notes of the meetings it arranged or
// was invited to (rule 9); medical notes only by medical authors, and none of their next
// steps goes to a party without MEDICAL (leak 1); a next step reaches only its assignee and
// those who may read the note, and the author sees that reach before saving (leak 3).
// Demo consents: employer PLAN, TASKS, MEETINGS, DOCUMENTS (no MEETING_NOTES, no MEDICAL);
// care and FK everything; AF nothing. The demo avstämningsmöte is FK's, with Anna, the
// manager and the coordinator invited (not the doctor, not AF).

interface NoteBody {
  id: string;
  category: string;
  author: { party: string };
  nextSteps: { title: string; taskId: string | null }[];
}
interface CreatedBody {
  note: NoteBody;
  taskIds: string[];
}
interface ReachBody {
  note: { parties: string[] };
  nextSteps: { parties: string[]; assigneeMayRead: boolean }[];
}

const HOUR = 3_600_000;
const future = (days: number, hours = 0): string =>
  new Date(Math.ceil(Date.now() / HOUR) * HOUR + days * 24 * HOUR + hours * HOUR).toISOString();

describe('meeting notes', () => {
  let testApp: TestApp;
  let prisma: PrismaClient;
  let workspaceId: string;
  let demoMeetingId: string;
  const tokens = new Map<DemoRole, string>();
  const participant = new Map<DemoRole, string>();
  const http = () => request(testApp.app.getHttpServer());
  const token = (role: DemoRole): string => `Bearer ${tokens.get(role) ?? ''}`;
  const pid = (role: DemoRole): string => participant.get(role) ?? '';
  const here = () => `/api/workspaces/${workspaceId}`;
  const notesUrl = (meetingId = demoMeetingId) => `${here()}/meetings/${meetingId}/notes`;

  beforeEach(async () => {
    tokens.clear();
    participant.clear();
    testApp = await createTestApp();
    ({ workspaceId, prisma } = await seedDemo(testApp));
    for (const role of Object.keys(DEMO_EMAILS) as DemoRole[]) {
      tokens.set(role, await loginAs(testApp, role));
      const row = await prisma.participant.findFirst({
        where: { workspaceId, user: { email: DEMO_EMAILS[role] } },
      });
      if (row) participant.set(role, row.id);
    }
    demoMeetingId = (
      await prisma.meeting.findFirstOrThrow({ where: { workspaceId, kind: 'AVSTAMNINGSMOTE' } })
    ).id;
  });

  afterEach(async () => {
    await prisma.$disconnect();
    await testApp.close();
  });

  /** Everything a note (with its next steps) would leave behind. */
  const counts = async () => ({
    notes: await prisma.meetingNote.count({ where: { workspaceId } }),
    tasks: await prisma.task.count({ where: { workspaceId } }),
    events: await prisma.workspaceEvent.count({ where: { workspaceId } }),
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

  async function reach(role: DemoRole, body: object, meetingId = demoMeetingId) {
    const response = await http()
      .post(`${notesUrl(meetingId)}/reach`)
      .set('authorization', token(role))
      .send(body)
      .expect(200);
    return response.body as ReachBody;
  }

  async function arrange(role: DemoRole, kind: string, invited: DemoRole[]): Promise<string> {
    const response = await http()
      .post(`${here()}/meetings`)
      .set('authorization', token(role))
      .send({
        kind,
        title: `${kind} (${role})`,
        participantIds: invited.map(pid),
        slots: [{ start: future(6), end: future(6, 1) }],
      })
      .expect(201);
    return response.body.id as string;
  }

  async function taskIdsSeenBy(role: DemoRole): Promise<string[]> {
    const response = await http()
      .get(`${here()}/tasks`)
      .set('authorization', token(role))
      .expect(200);
    return (response.body.tasks as { id: string }[]).map((task) => task.id);
  }

  async function eventIdsSeenBy(role: DemoRole): Promise<string[]> {
    const response = await http()
      .get(`${here()}/events`)
      .set('authorization', token(role))
      .expect(200);
    return (response.body.events as { data: { id?: string } }[]).flatMap((event) =>
      event.data.id ? [event.data.id] : [],
    );
  }

  const sorted = (parties: readonly string[]) => [...parties].sort();

  describe('who writes them (rule 9)', () => {
    it('lets the employer write the protocol of its own workplace rehab meeting, and read it back without MEETING_NOTES', async () => {
      const meetingId = await arrange('employer', 'WORKPLACE_REHAB', ['patient']);
      const { note } = await writeNote(
        'employer',
        {
          situation: 'Anna har provat kontorsuppgifterna i två veckor.',
          decisions: ['Hembesök med kollega från vecka 3'],
        },
        meetingId,
      );
      expect(note).toMatchObject({ category: 'MEETING_NOTES', author: { party: 'EMPLOYER' } });
      const employer = await http()
        .get(notesUrl(meetingId))
        .set('authorization', token('employer'))
        .expect(200);
      expect((employer.body.notes as NoteBody[]).map((n) => n.id)).toEqual([note.id]);
      expect(employer.body.withheld).toEqual(['MEETING_NOTES', 'MEDICAL']);
      // FK, granted MEETINGS and MEETING_NOTES, reads it too.
      const fk = await http()
        .get(notesUrl(meetingId))
        .set('authorization', token('fk'))
        .expect(200);
      expect((fk.body.notes as NoteBody[]).map((n) => n.id)).toEqual([note.id]);
    });

    it('lets the patient write her own notes of a meeting she is invited to, medical ones too', async () => {
      const { note } = await writeNote('patient', {
        situation: 'Jag tycker att mötet gick bra, men jag är orolig för hembesöken.',
      });
      expect(note).toMatchObject({ category: 'MEETING_NOTES', author: { party: 'PATIENT' } });
      const medical = await writeNote('patient', {
        situation: 'Jag sover bättre sedan jag började med KBT.',
        medical: true,
      });
      expect(medical.note).toMatchObject({ category: 'MEDICAL', author: { party: 'PATIENT' } });
      // Shared with the employer, her notes reach it; her medical note does not, invited
      // to the meeting though the employer is.
      await http()
        .post(`${here()}/consents`)
        .set('authorization', token('patient'))
        .send({ party: 'EMPLOYER', categories: ['MEETING_NOTES'] })
        .expect(201);
      const employer = await http()
        .get(notesUrl())
        .set('authorization', token('employer'))
        .expect(200);
      expect((employer.body.notes as NoteBody[]).map((n) => n.id)).toEqual([note.id]);
      expect(employer.body.withheld).toEqual(['MEDICAL']);
    });

    it('refuses notes from a party that neither arranged the meeting nor was invited, though it may read it', async () => {
      const fkFollowUp = await arrange('fk', 'FOLLOW_UP', ['patient']);
      const refused: [DemoRole, string][] = [
        // Care reads the demo meeting (MEETINGS) but only the coordinator was invited.
        ['doctor', demoMeetingId],
        // The employer reads FK's follow-up (MEETINGS) but was not invited.
        ['employer', fkFollowUp],
      ];
      const before = await counts();
      for (const [role, meetingId] of refused) {
        await http()
          .get(`${here()}/meetings/${meetingId}`)
          .set('authorization', token(role))
          .expect(200);
        for (const path of ['', '/reach']) {
          const response = await http()
            .post(`${notesUrl(meetingId)}${path}`)
            .set('authorization', token(role))
            .send({ situation: 'Mina anteckningar' });
          expect({ role, path, status: response.status, code: response.body.code }).toEqual({
            role,
            path,
            status: 403,
            code: 'NOT_AT_MEETING',
          });
        }
      }
      expect(await counts()).toEqual(before);
      const denial = await prisma.auditLog.findFirst({
        where: { workspaceId, outcome: 'DENIED', actorParty: 'CARE', resourceId: demoMeetingId },
      });
      expect(denial).toMatchObject({ action: 'note.created', reason: 'NOT_AT_MEETING' });
    });
  });

  describe('medical notes (leak 1)', () => {
    it('refuses a medical note whose next step would give its task to the employer, saving neither', async () => {
      const before = await counts();
      const refused: [object[], string][] = [
        [
          [
            {
              title: 'Anpassa schemat efter behandlingen',
              assigneeParty: 'EMPLOYER',
              createTask: true,
            },
          ],
          'nextSteps.0.assigneeParty',
        ],
        [
          [
            { title: 'Boka nästa KBT-samtal', assigneeParty: 'CARE', createTask: true },
            { title: 'Anpassa schemat', assigneeParticipantId: pid('employer'), createTask: true },
          ],
          'nextSteps.1.assigneeParticipantId',
        ],
      ];
      for (const [nextSteps, path] of refused) {
        const body = { situation: 'Sömnen bättre med KBT.', medical: true, nextSteps };
        const response = await http()
          .post(notesUrl())
          .set('authorization', token('coordinator'))
          .send(body);
        expect({ path, status: response.status, code: response.body.code }).toEqual({
          path,
          status: 422,
          code: 'ASSIGNEE_MAY_NOT_READ',
        });
        expect(response.body.errors[0].path).toBe(path);
        // The author could have seen it coming: the step's assignee may not read its task.
        const steps = (await reach('coordinator', body)).nextSteps;
        const employerStep = steps.at(-1);
        expect(employerStep?.assigneeMayRead).toBe(false);
        expect(employerStep?.parties).not.toContain('EMPLOYER');
      }
      expect(await counts()).toEqual(before);

      // The same medical note with its step for care is saved; the task is medical.
      const saved = await writeNote('coordinator', {
        situation: 'Sömnen bättre med KBT.',
        medical: true,
        nextSteps: [{ title: 'Boka nästa KBT-samtal', assigneeParty: 'CARE', createTask: true }],
      });
      const [taskId] = saved.taskIds;
      expect(await prisma.task.findUniqueOrThrow({ where: { id: taskId } })).toMatchObject({
        category: 'MEDICAL',
        noteId: saved.note.id,
        createdByParty: 'CARE',
      });
      expect(await taskIdsSeenBy('employer')).not.toContain(taskId);
      expect(await taskIdsSeenBy('fk')).toContain(taskId);
    });

    it('refuses medical notes from FK and AF, who do not author medical information, at meetings they may write notes of', async () => {
      const kartlaggning = await arrange('fk', 'GEMENSAM_KARTLAGGNING', ['patient', 'af']);
      const before = await counts();
      for (const [role, meetingId] of [
        ['fk', demoMeetingId],
        ['af', kartlaggning],
      ] as const) {
        const body = {
          situation: 'Utmattningssyndrom enligt intyget.',
          medical: true,
          nextSteps: [{ title: 'Begär journalen', assigneeParty: 'FK', createTask: true }],
        };
        for (const path of ['', '/reach']) {
          const response = await http()
            .post(`${notesUrl(meetingId)}${path}`)
            .set('authorization', token(role))
            .send(body);
          expect({ role, path, status: response.status, body: response.body }).toEqual({
            role,
            path,
            status: 403,
            body: expect.objectContaining({
              code: 'MEDICAL_NOT_ALLOWED',
              errors: [expect.objectContaining({ path: 'medical' })],
            }),
          });
        }
      }
      expect(await counts()).toEqual(before);
      // An ordinary note of the same meeting is theirs to write.
      const ordinary = await writeNote(
        'af',
        { situation: 'Anna är intresserad av arbetsträning.' },
        kartlaggning,
      );
      expect(ordinary.note).toMatchObject({ category: 'MEETING_NOTES', author: { party: 'AF' } });
    });
  });

  describe('next steps (leak 3)', () => {
    it('keeps a next step’s task from a party without MEETING_NOTES unless it is the assignee, and says so before saving', async () => {
      const body = {
        situation: 'Vi gick igenom planen.',
        decisions: ['Anna börjar på 75 % om två veckor'],
        nextSteps: [
          { title: 'Skicka läkarintyget till FK', assigneeParty: 'CARE', createTask: true },
          {
            title: 'Ordna en plats på kontoret',
            assigneeParticipantId: pid('employer'),
            createTask: true,
          },
          { title: 'Boka gemensam kartläggning', assigneeParty: 'AF', createTask: true },
          { title: 'Nytt möte i vår', createTask: false },
        ],
      };
      const before = await counts();
      const reached = await reach('fk', body);
      // Nothing is saved by asking.
      expect(await counts()).toEqual(before);
      expect(sorted(reached.note.parties)).toEqual(['CARE', 'FK', 'PATIENT']);
      expect(reached.nextSteps.map((step) => ({ ...step, parties: sorted(step.parties) }))).toEqual(
        [
          { parties: ['CARE', 'FK', 'PATIENT'], assigneeMayRead: true },
          { parties: ['CARE', 'EMPLOYER', 'FK', 'PATIENT'], assigneeMayRead: true },
          { parties: ['AF', 'CARE', 'FK', 'PATIENT'], assigneeMayRead: true },
          { parties: ['CARE', 'FK', 'PATIENT'], assigneeMayRead: true },
        ],
      );

      const { note, taskIds } = await writeNote('fk', body);
      expect(taskIds).toHaveLength(3);
      const [forCare, forChef, forAf] = taskIds as [string, string, string];
      expect(await prisma.task.findUniqueOrThrow({ where: { id: forCare } })).toMatchObject({
        category: 'TASKS',
        noteId: note.id,
        assigneeParty: 'CARE',
      });
      const taskEvent = await prisma.workspaceEvent.findFirstOrThrow({
        where: { workspaceId, subjectId: forCare },
      });
      expect(taskEvent).toMatchObject({ type: 'task.created', category: 'TASKS', viaNote: true });

      // The employer has TASKS but not MEETING_NOTES: it sees only the step given to it.
      const employerTasks = await taskIdsSeenBy('employer');
      expect(employerTasks).not.toContain(forCare);
      expect(employerTasks).not.toContain(forAf);
      expect(employerTasks).toContain(forChef);
      const employerEvents = await eventIdsSeenBy('employer');
      expect(employerEvents).not.toContain(forCare);
      expect(employerEvents).not.toContain(forAf);
      expect(employerEvents).not.toContain(note.id);
      expect(employerEvents).toContain(forChef);
      const single = await http()
        .get(`${here()}/tasks/${forCare}`)
        .set('authorization', token('employer'))
        .expect(403);
      expect(single.body.type).toMatch(/consent-required$/);
      // It names what the employer lacks: the note's category, not TASKS (which it has).
      expect(single.body.categories).toEqual(['MEETING_NOTES']);

      // Each assignee sees its own: care, and AF even without any consent.
      expect(await taskIdsSeenBy('coordinator')).toEqual(
        expect.arrayContaining([forCare, forChef, forAf]),
      );
      const afTasks = await taskIdsSeenBy('af');
      expect(afTasks).toContain(forAf);
      expect(afTasks).not.toContain(forCare);
      expect(await eventIdsSeenBy('af')).toContain(forAf);
      expect(await taskIdsSeenBy('patient')).toEqual(
        expect.arrayContaining([forCare, forChef, forAf]),
      );
    });

    it('lets the employer see next steps once the patient shares MEETING_NOTES with it', async () => {
      const { taskIds } = await writeNote('fk', {
        nextSteps: [{ title: 'Skicka läkarintyget', assigneeParty: 'CARE', createTask: true }],
      });
      const [forCare] = taskIds as [string];
      expect(await taskIdsSeenBy('employer')).not.toContain(forCare);
      await http()
        .post(`${here()}/consents`)
        .set('authorization', token('patient'))
        .send({ party: 'EMPLOYER', categories: ['MEETING_NOTES'] })
        .expect(201);
      expect(await taskIdsSeenBy('employer')).toContain(forCare);
      const reached = await reach('fk', {
        nextSteps: [{ title: 'Nästa', assigneeParty: 'CARE', createTask: true }],
      });
      expect(reached.nextSteps[0]?.parties).toContain('EMPLOYER');
    });
  });
});
