import { expect, test } from '@playwright/test';
import { useServer } from './support/fixture';
import {
  contextFor,
  expectAccessible,
  expectNoHorizontalScroll,
  goTo,
  openCase,
} from './support/helpers';

const server = useServer();

// Asking Försäkringskassan for an avstämningsmöte (issue 15, item 1), in Chromium on the
// demo case. Anna asks on her phone (360 px); FK's case officer, whose Möten page is open,
// sees the request arrive live and declines it with a message; Anna sees the answer arrive
// live. Then the manager asks; FK arranges the meeting from the request ("Ordna möte"), which
// accepts it, and the manager sees the answer arrive live.

const REGION = 'Önskemål om avstämningsmöte';

test('Anna asks on her phone, FK sees it live and declines with a message, Anna sees the answer', async ({
  browser,
}) => {
  const fk = await contextFor(browser, server.url, 'fk');
  await openCase(fk.page);
  await goTo(fk.page, 'Möten');
  const fkRequests = fk.page.getByRole('region', { name: REGION });
  await expect(fkRequests.getByText('Ingen har bett om ett avstämningsmöte.')).toBeVisible();
  // FK arranges avstämningsmöten itself: it is never offered to ask for one.
  await expect(
    fk.page.getByRole('button', { name: 'Be Försäkringskassan om ett avstämningsmöte' }),
  ).toHaveCount(0);

  const anna = await contextFor(browser, server.url, 'anna', { width: 360, height: 780 });
  await openCase(anna.page);
  await goTo(anna.page, 'Möten');
  const annaRequests = anna.page.getByRole('region', { name: REGION });
  await annaRequests
    .getByRole('button', { name: 'Be Försäkringskassan om ett avstämningsmöte' })
    .click();
  const form = annaRequests.getByRole('form', {
    name: 'Be Försäkringskassan om ett avstämningsmöte',
  });
  await expectAccessible(anna.page, 'Möten, be om avstämningsmöte (360 px)');
  await expectNoHorizontalScroll(anna.page);
  // Without a reason the form says so at the field.
  await form.getByRole('button', { name: 'Skicka önskemålet' }).click();
  await expect(form.getByLabel('Varför behövs ett möte?')).toHaveAttribute('aria-invalid', 'true');
  await form
    .getByLabel('Varför behövs ett möte?')
    .fill('Jag vill prata om hur jag kan börja arbeta igen på halvtid.');
  await form.getByLabel('Vad vill du ta upp? (frivilligt)').fill('Anpassade arbetsuppgifter');
  await form.getByRole('button', { name: 'Skicka önskemålet' }).click();
  await expect(annaRequests.getByRole('status')).toContainText('Önskemålet är skickat.');
  await expect(
    annaRequests.getByText(
      'Ni har bett om ett avstämningsmöte. Försäkringskassan har inte svarat än.',
    ),
  ).toBeVisible();
  const annaCard = annaRequests.getByRole('listitem');
  await expect(annaCard).toContainText('Väntar på svar från Försäkringskassan');
  await expectNoHorizontalScroll(anna.page);
  await expectAccessible(anna.page, 'Möten, önskemålet skickat (360 px)');

  // FK's page was open all along: the request arrives through the live connection.
  const fkCard = fkRequests.getByRole('listitem');
  await expect(fkCard).toHaveCount(1);
  await expect(fkCard).toContainText('Anna Andersson (den sjukskrivna) bad om ett möte');
  await expect(fkCard).toContainText('börja arbeta igen på halvtid');
  await expect(fkCard).toContainText('Anpassade arbetsuppgifter');
  await expect(fkCard.getByRole('link', { name: /Ordna avstämningsmöte/ })).toBeVisible();
  await expectAccessible(fk.page, 'Möten, önskemål om avstämningsmöte (FK)');

  await fkCard.getByRole('button', { name: 'Avböj önskemålet från Anna Andersson' }).click();
  await fkCard.getByRole('button', { name: 'Skicka svaret' }).click();
  await expect(fkCard.getByText('Skriv varför det inte blir något möte.')).toBeVisible();
  await fkCard
    .getByLabel('Varför blir det inget möte nu?')
    .fill('Vi ses redan på uppföljningen i januari, där tar vi upp halvtiden.');
  await expectAccessible(fk.page, 'Möten, avböj önskemål (FK)');
  await fkCard.getByRole('button', { name: 'Skicka svaret' }).click();
  await expect(fkCard).toContainText('Försäkringskassan har sagt nej');
  await expect(fkCard.getByRole('button', { name: /Avböj/ })).toHaveCount(0);

  // Anna's page follows live: the answer and FK's message, and she may ask again.
  await expect(annaCard).toContainText('Försäkringskassan har sagt nej');
  await expect(annaCard).toContainText('Vi ses redan på uppföljningen i januari');
  await expect(
    annaRequests.getByRole('button', { name: 'Be Försäkringskassan om ett avstämningsmöte' }),
  ).toBeVisible();
  await expectNoHorizontalScroll(anna.page);
  await expectAccessible(anna.page, 'Möten, svar på önskemålet (360 px)');
  await anna.context.close();
  await fk.context.close();
});

test('the manager asks, FK arranges the avstämningsmöte from the request and the manager sees the yes live', async ({
  browser,
}) => {
  const chef = await contextFor(browser, server.url, 'chef');
  await openCase(chef.page);
  await goTo(chef.page, 'Möten');
  const chefRequests = chef.page.getByRole('region', { name: REGION });
  await chefRequests
    .getByRole('button', { name: 'Be Försäkringskassan om ett avstämningsmöte' })
    .click();
  await chefRequests
    .getByLabel('Varför behövs ett möte?')
    .fill('Vi behöver stämma av planen för återgång innan arbetsträningen börjar.');
  await chefRequests.getByLabel('Gärna från och med (frivilligt)').fill('2099-03-01');
  await chefRequests.getByLabel('Gärna till och med (frivilligt)').fill('2099-03-15');
  await chefRequests.getByRole('button', { name: 'Skicka önskemålet' }).click();
  const chefCard = chefRequests
    .getByRole('listitem')
    .filter({ hasText: 'Maria Lindqvist (arbetsgivaren)' });
  await expect(chefCard).toContainText('Väntar på svar från Försäkringskassan');

  const fk = await contextFor(browser, server.url, 'fk');
  await openCase(fk.page);
  await goTo(fk.page, 'Möten');
  const fkCard = fk.page
    .getByRole('region', { name: REGION })
    .getByRole('listitem')
    .filter({ hasText: 'Maria Lindqvist (arbetsgivaren)' });
  await expect(fkCard).toContainText('stämma av planen');
  await fkCard
    .getByRole('link', { name: 'Ordna avstämningsmöte för önskemålet från Maria Lindqvist' })
    .click();
  await expect(fk.page.getByText(/Mötet ordnas för önskemålet från Maria Lindqvist/)).toBeVisible();
  await expect(fk.page.getByLabel('Slag av möte')).toHaveValue('AVSTAMNINGSMOTE');
  await expectAccessible(fk.page, 'Nytt möte för ett önskemål (FK)');
  await fk.page.getByRole('button', { name: 'Skicka förslaget' }).click();
  await expect(fk.page.getByRole('heading', { name: 'Möten', exact: true })).toBeVisible();
  await expect(fkCard).toContainText('Försäkringskassan har sagt ja');
  await expect(fkCard.getByRole('link', { name: /Ordna avstämningsmöte/ })).toHaveCount(0);

  // The manager's page follows live.
  await expect(chefCard).toContainText('Försäkringskassan har sagt ja');
  await expect(chefCard).toContainText('Försäkringskassan har föreslagit tider för mötet.');
  await expectAccessible(chef.page, 'Möten, önskemålet besvarat (arbetsgivaren)');
  await chef.context.close();
  await fk.context.close();
});
