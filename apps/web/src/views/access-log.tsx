import { useTranslation } from 'react-i18next';
import { ErrorMessage, formatDateTime, Loading, PageTitle } from '../components/ui';
import { useAccessLog } from '../lib/queries';
import { useWorkspace } from '../lib/workspace';

export function AccessLogPage() {
  const { t, i18n } = useTranslation();
  const ws = useWorkspace();
  const log = useAccessLog(ws.id);
  return (
    <div>
      <PageTitle>{t('accessLog.title')}</PageTitle>
      <p>{t('accessLog.intro')}</p>
      {log.isPending ? <Loading /> : null}
      {log.error ? <ErrorMessage error={log.error} /> : null}
      {log.data && log.data.length === 0 ? <p className="muted">{t('accessLog.empty')}</p> : null}
      {log.data && log.data.length > 0 ? (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('accessLog.title')}>
          <table className="access-log">
            <thead>
              <tr>
                <th scope="col">{t('accessLog.when')}</th>
                <th scope="col">{t('accessLog.what')}</th>
              </tr>
            </thead>
            <tbody>
              {log.data.map((entry, index) => (
                <tr key={`${entry.at}-${index}`}>
                  <td>
                    <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                  </td>
                  <td>{i18n.language === 'en' ? entry.textEn : entry.textSv}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
