import type { MeetingList } from '@atergang/contracts';
import { expect, test } from '@playwright/test';
import { useServer } from './support/fixture';
import { smallPdf } from './support/pdf';
import { apiAs, contextFor, expectAccessible, goTo, openCase, type Who } from './support/helpers';

const server = useServer();

// "Vem har tittat" (issue 14, item 6): Anna sees what each party really got, one line per
// person, action and day, refused attempts as refused, older lines on request, and only
// one party's when she chooses.

test('Anna sees who looked, grouped by person and day, what AF was refused, and pages back to older looks', async ({
  browser,
}) => {
  // FK downloads the meeting's calendar invitation first: the oldest look, soon buried.
  const fk = await apiAs(server.url, 'fk');
  const meetings = await fk.call<MeetingList>(`/workspaces/${fk.workspaceId}/meetings`);
  const meetingId = meetings.meetings[0]?.id;
  expect(meetingId).toBeDefined();
  const ics = await fetch(
    `${server.url}/api/workspaces/${fk.workspaceId}/meetings/${meetingId}/invite.ics`,
    { headers: { authorization: `Bearer ${fk.token}` } },
  );
  expect(ics.status).toBe(200);

  // The employer shares a document; AF, without consent, may not open it.
  const chef = await apiAs(server.url, 'chef');
  const form = new FormData();
  form.append(
    'file',
    new Blob([new Uint8Array(smallPdf('Arbetsanpassning'))], { type: 'application/pdf' }),
    'a.pdf',
  );
  const uploaded = await fetch(`${server.url}/api/workspaces/${chef.workspaceId}/documents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${chef.token}` },
    body: form,
  });
  expect(uploaded.status).toBe(201);
  const documentId = ((await uploaded.json()) as { id: string }).id;
  const af = await apiAs(server.url, 'af');
  const refused = await fetch(
    `${server.url}/api/workspaces/${af.workspaceId}/documents/${documentId}/content`,
    { headers: { authorization: `Bearer ${af.token}` } },
  );
  expect(refused.status).toBe(403);

  // Then everyone opens every page of the case, some of them several times: dozens of
  // cheap reads, the kind that pushed older looks out of view.
  const people: Who[] = ['chef', 'lakare', 'koordinator', 'fk', 'af'];
  for (const who of people) {
    const other = await apiAs(server.url, who);
    for (const path of ['', '/plan', '/tasks', '/meetings', '/documents', '/events?after=0']) {
      await other.call(`/workspaces/${other.workspaceId}${path}`);
    }
  }
  for (let i = 0; i < 2; i += 1) await chef.call(`/workspaces/${chef.workspaceId}/plan`);
  await af.call(`/workspaces/${af.workspaceId}/plan`);

  const anna = await contextFor(browser, server.url, 'anna');
  const page = anna.page;
  await openCase(page);
  await goTo(page, 'Vem har tittat');
  await expect(page.getByRole('heading', { name: 'Vem har tittat' })).toBeVisible();
  const today = page.getByRole('region', { name: 'I dag' });
  await expect(today).toBeVisible();
  const line = (text: string | RegExp) => page.getByRole('listitem').filter({ hasText: text });

  // One line for three reads of the plan by the same person today.
  await expect(line('Maria Lindqvist (Solbacka kommun) tittade på planen 3 gånger')).toHaveCount(1);
  // AF saw nothing of the plan: it is told as an attempt, never as a read.
  await expect(
    line('Leila Haddad (Arbetsförmedlingen) försökte 2 gånger se planen men fick inte se den'),
  ).toHaveCount(1);
  await expect(line('Leila Haddad (Arbetsförmedlingen) tittade på planen')).toHaveCount(0);
  // Plain words: no "events" jargon.
  await expect(page.locator('.access-log').getByText(/händelser/)).toHaveCount(0);
  await expectAccessible(page, 'Vem har tittat');

  // FK's calendar download and AF's refused download are older than the first page;
  // "Visa äldre" brings them.
  const download = line('Johan Berg (Försäkringskassan) laddade ner en kalenderinbjudan');
  await expect(download).toHaveCount(0);
  await page.getByRole('button', { name: 'Visa äldre' }).click();
  await expect(download).toHaveCount(1);
  // So does AF's refused attempt to open the employer's document, said as refused.
  await expect(
    line('Leila Haddad (Arbetsförmedlingen) försökte öppna ett dokument men fick inte'),
  ).toHaveCount(1);
  await expectAccessible(page, 'Vem har tittat (äldre)');

  // Only AF's: every line is Leila Haddad's.
  await page.getByLabel('Visa vad de har gjort').selectOption({ label: 'Arbetsförmedlingen' });
  await expect(line('Maria Lindqvist')).toHaveCount(0);
  const afLines = page.locator('.access-log').getByRole('listitem');
  await expect(afLines.first()).toContainText('Leila Haddad (Arbetsförmedlingen)');
  for (const text of await afLines.allInnerTexts()) {
    expect(text).toMatch(/^Leila Haddad \(Arbetsförmedlingen\)/);
  }
  await expectAccessible(page, 'Vem har tittat (Arbetsförmedlingen)');
  await anna.context.close();
});
