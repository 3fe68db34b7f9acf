import { appLink, MAIL_LINKS } from './mail-links';
import { renderMail } from './mail-render';
import { MAIL_PARAM_FIELDS, MAIL_PARAM_FIELDS_COMPLETE } from './mail-templates';
import type { MailKind, MailLanguage, MailParams, MailRequest } from './mail.types';

const PUBLIC_URL = 'https://atergang.example/app';
const EXPIRES = new Date('2026-12-05T13:30:00Z'); // 14:30 in Sweden (CET)

const SAMPLES: { readonly [K in MailKind]: MailParams[K] } = {
  'account-invitation': {
    inviterName: 'Maja Admin',
    organisationName: 'Solbacka kommun',
    link: appLink(MAIL_LINKS.accountInvitation, 'tok-account'),
    expiresAt: EXPIRES,
  },
  'password-reset': { link: appLink(MAIL_LINKS.passwordReset, 'tok-reset'), expiresAt: EXPIRES },
  'password-changed': { at: EXPIRES },
  'case-opening': {
    openerName: 'Karin Chef',
    organisationName: 'Solbacka kommun',
    link: appLink(MAIL_LINKS.caseOpening, 'tok-opening'),
    expiresAt: EXPIRES,
  },
  'case-invitation': {
    inviterName: 'Anna Andersson',
    inviterOrganisationName: null,
    organisationName: 'Vårdcentralen Linden',
    link: appLink(MAIL_LINKS.caseInvitation, 'tok-invitation'),
    expiresAt: EXPIRES,
  },
  'case-invitation-approval': {
    inviterName: 'Karin Chef',
    organisationName: 'Vårdcentralen Linden',
    link: appLink(MAIL_LINKS.people('1b7e0b0c-2f43-4d52-9a5e-6a4c1f0e9d11')),
  },
  notification: {
    headline: 'Du har fått en ny uppgift.',
    caseLabel: 'Ärendet för Anna A.',
    link: appLink(MAIL_LINKS.casePage('1b7e0b0c-2f43-4d52-9a5e-6a4c1f0e9d11', 'tasks')),
  },
  'notification-digest': {
    cases: [
      {
        caseLabel: 'Ärendet för Anna A.',
        headlines: ['Du har fått en ny uppgift.', 'Ett dokument har lagts till.'],
      },
    ],
    link: appLink(MAIL_LINKS.notifications),
  },
};

const KINDS = Object.keys(SAMPLES) as MailKind[];

function request<K extends MailKind>(
  kind: K,
  language: MailLanguage,
  params: MailParams[K] = SAMPLES[kind],
): MailRequest {
  return { kind, to: 'person@example.test', language, params } as MailRequest;
}

describe('mail parameters', () => {
  // Who asked, for which organisation, a link and when: nothing else may reach a template.
  const ALLOWED = new Set([
    'inviterName',
    'inviterOrganisationName',
    'openerName',
    'organisationName',
    'link',
    'expiresAt',
    'at',
    // A notification's fixed sentence (notification-text.ts, never a title or note) and the
    // case as e-mail names it (first name and initial); the digest is a list of those.
    'headline',
    'caseLabel',
    'cases',
  ]);

  it('lists every parameter of every kind', () => {
    expect(MAIL_PARAM_FIELDS_COMPLETE).toBe(true);
    expect(Object.keys(MAIL_PARAM_FIELDS).sort()).toEqual([...KINDS].sort());
    for (const kind of KINDS) {
      expect([...MAIL_PARAM_FIELDS[kind]].sort()).toEqual(Object.keys(SAMPLES[kind]).sort());
    }
  });

  it('carries no personnummer and no health data: only who, which organisation, link, when', () => {
    const fields = KINDS.flatMap((kind) => [...MAIL_PARAM_FIELDS[kind]]);
    expect(fields.filter((field) => !ALLOWED.has(field))).toEqual([]);
    expect(
      fields.filter((field) =>
        /personnummer|pnr|ssn|birth|diagnos|health|medical|sick|illness|note|plan|consent/i.test(
          field,
        ),
      ),
    ).toEqual([]);
  });
});

describe('renderMail', () => {
  it.each(KINDS.flatMap((kind) => (['sv', 'en'] as const).map((language) => [kind, language])))(
    'renders %s in %s with subject, text and HTML, an absolute link and the sign-off',
    (kind, language) => {
      const mail = renderMail(request(kind as MailKind, language as MailLanguage), PUBLIC_URL);
      expect(mail.subject.length).toBeGreaterThan(10);
      expect(mail.subject).not.toMatch(/[\r\n]/);
      expect(mail.text).toContain('Återgång\n');
      expect(mail.html).toContain(`<html lang="${language}">`);
      expect(mail.html).toContain('Återgång</p>');
      const params = SAMPLES[kind as MailKind] as { link?: string };
      const expected = `${PUBLIC_URL}${params.link ?? MAIL_LINKS.signIn}`;
      expect(mail.text).toContain(expected);
      expect(mail.html).toContain(`href="${expected}"`);
    },
  );

  it.each(KINDS)('says %s differently in Swedish and English', (kind) => {
    const sv = renderMail(request(kind, 'sv'), PUBLIC_URL);
    const en = renderMail(request(kind, 'en'), PUBLIC_URL);
    expect(sv.subject).not.toBe(en.subject);
    expect(sv.text).not.toBe(en.text);
    expect(sv.text).toContain('Hälsningar');
    expect(en.text).toContain('Best regards');
  });

  it('puts the token in the fragment of a link under PUBLIC_URL', () => {
    const mail = renderMail(request('password-reset', 'sv'), PUBLIC_URL);
    expect(mail.text).toContain('https://atergang.example/app/konto/aterstall#tok-reset');
  });

  it('escapes a name in the HTML part and keeps it as typed in the text part', () => {
    const name = '<script>alert("x")</script> & Co';
    const mail = renderMail(
      request('case-opening', 'sv', { ...SAMPLES['case-opening'], openerName: name }),
      PUBLIC_URL,
    );
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(mail.text).toContain(name);
    expect(mail.subject).toContain(name);
  });

  it('keeps a name on one line: no forged paragraphs, headers or reversed text', () => {
    const mail = renderMail(
      request('case-invitation', 'en', {
        ...SAMPLES['case-invitation'],
        inviterName: 'Eve\r\n\r\nClick http://evil.example\u202e',
        inviterOrganisationName: 'Org\tB',
      }),
      PUBLIC_URL,
    );
    expect(mail.text).toContain('Eve Click http://evil.example at Org B invites you');
    expect(mail.text).not.toContain('\u202e');
  });

  it('writes times in Swedish time, in the language of the recipient', () => {
    expect(renderMail(request('password-reset', 'sv'), PUBLIC_URL).text).toContain(
      '5 december 2026 kl. 14:30',
    );
    expect(renderMail(request('password-reset', 'en'), PUBLIC_URL).text).toContain(
      '5 December 2026 at 14:30 (Swedish time)',
    );
  });

  it('names the inviter when there is one, and says it plainly when there is none', () => {
    const anonymous = renderMail(
      request('account-invitation', 'sv', { ...SAMPLES['account-invitation'], inviterName: null }),
      PUBLIC_URL,
    );
    expect(anonymous.text).toContain('Du har blivit inbjuden till Solbacka kommun i Återgång.');
    const named = renderMail(request('account-invitation', 'sv'), PUBLIC_URL);
    expect(named.text).toContain('Maja Admin har bjudit in dig till Solbacka kommun i Återgång.');
  });

  it('refuses a link that does not point into the web client', () => {
    expect(() =>
      renderMail(
        request('password-reset', 'sv', {
          link: 'https://evil.example/konto/aterstall#x',
          expiresAt: EXPIRES,
        }),
        PUBLIC_URL,
      ),
    ).toThrow('PUBLIC_URL');
    // An absolute link under PUBLIC_URL is kept as it is.
    const mail = renderMail(
      request('password-reset', 'sv', {
        link: `${PUBLIC_URL}/konto/aterstall#y`,
        expiresAt: EXPIRES,
      }),
      PUBLIC_URL,
    );
    expect(mail.text).toContain(`${PUBLIC_URL}/konto/aterstall#y`);
  });
});

describe('renderMail language', () => {
  it('falls back to Swedish for a language it does not know', () => {
    const mail = renderMail(
      { ...request('password-reset', 'sv'), language: 'de' as MailLanguage },
      PUBLIC_URL,
    );
    expect(mail.language).toBe('sv');
    expect(mail.subject).toBe('Välj ett nytt lösenord i Återgång');
  });
});
