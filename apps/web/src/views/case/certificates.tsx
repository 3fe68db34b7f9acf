import type { CertificateView } from '@atergang/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../components/ui';
import { useWorkspace } from '../../lib/workspace';
import { CertificateEditor } from './certificate-form';
import {
  type CertificateForm,
  certificatesNewestFirst,
  EMPTY_CERTIFICATE,
  latestCertificate,
  renewalOf,
} from './case-model';

/** The certificate's medical content, or, when it is not shared, a sentence that says so. */
function MedicalContent({ certificate }: { certificate: CertificateView }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const medical = certificate.medical;
  if (medical === null) {
    // Never an empty section: the content exists, it is only not shared with the caller.
    return (
      <p className="withheld" role="note" data-testid="certificate-withheld">
        {t('case.certificates.withheld', { patient: ws.firstName })}
      </p>
    );
  }
  const rows: Array<[string, string | null]> = [
    [t('case.medical.diagnosis'), `${medical.diagnosisCode} ${medical.diagnosisText}`],
    [t('case.medical.activityLimitations'), medical.activityLimitations],
    [t('case.medical.remainingCapacity'), medical.remainingCapacity],
    [t('case.medical.prognosis'), medical.prognosis],
    [t('case.medical.recommendedMeasures'), medical.recommendedMeasures],
    [
      t('case.fields.expectedLengthDays'),
      medical.expectedLengthDays === null
        ? null
        : t('case.days', { count: medical.expectedLengthDays }),
    ],
  ];
  // What the certificate leaves out (optional parts) is not listed as if it said nothing.
  return (
    <dl className="certificate-medical" data-testid="certificate-medical">
      {rows.flatMap(([label, value]) =>
        value === null
          ? []
          : [
              <div key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>,
            ],
      )}
    </dl>
  );
}

function CertificateItem({
  certificate,
  onRenew,
}: {
  certificate: CertificateView;
  /** Set on the latest certificate when the caller may write the next one. */
  onRenew: (() => void) | null;
}) {
  const { t } = useTranslation();
  const period = t('case.fromTo', {
    from: formatDate(certificate.periodFrom),
    to: formatDate(certificate.periodTo),
  });
  const headingId = `certificate-${certificate.id}`;
  return (
    <li className="card certificate" data-testid="certificate">
      <h4 id={headingId}>
        {t('case.certificates.heading', { degree: certificate.degree, period })}
      </h4>
      <p className="muted">
        {t('case.certificates.by', {
          name: certificate.createdBy.name,
          party: t(`parties.${certificate.createdBy.party}`),
          date: formatDate(certificate.createdAt),
        })}
      </p>
      <MedicalContent certificate={certificate} />
      {onRenew ? (
        <button
          type="button"
          className="button"
          aria-label={t('case.certificates.renewLabel', { period })}
          onClick={onRenew}
        >
          {t('case.certificates.renew')}
        </button>
      ) : null}
    </li>
  );
}

/**
 * The case's certificates, latest period first: period and degree for everyone in the
 * case, the medical content for those the patient shares it with. The treating doctor
 * writes a new one here, or renews the latest.
 */
export function Certificates({ certificates }: { certificates: readonly CertificateView[] }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const [editor, setEditor] = useState<{ initial: CertificateForm; renewing: boolean } | null>(
    null,
  );
  const [saved, setSaved] = useState(false);
  const mayCreate = ws.can('certificate:create') && ws.closing === null;
  const latest = latestCertificate(certificates);
  const open = (initial: CertificateForm, renewing: boolean) => {
    setSaved(false);
    setEditor({ initial, renewing });
  };
  return (
    <section aria-labelledby="certificates-heading">
      <h3 id="certificates-heading">{t('case.certificates.title')}</h3>
      {saved ? (
        <p role="status" className="alert alert-ok">
          {t('case.certificates.saved')}
        </p>
      ) : null}
      {certificates.length === 0 ? (
        <p className="muted">{t('case.certificates.empty')}</p>
      ) : (
        <ul className="certificates">
          {certificatesNewestFirst(certificates).map((certificate) => (
            <CertificateItem
              key={certificate.id}
              certificate={certificate}
              onRenew={
                mayCreate && editor === null && certificate.id === latest?.id
                  ? () => {
                      open(renewalOf(certificate), true);
                    }
                  : null
              }
            />
          ))}
        </ul>
      )}
      {mayCreate && editor === null ? (
        <button
          type="button"
          className="button button-primary"
          onClick={() => {
            // A first certificate usually starts with the sick period.
            open(
              latest ? EMPTY_CERTIFICATE : { ...EMPTY_CERTIFICATE, periodFrom: ws.sickPeriodStart },
              false,
            );
          }}
        >
          {t('case.certificates.new')}
        </button>
      ) : null}
      {mayCreate && editor ? (
        <CertificateEditor
          initial={editor.initial}
          renewing={editor.renewing}
          onDone={(done) => {
            setEditor(null);
            setSaved(done);
          }}
        />
      ) : null}
    </section>
  );
}
