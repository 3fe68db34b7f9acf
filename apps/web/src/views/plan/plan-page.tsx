// The plan (plan för återgång i arbete): the patient's screen or the other parties' reader,
// then the quality check, the not-needed record, the editor, hand-over and history.
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading, PageTitle, Withheld } from '../../components/ui';
import { usePlan } from '../../lib/queries';
import { useScrollToHash } from '../../lib/scroll-to-hash';
import { useWorkspace } from '../../lib/workspace';
import { PlanDocumentLink } from '../plan-document-link';
import { PlanOut } from '../plan-handover/plan-out';
import { NotNeeded } from './not-needed';
import { PatientPlan } from './patient-plan';
import { PlanEditor } from './plan-editor';
import { editRights, isWithheld } from './plan-form';
import { PlanReader } from './plan-reader';
import { QualityCheck } from './plan-parts';
import { Revisions } from './revisions';

export function PlanPage() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const plan = usePlan(ws.id);
  useScrollToHash(plan.isSuccess);
  if (plan.isPending) return <Loading />;
  if (plan.error) return <ErrorMessage error={plan.error} />;
  const rights = editRights(ws.can, plan.data);
  // What the editor offers is what the overview's permissions (the API's own policy) say.
  const canEdit = rights.employerPart || rights.steps || rights.measures;
  return (
    <div>
      <PageTitle>{ws.isPatient ? t('plan.myTitle') : t('plan.title')}</PageTitle>
      <PlanDocumentLink />
      <Withheld categories={plan.data.withheld} patientName={ws.patient.name} party={ws.me.party} />
      {ws.isPatient ? (
        <PatientPlan plan={plan.data} rights={rights} />
      ) : (
        <PlanReader plan={plan.data} rights={rights} />
      )}
      {/* A verdict only about a plan the caller can see and that is needed at all. */}
      {!ws.isPatient && !isWithheld(plan.data, 'goal') && !plan.data.notNeededReason ? (
        <QualityCheck plan={plan.data} />
      ) : null}
      {ws.can('plan:record-not-needed') && !plan.data.notNeededReason ? <NotNeeded /> : null}
      {!ws.isPatient && canEdit ? <PlanEditor plan={plan.data} rights={rights} /> : null}
      <PlanOut planVersion={plan.data.version} />
      <Revisions />
    </div>
  );
}
