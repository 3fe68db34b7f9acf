import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from 'pg';
import { TestSmtpServer } from '@atergang/test-smtp';
import {
  api,
  createDatabase,
  type Database,
  type Instance,
  login,
  root,
  startInstance,
  stopInstance,
} from '../live/cluster';

// Notifications across built API processes (dist/api) on one PostgreSQL database and a
// real SMTP server: two processes working the job queue send each notification exactly
// once, and a sender killed (SIGKILL) in the middle of a batch loses none and duplicates
// none once another process takes over. Each test has its own database.

const PATIENT = 'anna@atergang.test';
const EMPLOYER = 'chef@atergang.test';
const jwtSecret = randomBytes(48).toString('base64url');

let smtp: TestSmtpServer;
let smtpUrl: string;
let password: string;
let database: Database | undefined;
const instances: Instance[] = [];

/** The outbox row id in each message the SMTP server accepted for the patient. */
function acceptedForPatient(): string[] {
  return smtp.received
    .filter((mail) =>
      (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).some((to) =>
        to.value.some((value) => value.address === PATIENT),
      ),
    )
    .map((mail) => /^<([^@]+)@/.exec(mail.messageId ?? '')?.[1] ?? String(mail.messageId));
}

async function start(name: string, demo: boolean): Promise<Instance> {
  const instance = await startInstance({
    name,
    databaseUrl: database?.url ?? '',
    jwtSecret,
    demo,
    env: {
      SMTP_URL: smtpUrl,
      JOB_WORKER: 'on',
      // A message claimed by a killed sender is sent again after this lease.
      MAIL_LEASE_SECONDS: '2',
    },
  });
  instances.push(instance);
  return instance;
}

interface DemoCase {
  readonly workspaceId: string;
  readonly employerToken: string;
}

/** Signs in the demo's patient and employer, and lets the patient be mailed at once. */
async function demoCase(url: string): Promise<DemoCase> {
  const patientToken = await login(url, PATIENT, password);
  const employerToken = await login(url, EMPLOYER, password);
  const list = await api(url, patientToken, 'GET', '/api/workspaces');
  const workspaceId = (list.body as { id: string }[])[0]?.id ?? '';
  const chosen = await api(url, patientToken, 'PATCH', '/api/me/notification-preferences', {
    kinds: { 'task.assigned': 'IMMEDIATE' },
    quietHours: null,
  });
  expect(chosen.status).toBe(200);
  return { workspaceId, employerToken };
}

async function assignTasks(url: string, demo: DemoCase, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 1; i <= count; i += 1) {
    const created = await api(
      url,
      demo.employerToken,
      'POST',
      `/api/workspaces/${demo.workspaceId}/tasks`,
      { title: `Hemlig uppgift ${i}`, assigneeParty: 'PATIENT' },
    );
    expect(created.status).toBe(201);
    ids.push((created.body as { id: string }).id);
  }
  return ids;
}

async function waitFor(done: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const until = Date.now() + 60_000;
  while (!(await done())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function query<Row extends object>(sql: string, values: unknown[]): Promise<Row[]> {
  const client = new Client({ connectionString: database?.url });
  await client.connect();
  try {
    return (await client.query<Row>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** How many task.assigned notifications each task has. */
async function notificationsPerTask(taskIds: readonly string[]): Promise<number[]> {
  const rows = await query<{ count: number }>(
    `SELECT (SELECT count(*)::int FROM notifications n
              WHERE n.subject_id = t.id AND n.kind = 'task.assigned') AS count
       FROM unnest($1::text[]) WITH ORDINALITY AS t(id, position)
      ORDER BY position`,
    [taskIds],
  );
  return rows.map((row) => row.count);
}

/** The outbox's mails to the patient (the demo's own included), by id. */
async function patientOutbox(): Promise<{ id: string; status: string; kind: string }[]> {
  return query(
    `SELECT id::text, status::text, kind FROM mail_outbox WHERE to_address = $1 ORDER BY id`,
    [PATIENT],
  );
}

/**
 * Waits until every task has its notification and every mail to the patient was sent,
 * then a little longer (a copy sent twice would arrive then), and checks that the SMTP
 * server accepted each of those mails exactly once.
 */
async function expectEachSentOnce(taskIds: readonly string[]): Promise<void> {
  await waitFor(async () => {
    const perTask = await notificationsPerTask(taskIds);
    const outbox = await patientOutbox();
    return (
      perTask.every((count) => count > 0) &&
      outbox.filter((row) => row.kind === 'notification').length >= taskIds.length &&
      outbox.every((row) => row.status === 'SENT') &&
      acceptedForPatient().length >= outbox.length
    );
  }, 'every notification to be sent');
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  expect(await notificationsPerTask(taskIds)).toEqual(taskIds.map(() => 1));
  const outbox = await patientOutbox();
  expect(acceptedForPatient().sort()).toEqual(outbox.map((row) => row.id).sort());
}

beforeAll(async () => {
  const seedModule = join(root, 'dist/api/apps/api/src/demo/demo-case.seed.js');
  ({ DEMO_PASSWORD: password } = (await import(pathToFileURL(seedModule).href)) as {
    DEMO_PASSWORD: string;
  });
  smtp = new TestSmtpServer();
  smtpUrl = `smtp://127.0.0.1:${await smtp.listen()}`;
});

afterEach(async () => {
  await Promise.all(instances.splice(0).map((instance) => stopInstance(instance)));
  await database?.drop();
  database = undefined;
  smtp.beforeAccept = undefined;
  smtp.received.length = 0;
});

afterAll(async () => {
  await smtp.close();
});

describe('notifications across API processes', () => {
  it('sends each notification exactly once with two processes working the queue', async () => {
    database = await createDatabase();
    const a = await start('A', true);
    const b = await start('B', false);
    const demo = await demoCase(a.url);
    // Half the changes through each process: both queue jobs, both work them.
    const ids = [...(await assignTasks(a.url, demo, 10)), ...(await assignTasks(b.url, demo, 10))];

    await expectEachSentOnce(ids);
    // No mail carries a task's title.
    expect(
      smtp.received.some((mail) =>
        `${mail.subject}${mail.text}${String(mail.html)}`.includes('Hemlig'),
      ),
    ).toBe(false);
  });

  it('loses none and duplicates none when the sender is killed in the middle of a batch', async () => {
    database = await createDatabase();
    const a = await start('A', true);
    const demo = await demoCase(a.url);
    // The fourth e-mail is left unanswered: A is inside its SMTP conversation when it dies.
    let seen = 0;
    let releaseHeld: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      releaseHeld = resolve;
    });
    smtp.beforeAccept = (mail) => {
      if (!(mail.text ?? '').includes('ny uppgift')) return 'accept';
      seen += 1;
      if (seen === 4) {
        releaseHeld();
        return 'hold';
      }
      return 'accept';
    };
    const ids = await assignTasks(a.url, demo, 10);
    await held;
    a.child.kill('SIGKILL');
    await a.exited();
    // The batch was cut short: the held mail and those after it were not sent.
    expect(acceptedForPatient().length).toBeLessThan(ids.length);

    // Another process takes over the queue and the outbox on the same database.
    smtp.beforeAccept = undefined;
    await start('B', false);
    await expectEachSentOnce(ids);
  });
});
