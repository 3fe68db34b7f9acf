import { workspaceOverviewSchema } from '@atergang/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { TopTitle } from '../components/top-title';
import { ErrorMessage } from '../components/ui';
import { api } from '../lib/api';
import { useAuth } from '../lib/auth';
import { useFragmentToken } from '../lib/fragment-token';
import { keys } from '../lib/queries';

/**
 * `/inbjudan#<token>`: a staff member invited into a case joins it from the e-mailed link
 * (signed in; the sign-in keeps the fragment). Joining is their own click, not the page load.
 */
export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const token = useFragmentToken();
  const { session } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const accept = useMutation({
    mutationFn: () =>
      api('/invitations/accept', workspaceOverviewSchema, { method: 'POST', body: { token } }),
    onSuccess: async (overview) => {
      await queryClient.invalidateQueries({ queryKey: keys.workspaces });
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
                accept.mutate();
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
