import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading, PageTitle } from '../../components/ui';
import { useCertificates, useTimeline } from '../../lib/queries';
import { useWorkspace } from '../../lib/workspace';
import { Certificates } from './certificates';
import { CloseCase } from './close-dialog';
import { CaseFacts } from './facts';
import { FollowUpCase, PreviousCaseLink } from './follow-up-case';
import { ReopenCase } from './reopen-dialog';
import { CaseTimelineList } from './timeline';

/**
 * "Ärendet": the case's facts as they stand and as they changed (issue 16). Everyone in the
 * case sees the facts, the certificates' periods and degrees and the timeline; what each
 * caller may change comes from the overview's permissions, and nothing while it is closed.
 */
export function CasePage() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const timeline = useTimeline(ws.id);
  const certificates = useCertificates(ws.id);
  return (
    <div className="case-page">
      <PageTitle>{ws.isPatient ? t('case.titleMine') : t('case.title')}</PageTitle>
      <p>{ws.isPatient ? t('case.introMine') : t('case.intro')}</p>
      <PreviousCaseLink />
      <ReopenCase />
      <FollowUpCase />
      {timeline.isPending ? <Loading /> : null}
      {timeline.error ? <ErrorMessage error={timeline.error} /> : null}
      {timeline.data ? <CaseFacts timeline={timeline.data} /> : null}
      {certificates.isPending ? <Loading /> : null}
      {certificates.error ? <ErrorMessage error={certificates.error} /> : null}
      {certificates.data ? <Certificates certificates={certificates.data} /> : null}
      {timeline.data ? <CaseTimelineList timeline={timeline.data} /> : null}
      <CloseCase />
    </div>
  );
}
