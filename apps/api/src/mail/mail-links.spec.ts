import { absoluteAppLink, appLink, MAIL_LINKS } from './mail-links';

describe('appLink', () => {
  it('puts the token in the fragment, so it never reaches a server log', () => {
    expect(appLink(MAIL_LINKS.accountInvitation, 'abc_DEF-123')).toBe(
      '/konto/inbjudan#abc_DEF-123',
    );
    expect(appLink(MAIL_LINKS.people('ws 1'))).toBe('/w/ws%201/deltagare');
  });

  it('refuses what is not a root-relative path', () => {
    for (const bad of ['konto', '//evil.example/x', 'https://evil.example', '/a?b=1', '/a#b']) {
      expect(() => appLink(bad, 't')).toThrow('root-relative');
    }
  });

  it('is made absolute under PUBLIC_URL, with or without a path of its own', () => {
    expect(absoluteAppLink('http://localhost:3000', '/inbjudan#t')).toBe(
      'http://localhost:3000/inbjudan#t',
    );
    expect(absoluteAppLink('https://x.example/atergang/', '/inbjudan#t')).toBe(
      'https://x.example/atergang/inbjudan#t',
    );
    expect(() =>
      absoluteAppLink('https://x.example/atergang', 'https://x.example/other'),
    ).toThrow();
    expect(() => absoluteAppLink('https://x.example', 'https://x.example.evil/')).toThrow();
  });
});
