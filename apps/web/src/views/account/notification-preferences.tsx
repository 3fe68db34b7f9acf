import {
  NOTIFICATION_DELIVERIES,
  type NotificationDelivery,
  type NotificationKind,
  type NotificationPreferences,
  quietHoursSchema,
} from '@atergang/contracts';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage, Loading } from '../../components/ui';
import {
  formFromPreferences,
  HOURS,
  hourLabel,
  KIND_SECTIONS,
  KIND_TEXT_KEYS,
  type PreferencesForm,
  preferencesChanges,
  quietHoursOf,
} from '../../lib/notification-preferences';
import {
  useNotificationPreferences,
  useUpdateNotificationPreferences,
} from '../../lib/notifications';
import { PageHeading } from './page-heading';

function HourSelect({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: number;
  onChange: (hour: number) => void;
  error?: string | undefined;
}) {
  const id = useId();
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => {
          onChange(Number(event.target.value));
        }}
      >
        {HOURS.map((hour) => (
          <option key={hour} value={hour}>
            {hourLabel(hour)}
          </option>
        ))}
      </select>
      {error ? (
        <p id={`${id}-error`} className="error-text">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function DeliveryChoice({
  kind,
  value,
  onChange,
}: {
  kind: NotificationKind;
  value: NotificationDelivery;
  onChange: (delivery: NotificationDelivery) => void;
}) {
  const { t } = useTranslation();
  const name = useId();
  return (
    <fieldset className="delivery-choice">
      <legend>{t(`notificationKinds.${KIND_TEXT_KEYS[kind]}`)}</legend>
      {NOTIFICATION_DELIVERIES.map((delivery) => (
        <label key={delivery} className="choice">
          <input
            type="radio"
            name={name}
            value={delivery}
            checked={value === delivery}
            onChange={() => {
              onChange(delivery);
            }}
          />{' '}
          {t(`notificationSettings.deliveries.${delivery}`)}
        </label>
      ))}
    </fieldset>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function PreferencesEditor({ saved }: { saved: NotificationPreferences }) {
  const { t } = useTranslation();
  // What the form was filled from: a save sends what differs from it, so a setting that
  // another tab changed meanwhile (and a background refetch brought) is not sent back.
  const [baseline, setBaseline] = useState(saved);
  const [form, setForm] = useState<PreferencesForm>(() => formFromPreferences(saved));
  const [outcome, setOutcome] = useState<'saved' | 'unchanged' | null>(null);
  const [quietError, setQuietError] = useState<string | undefined>(undefined);
  const save = useUpdateNotificationPreferences();
  const change = (next: Partial<PreferencesForm>) => {
    setOutcome(null);
    setForm((current) => ({ ...current, ...next }));
  };
  const submit = () => {
    setOutcome(null);
    const quiet = quietHoursOf(form);
    if (quiet && !quietHoursSchema.safeParse(quiet).success) {
      setQuietError(t('notificationSettings.quietSame'));
      return;
    }
    setQuietError(undefined);
    const changes = preferencesChanges(baseline, form);
    if (changes === null) {
      setOutcome('unchanged');
      return;
    }
    save.mutate(changes, {
      onSuccess: (next) => {
        // What the server holds now, also what another tab changed meanwhile.
        setBaseline(next);
        setForm(formFromPreferences(next));
        setOutcome('saved');
      },
    });
  };
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {KIND_SECTIONS.map((section) => (
        <Section key={section.key} title={t(`notificationSettings.sections.${section.key}`)}>
          {section.kinds.map((kind) => (
            <DeliveryChoice
              key={kind}
              kind={kind}
              value={form.kinds[kind]}
              onChange={(delivery) => {
                change({ kinds: { ...form.kinds, [kind]: delivery } });
              }}
            />
          ))}
        </Section>
      ))}
      <p className="note">{t('notificationSettings.invitationsNote')}</p>
      <Section title={t('notificationSettings.digestTitle')}>
        <p>{t('notificationSettings.digestIntro')}</p>
        <HourSelect
          label={t('notificationSettings.digestHour')}
          value={form.digestHour}
          onChange={(digestHour) => {
            change({ digestHour });
          }}
        />
      </Section>
      <Section title={t('notificationSettings.quietTitle')}>
        <p>{t('notificationSettings.quietIntro')}</p>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={form.quietOn}
            onChange={(event) => {
              change({ quietOn: event.target.checked });
            }}
          />{' '}
          {t('notificationSettings.quietOn')}
        </label>
        {form.quietOn ? (
          <div className="row">
            <HourSelect
              label={t('notificationSettings.quietFrom')}
              value={form.quietFrom}
              onChange={(quietFrom) => {
                change({ quietFrom });
              }}
            />
            <HourSelect
              label={t('notificationSettings.quietUntil')}
              value={form.quietUntil}
              error={quietError}
              onChange={(quietUntil) => {
                change({ quietUntil });
              }}
            />
          </div>
        ) : null}
      </Section>
      {save.error ? <ErrorMessage error={save.error} /> : null}
      <div aria-live="polite">
        {outcome === 'saved' ? (
          <p className="alert alert-ok">{t('notificationSettings.saved')}</p>
        ) : outcome === 'unchanged' ? (
          <p className="note">{t('notificationSettings.unchanged')}</p>
        ) : null}
      </div>
      <button type="submit" className="button button-primary" disabled={save.isPending}>
        {save.isPending ? t('notificationSettings.saving') : t('notificationSettings.save')}
      </button>
    </form>
  );
}

/** /konto/aviseringar: what reaches the person by e-mail, and when. */
export function NotificationPreferencesPage() {
  const { t } = useTranslation();
  const preferences = useNotificationPreferences();
  return (
    <div className="narrow notification-settings">
      <PageHeading>{t('notificationSettings.title')}</PageHeading>
      <p>{t('notificationSettings.intro')}</p>
      <p>{t('notificationSettings.mailNote')}</p>
      <p>
        <Link to="/aviseringar">{t('notificationSettings.toNotifications')}</Link>
        {' · '}
        <Link to="/konto">{t('notificationSettings.toAccount')}</Link>
      </p>
      {preferences.isPending ? <Loading /> : null}
      {preferences.error ? <ErrorMessage error={preferences.error} /> : null}
      {preferences.data ? <PreferencesEditor saved={preferences.data} /> : null}
    </div>
  );
}
