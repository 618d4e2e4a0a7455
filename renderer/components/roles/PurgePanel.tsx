import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorValue } from '../../../main/core/errors';
import type { PurgeReport } from '../../../main/core/roles/types';
import { api } from '../../api';
import { useAppState } from '../../hooks/useAppState';
import { useRoles } from '../../hooks/useRoles';
import { ErrorMessage } from '../ErrorMessage';

/**
 * Danger zone: deletes the current event's personal data from this kiosk, after the final
 * export. The organiser types the event's name to confirm (the core checks it again) and
 * reads what was deleted.
 */
export function PurgePanel() {
  const { t } = useTranslation('roles');
  const { info, refresh } = useAppState();
  const roles = useRoles();
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ErrorValue | null>(null);
  const [report, setReport] = useState<{ name: string; counts: PurgeReport } | null>(null);
  // Set once the core refused because the hub has not received everything: a second, explicit consent.
  const [unsent, setUnsent] = useState<number | null>(null);
  const [discardUnsent, setDiscardUnsent] = useState(false);
  const event = info.event;

  const matches = event !== null && confirm.trim() === event.name.trim();

  const purge = async (submitted: FormEvent) => {
    submitted.preventDefault();
    if (!event || !matches || busy) return;
    setBusy(true);
    setFailure(null);
    const result = await api()['data:purge']({ eventId: event.id, confirm: confirm.trim(), ...(discardUnsent ? { discardUnsent: true } : {}) });
    setBusy(false);
    if (!result.ok) {
      if (result.code === 'purge.unsent_changes') setUnsent(Number(result.params?.count ?? 0));
      return setFailure(result);
    }
    setReport({ name: event.name, counts: result.value });
    setConfirm('');
    setUnsent(null);
    setDiscardUnsent(false);
    await Promise.all([refresh(), roles.refresh()]);
  };

  return (
    <section className="panel roles-panel danger-zone" aria-labelledby="settings-purge">
      <h2 id="settings-purge">{t('purge.title')}</h2>
      <p>{t('purge.help')}</p>
      <p className="notice notice-warning">{t('purge.exportFirst')}</p>
      {event ? (
        <form onSubmit={(submitted) => void purge(submitted)} noValidate>
          <label className="field-label" htmlFor="purge-confirm">
            {t('purge.confirmLabel', { name: event.name })}
          </label>
          <input
            id="purge-confirm"
            className="purge-input"
            type="text"
            autoComplete="off"
            spellCheck={false}
            maxLength={300}
            value={confirm}
            aria-describedby="purge-rule"
            onChange={(changed) => setConfirm(changed.target.value)}
          />
          <p id="purge-rule" className="help">
            {t('purge.rule')}
          </p>
          {unsent !== null && (
            <label className="choice">
              <input type="checkbox" checked={discardUnsent} onChange={(changed) => setDiscardUnsent(changed.target.checked)} />
              {t('purge.discardUnsent', { count: unsent })}
            </label>
          )}
          <div className="actions">
            <button type="submit" className="button button-danger-solid" disabled={!matches || busy}>
              {busy ? t('purge.running') : t('purge.submit')}
            </button>
          </div>
        </form>
      ) : (
        <p>{t('purge.noEvent')}</p>
      )}
      <div role="status" aria-live="polite">
        {report && (
          <div className="notice notice-info" data-testid="purge-report">
            <p className="notice-title">{t('purge.done', { name: report.name })}</p>
            <ul>
              <li>{t('purge.attendees', { count: report.counts.attendees })}</li>
              <li>{t('purge.checkins', { count: report.counts.checkins })}</li>
              <li>{t('purge.prints', { count: report.counts.prints })}</li>
            </ul>
            <p>{t('purge.logged')}</p>
          </div>
        )}
      </div>
      {failure && <ErrorMessage error={failure} />}
    </section>
  );
}
