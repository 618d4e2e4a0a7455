import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppState } from '../../hooks/useAppState';
import { useRoles } from '../../hooks/useRoles';
import { ErrorMessage } from '../ErrorMessage';
import type { PrintState } from './usePrintBadge';

interface Props {
  state: PrintState;
  /** Prints again (after a failure), or with the reason staff gave for a reprint. */
  onPrint(reprintReason?: string): void;
  onCancelReason(): void;
}

/** Printer errors that choosing another printer fixes (none chosen, or the chosen one is gone). */
const settingsCodes = new Set(['print.no_printer', 'print.printer_unknown']);

/**
 * Where a badge print stands, in plain words: printing, printed on which printer, or why not
 * with "retry" (and the way to Settings when the printer is the problem); for a badge already
 * printed, the reason for the reprint.
 */
export function BadgePrintStatus({ state, onPrint, onCancelReason }: Props) {
  const { t } = useTranslation('walkin');
  const { navigate } = useAppState();
  // Settings are the organisers'; a volunteer chooses the kiosk's printer on the Badges screen.
  const printerScreen = useRoles().locked('settings') ? 'badges' : 'settings';
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const reasonInput = useRef<HTMLInputElement>(null);
  const retry = useRef<HTMLButtonElement>(null);
  const id = useId();

  useEffect(() => {
    if (state.status === 'needsReason') reasonInput.current?.focus();
    if (state.status === 'failed') retry.current?.focus();
  }, [state.status]);

  const submitReason = (event: FormEvent) => {
    event.preventDefault();
    const text = reason.trim();
    if (!text) {
      setReasonMissing(true);
      reasonInput.current?.focus();
      return;
    }
    setReasonMissing(false);
    onPrint(text);
  };

  return (
    <div className="badge-print" data-testid="badge-print" data-print-status={state.status}>
      <div aria-live="polite" role="status" className="badge-print-live">
        {state.status === 'printing' && <p className="badge-print-busy">{t('print.printing')}</p>}
        {state.status === 'printed' && (
          <p className="badge-print-ok">
            <span aria-hidden="true">✔ </span>
            {t('print.printed', { printer: state.outcome.printer })}
          </p>
        )}
      </div>
      {state.status === 'failed' && (
        <>
          <ErrorMessage error={state.error} />
          <div className="actions">
            <button type="button" ref={retry} className="button" onClick={() => onPrint()}>
              {t('print.retry')}
            </button>
            {settingsCodes.has(state.error.code) && (
              <button type="button" className="button button-secondary" onClick={() => navigate(printerScreen)}>
                {t(printerScreen === 'settings' ? 'print.settings' : 'print.badgesPrinter')}
              </button>
            )}
          </div>
        </>
      )}
      {state.status === 'needsReason' && (
        <form className="reprint-reason" onSubmit={submitReason} noValidate>
          {state.error ? <ErrorMessage error={state.error} /> : <p>{t('print.reasonHelp')}</p>}
          <label htmlFor={`${id}-reason`} className="field-label">
            {t('print.reasonLabel')}
          </label>
          <input
            id={`${id}-reason`}
            ref={reasonInput}
            type="text"
            list={`${id}-reasons`}
            value={reason}
            maxLength={500}
            aria-invalid={reasonMissing || undefined}
            aria-describedby={reasonMissing ? `${id}-reason-error` : undefined}
            onChange={(event) => setReason(event.target.value)}
          />
          <datalist id={`${id}-reasons`}>
            {(t('print.reasons', { returnObjects: true }) as string[]).map((text) => (
              <option key={text} value={text} />
            ))}
          </datalist>
          {reasonMissing && (
            <p id={`${id}-reason-error`} className="field-error">
              {t('print.reasonMissing')}
            </p>
          )}
          <div className="actions">
            <button type="submit" className="button">
              {t('print.confirmReprint')}
            </button>
            <button type="button" className="button button-secondary" onClick={onCancelReason}>
              {t('print.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
