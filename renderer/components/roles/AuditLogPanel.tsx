import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorValue } from '../../../main/core/errors';
import type { AuditRecord } from '../../../main/core/roles/types';
import { api } from '../../api';
import { formatDateTime } from '../../i18n/format';
import { useAppState } from '../../hooks/useAppState';
import { downloadBytes } from '../badges/download';
import { ErrorMessage } from '../ErrorMessage';
import { auditActionKey, auditDetails } from './audit-words';

const pageSize = 50;

/** The audit log, newest first, a page at a time ("Plus anciennes"), and its CSV export. */
export function AuditLogPanel() {
  const { t, i18n } = useTranslation('roles');
  const { info } = useAppState();
  const [records, setRecords] = useState<AuditRecord[] | null>(null);
  const [more, setMore] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ErrorValue | null>(null);
  const [message, setMessage] = useState('');

  const load = useCallback(async (beforeId?: number) => {
    setBusy(true);
    setFailure(null);
    const result = await api()['audit:list']({ limit: pageSize, ...(beforeId ? { beforeId } : {}) });
    setBusy(false);
    if (!result.ok) return setFailure(result);
    setRecords((current) => (beforeId && current ? [...current, ...result.value] : result.value));
    setMore(result.value.length === pageSize);
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const exportCsv = async () => {
    setMessage(t('audit.exporting'));
    setFailure(null);
    const result = await api()['audit:export']({});
    if (!result.ok) {
      setMessage('');
      return setFailure(result);
    }
    try {
      downloadBytes(result.value.data, result.value.fileName, 'text/csv');
      setMessage(t('audit.exported', { fileName: result.value.fileName }));
    } catch (error) {
      setMessage('');
      setFailure({ ok: false, code: 'internal', message: error instanceof Error ? error.message : String(error) });
    }
  };

  const last = records?.at(-1);

  return (
    <section className="panel roles-panel" aria-labelledby="settings-audit">
      <h2 id="settings-audit">{t('audit.title')}</h2>
      <p>{t('audit.help')}</p>
      <div className="actions">
        <button type="button" className="button button-secondary" onClick={() => void exportCsv()}>
          {t('audit.export')}
        </button>
        <button type="button" className="button button-secondary" disabled={busy} onClick={() => void load()}>
          {t('audit.reload')}
        </button>
      </div>
      <p className="live" role="status" aria-live="polite">
        {message}
      </p>
      {failure && <ErrorMessage error={failure} />}
      {records && records.length === 0 && <p>{t('audit.empty')}</p>}
      {records && records.length > 0 && (
        <div className="audit-scroll" role="region" aria-label={t('audit.caption')} tabIndex={0}>
          <table className="audit-table" data-testid="audit-table">
            <caption className="visually-hidden">{t('audit.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.at')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.role')}</th>
                <th scope="col">{t('audit.target')}</th>
                <th scope="col">{t('audit.kiosk')}</th>
              </tr>
            </thead>
            <tbody>
              {records.map((record) => {
                const details = auditDetails(record.details);
                return (
                  <tr key={record.id}>
                    <td>{formatDateTime(record.at, i18n.language)}</td>
                    <td>
                      {t(auditActionKey(record.action), { defaultValue: record.action })}
                      {details && <span className="audit-details">{details}</span>}
                    </td>
                    <td>{t(`audit.roles.${record.role}`, { defaultValue: record.role || t('audit.roles.unknown') })}</td>
                    <td className="audit-target">{record.target || '—'}</td>
                    {/* This desk by its name; another one (entries from sync) by the start of its id. */}
                    <td>{record.kioskId === info.kioskId ? info.kioskName : record.kioskId.slice(0, 8)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {more && last && (
        <div className="actions">
          <button type="button" className="button button-secondary" disabled={busy} onClick={() => void load(last.id)}>
            {busy ? t('audit.loading') : t('audit.older')}
          </button>
        </div>
      )}
    </section>
  );
}
