// The other parties' screen: the plan as they may read it.
import type { PlanView } from '@atergang/contracts';
import { useTranslation } from 'react-i18next';
import { useWorkspace } from '../../lib/workspace';
import type { EditRights } from './plan-form';
import { Chain, Contact, FollowUps, Goal, Measures, Steps } from './plan-parts';
import { SignOff } from './sign-off';

export function PlanReader({ plan, rights }: { plan: PlanView; rights: EditRights }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  return (
    <div className="plan">
      <Goal plan={plan} mine={false} />
      <div className="two-columns">
        <Steps plan={plan} mine={false} readOnly={!rights.steps} />
        <Chain mine={false} />
      </div>
      <Measures plan={plan} />
      <FollowUps plan={plan} />
      <Contact plan={plan} />
      {plan.patientView ? (
        <section aria-labelledby="pv-heading">
          <h3 id="pv-heading">{t('plan.patientViewOthers', { patient: ws.firstName })}</h3>
          <p>{plan.patientView}</p>
        </section>
      ) : null}
      <SignOff plan={plan} />
    </div>
  );
}
