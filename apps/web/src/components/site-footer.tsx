import { Link } from 'react-router';
import { HELP_PAGES, useHelpContent } from './help-content';
import { NameMark } from './name-mark';
import './site-footer.css';

/**
 * The footer of every page, signed in or not (the login page too): what the service is and
 * the public pages a public-sector service offers (how it works, contact, the accessibility
 * statement the DOS law requires, personal data). Those pages need no login.
 */
export function SiteFooter() {
  const content = useHelpContent();
  return (
    <footer className="site-footer">
      <div className="site-footer-inner">
        <p className="site-footer-name">
          <NameMark />
          <span>Återgång</span>
        </p>
        <p className="site-footer-about">{content.footer.about}</p>
        <nav aria-label={content.footer.nav}>
          <ul>
            {HELP_PAGES.map(({ path, page }) => (
              <li key={path}>
                <Link to={path}>{content.footer[page]}</Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </footer>
  );
}
