import { PARTIES, type ParticipantView } from '@atergang/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, PageTitle } from '../components/ui';
import { useRemoveParticipant } from '../lib/people';
import { useWorkspace } from '../lib/workspace';
import { HandOver } from './people-handover';
import { partyAndOrganisation } from './people-names';
import { Invitations } from './people-invitations';
import { InviteForm } from './people-invite';

interface Group {
  key: string;
  party: ParticipantView['party'];
  organisation: ParticipantView['organisation'];
  people: ParticipantView[];
}

/**
 * The participants by party and organisation, the patient first: each organisation is named
 * once, above the people who take part for it.
 */
function groupParticipants(participants: readonly ParticipantView[]): Group[] {
  const groups = new Map<string, Group>();
  for (const participant of participants) {
    const key = `${participant.party}:${participant.organisation?.id ?? ''}`;
    const group = groups.get(key) ?? {
      key,
      party: participant.party,
      organisation: participant.organisation,
      people: [],
    };
    group.people.push(participant);
    groups.set(key, group);
  }
  return [...groups.values()].sort(
    (a, b) =>
      PARTIES.indexOf(a.party) - PARTIES.indexOf(b.party) ||
      (a.organisation?.name ?? '').localeCompare(b.organisation?.name ?? '', 'sv'),
  );
}

/** `/w/:id/deltagare`: who takes part, who is invited, and (where allowed) changing that. */
export function PeoplePage() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const [message, setMessage] = useState<string | null>(null);
  // Inviting names an organisation: one's own, or one from the directory, which only staff
  // may search (GET /api/organisations/directory). The patient, with neither, gets no form
  // that could only be refused.
  const ownOrganisation = ws.participants.find((p) => p.id === ws.me.participantId)?.organisation;
  return (
    <div>
      <PageTitle>{t('people.title')}</PageTitle>
      <p>
        {ws.isPatient
          ? t('people.introPatient')
          : t('people.introStaff', { patient: ws.firstName })}
      </p>
      <div aria-live="polite">
        {message ? (
          <p role="status" className="alert alert-ok">
            {message}
          </p>
        ) : null}
      </div>
      <Participants onDone={setMessage} />
      {ws.can('invitation:read') ? <Invitations onDone={setMessage} /> : null}
      {ws.can('participant:invite') && ownOrganisation ? <InviteForm onDone={setMessage} /> : null}
      {ws.can('participant:hand-over') ? <HandOver /> : null}
    </div>
  );
}

function Participants({ onDone }: { onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const [removing, setRemoving] = useState<string | null>(null);
  return (
    <section aria-labelledby="participants-title">
      <h3 id="participants-title">{t('people.participantsTitle')}</h3>
      {groupParticipants(ws.participants).map((group) => (
        <section
          key={group.key}
          className="card"
          aria-labelledby={`group-${group.key}`}
          data-testid={`participants-${group.party}`}
        >
          <h4 id={`group-${group.key}`}>
            {partyAndOrganisation(t, group.party, group.organisation)}
          </h4>
          <ul className="consent-list">
            {group.people.map((participant) => {
              const me = participant.id === ws.me.participantId;
              // The patient decides who takes part; she cannot leave her own case.
              const removable =
                ws.can('participant:remove') && participant.party !== 'PATIENT' && !me;
              return (
                <li key={participant.id} className="consent-row">
                  <div className="consent-text">
                    <p>
                      <strong>{participant.name}</strong>
                      {me ? ` ${t('people.you')}` : ''}
                      {participant.role ? ` · ${t(`people.roles.${participant.role}`)}` : ''}
                    </p>
                  </div>
                  {removable ? (
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={t('people.removeLabel', { name: participant.name })}
                      aria-expanded={removing === participant.id}
                      onClick={() => {
                        setRemoving(participant.id);
                      }}
                    >
                      {t('people.remove')}
                    </button>
                  ) : null}
                  {removing === participant.id ? (
                    <ConfirmRemoval
                      participant={participant}
                      onClose={() => {
                        setRemoving(null);
                      }}
                      onDone={(text) => {
                        setRemoving(null);
                        onDone(text);
                      }}
                    />
                  ) : null}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </section>
  );
}

function ConfirmRemoval({
  participant,
  onClose,
  onDone,
}: {
  participant: ParticipantView;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const remove = useRemoveParticipant(ws.id, participant.id, {
    onSuccess: () => {
      onDone(t('people.removed', { name: participant.name }));
    },
  });
  const titleId = `remove-${participant.id}`;
  return (
    <div className="confirm" role="group" aria-labelledby={titleId}>
      <p id={titleId}>
        <strong>{t('people.removeQuestion', { name: participant.name })}</strong>
      </p>
      <p>{t('people.removeMeans', { name: participant.name })}</p>
      {remove.error ? <ErrorMessage error={remove.error} /> : null}
      <p className="actions">
        <button
          type="button"
          className="button button-danger"
          disabled={remove.isPending}
          onClick={() => {
            remove.mutate();
          }}
        >
          {t('people.removeYes')}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t('app.cancel')}
        </button>
      </p>
    </div>
  );
}
