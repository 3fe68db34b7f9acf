import { Link } from 'react-router';
import { Header } from '../../app';
import { type HelpPageName, useHelpContent } from '../../components/help-content';
import { TopTitle } from '../../components/top-title';
import type { HelpLink } from '../../locales/help.sv';
import { useAuth } from '../../lib/auth';

/**
 * One of the public pages (Så fungerar Återgång, Kontakt, Tillgänglighet, Personuppgifter):
 * readable without signing in, linked from the footer of every page. The texts live in
 * locales/help.sv.ts and help.en.ts.
 */
export function HelpPage({ page }: { page: HelpPageName }) {
  const content = useHelpContent();
  const { session } = useAuth();
  const body = content[page];
  const anchored = body.sections.filter((section) => section.id !== undefined);
  return (
    <>
      <Header>
        {session ? (
          <Link to="/">{content.toCases}</Link>
        ) : (
          <Link to="/login">{content.toSignIn}</Link>
        )}
      </Header>
      <main id="main" tabIndex={-1} className="help-page">
        <TopTitle>{body.title}</TopTitle>
        {body.intro.map((text) => (
          <p key={text}>{text}</p>
        ))}
        {anchored.length > 0 ? (
          <nav aria-label={content.contents} className="help-contents">
            <ul>
              {anchored.map((section) => (
                <li key={section.id}>
                  <a href={`#${section.id ?? ''}`}>{section.heading}</a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        {body.sections.map((section) => {
          const id = section.id ?? headingId(page, section.heading);
          return (
            <section key={section.heading} aria-labelledby={id}>
              <h2 id={id}>{section.heading}</h2>
              {section.paragraphs?.map((text) => (
                <p key={text}>{text}</p>
              ))}
              {section.items ? (
                <ul>
                  {section.items.map((text) => (
                    <li key={text}>{text}</li>
                  ))}
                </ul>
              ) : null}
              {section.after?.map((text) => (
                <p key={text}>{text}</p>
              ))}
              {section.links ? (
                <ul>
                  {section.links.map((link) => (
                    <li key={link.href}>
                      <HelpAnchor link={link} />
                    </li>
                  ))}
                </ul>
              ) : null}
            </section>
          );
        })}
        {body.updated ? <p className="muted">{body.updated}</p> : null}
      </main>
    </>
  );
}

function HelpAnchor({ link }: { link: HelpLink }) {
  return link.href.startsWith('/') ? (
    <Link to={link.href}>{link.text}</Link>
  ) : (
    <a href={link.href} rel="noopener noreferrer">
      {link.text}
    </a>
  );
}

function headingId(page: string, heading: string): string {
  return `${page}-${heading
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`;
}
