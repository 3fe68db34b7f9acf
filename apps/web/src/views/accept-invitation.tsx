import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { TopTitle } from '../components/top-title';
import { ErrorMessage } from '../components/ui';
import { useAuth } from '../lib/auth';
import { useFragmentToken } from '../lib/fragment-token';
import { useAcceptInvitation } from '../lib/people';

/**
 * `/inbjudan#<token>`: a staff member invited into a case joins it from the e-mailed link
 * (signed in; the sign-in keeps the fragment). Joining is their own click, not the page load.
 */
export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const token = useFragmentToken();
  const { session } = useAuth();
  const navigate = useNavigate();
  const accept = useAcceptInvitation({
    onSuccess: async (overview) => {
      await navigate(`/w/${overview.id}/plan`);
    },
  });
  return (
    <div className="narrow">
      <TopTitle>{t('people.acceptTitle')}</TopTitle>
      {token === '' ? (
        <p>{t('caseAnswer.missingToken')}</p>
      ) : (
        <>
          <p>{t('people.acceptIntro', { name: session?.user.name ?? '' })}</p>
          <p>{t('people.acceptWhat')}</p>
          {accept.error ? <ErrorMessage error={accept.error} /> : null}
          <p className="actions">
            <button
              type="button"
              className="button button-primary"
              disabled={accept.isPending}
              onClick={() => {
                accept.mutate({ token });
              }}
            >
              {accept.isPending ? t('people.accepting') : t('people.acceptButton')}
            </button>
            <Link className="button" to="/">
              {t('app.backToCases')}
            </Link>
          </p>
        </>
      )}
    </div>
  );
}
