import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckinOutcome } from '../../../main/core/types';
import type { ErrorValue } from '../../../main/core/errors';
import { api } from '../../api';
import { ErrorMessage } from '../ErrorMessage';
import { fullName } from '../names';

/** How long "undo" stays offered after an accepted check-in (it stays while its form is open). */
export const undoWindowMs = 10_000;

interface Props {
  outcome: CheckinOutcome;
  onDone(message: string): void;
  onExpire(): void;
}

/** Undo the last accepted check-in, with a reason (checkin:undo, logged by the core). */
export function UndoBar({ outcome, onDone, onExpire }: Props) {
  const { t } = useTranslation('scan');
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ErrorValue | null>(null);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const name = outcome.attendee ? fullName(outcome.attendee) : '';

  useEffect(() => {
    if (open) return;
    const timer = window.setTimeout(onExpire, undoWindowMs);
    return () => window.clearTimeout(timer);
  }, [open, onExpire]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!outcome.checkinId) return;
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    setBusy(true);
    const result = await api()['checkin:undo']({ checkinId: outcome.checkinId, reason: reason.trim() });
    setBusy(false);
    if (!result.ok) setError(result);
    else onDone(t('undo.done', { name }));
  };

  return (
    <div className="scan-undo" data-testid="scan-undo">
      {!open ? (
        <>
          <p>{t('undo.offer', { name })}</p>
          <button type="button" className="button button-secondary" onClick={() => setOpen(true)}>
            {t('undo.button')}
          </button>
        </>
      ) : (
        <form onSubmit={(event) => void submit(event)} className="scan-undo-form">
          <label htmlFor="scan-undo-reason" className="field-label">
            {t('undo.reasonLabel')}
          </label>
          <input
            id="scan-undo-reason"
            type="text"
            value={reason}
            maxLength={500}
            placeholder={t('undo.reasonPlaceholder')}
            onChange={(event) => setReason(event.target.value)}
            autoFocus
          />
          {missing && (
            <p className="notice notice-error" role="alert">
              {t('undo.reasonRequired')}
            </p>
          )}
          {error && <ErrorMessage error={error} />}
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {t('undo.submit')}
            </button>
            <button type="button" className="button button-secondary" onClick={onExpire}>
              {t('undo.keep')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
