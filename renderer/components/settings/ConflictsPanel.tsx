import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorValue } from '../../../main/core/errors';
import type { SyncConflicts, SyncFlag } from '../../../main/core/types';
import { api } from '../../api';
import { formatDate, formatDateTime } from '../../i18n/format';
import { ErrorMessage } from '../ErrorMessage';
import { fullName } from '../names';

const pollMs = 5000;

/**
 * The supervisor's view of what desks did apart: double admissions (both desks and times,
 * the first arrival marked) and walk-ins that look like a registered attendee, each closed by
 * a person (Different people / Same person), never merged silently.
 */
export function ConflictsPanel() {
  const { t, i18n } = useTranslation('syncui');
  const [conflicts, setConflicts] = useState<SyncConflicts | null>(null);
  const [error, setError] = useState<ErrorValue | null>(null);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const result = await api()['sync:conflicts']({});
    if (result.ok) setConflicts(result.value);
    else setError(result);
  }, []);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), pollMs);
    return () => clearInterval(timer);
  }, [load]);

  async function resolve(flag: SyncFlag, resolution: 'dismissed' | 'merged') {
    setError(null);
    setBusy(true);
    const result = await api()['sync:resolveFlag']({ id: flag.id, resolution });
    setBusy(false);
    if (!result.ok) return setError(result);
    setConflicts(result.value);
    setMessage(resolution === 'dismissed' ? t('conflicts.dismissedDone') : t('conflicts.mergedDone'));
  }

  const open = conflicts?.flags.filter((flag) => !flag.resolvedAt) ?? [];
  const settled = conflicts?.flags.filter((flag) => flag.resolvedAt) ?? [];
  const empty = conflicts && conflicts.doubleAdmissions.length === 0 && conflicts.flags.length === 0;

  return (
    <section className="panel conflicts-panel" aria-labelledby="settings-conflicts" data-testid="conflicts-panel">
      <h2 id="settings-conflicts">{t('conflicts.title')}</h2>
      <p className="help">{t('conflicts.help')}</p>
      <p className="live" role="status" aria-live="polite">
        {message}
      </p>
      {error && <ErrorMessage error={error} />}
      {empty && <p data-testid="conflicts-none">{t('conflicts.none')}</p>}

      {conflicts && conflicts.doubleAdmissions.length > 0 && (
        <>
          <h3>{t('conflicts.doubleTitle')}</h3>
          <p className="help">{t('conflicts.doubleHelp')}</p>
          <ul className="conflict-list">
            {conflicts.doubleAdmissions.map((double) => (
              <li key={`${double.attendee.id}-${double.day}-${double.checkpointId}`} className="conflict" data-testid="double-admission" data-attendee-id={double.attendee.id}>
                <p>
                  <strong>{fullName(double.attendee)}</strong>
                  {double.attendee.organisation && ` · ${double.attendee.organisation}`} · {formatDate(double.day, i18n.language)}
                </p>
                <ol>
                  {double.checkins.map((checkin, index) => (
                    <li key={checkin.id} className={index === 0 ? 'conflict-first' : undefined} data-testid="double-admission-checkin" data-first={index === 0 || undefined}>
                      {checkin.kioskName} — {formatDateTime(checkin.at, i18n.language)}
                      {index === 0 && ` (${t('conflicts.first')})`}
                    </li>
                  ))}
                </ol>
              </li>
            ))}
          </ul>
        </>
      )}

      {conflicts && conflicts.flags.length > 0 && (
        <>
          <h3>{t('conflicts.flagsTitle')}</h3>
          <ul className="conflict-list">
            {[...open, ...settled].map((flag) => (
              <li key={flag.id} className="conflict" data-testid="sync-flag" data-flag-id={flag.id}>
                <p>
                  {t('conflicts.walkin')} : <strong>{fullName(flag.attendee)}</strong>
                  {flag.attendee.organisation && ` · ${flag.attendee.organisation}`}
                </p>
                {flag.other && (
                  <p>
                    {t('conflicts.looksLike')} : <strong>{fullName(flag.other)}</strong>
                    {flag.other.organisation && ` · ${flag.other.organisation}`}
                  </p>
                )}
                {flag.resolvedAt ? (
                  <p className="help">
                    {t('conflicts.resolved', {
                      resolution: flag.resolution ? t(`conflicts.resolutions.${flag.resolution}`) : '',
                      time: formatDateTime(flag.resolvedAt, i18n.language),
                    })}
                  </p>
                ) : (
                  <div className="actions">
                    <button type="button" className="button button-secondary" disabled={busy} onClick={() => void resolve(flag, 'dismissed')}>
                      {t('conflicts.dismiss')}
                    </button>
                    <button type="button" className="button" disabled={busy} onClick={() => void resolve(flag, 'merged')}>
                      {t('conflicts.merge')}
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
