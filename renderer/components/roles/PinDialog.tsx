import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorValue } from '../../../main/core/errors';
import type { RoleStatus } from '../../../main/core/roles/types';
import { api } from '../../api';
import { useRoles, type PinRequest } from '../../hooks/useRoles';
import { ErrorMessage } from '../ErrorMessage';
import { formatLockEnd } from './format';
import { isPinRefusal } from './refusals';
import './roles.css';

interface Props {
  request: PinRequest;
  onClose(): void;
}

type Feedback = { kind: 'empty' } | { kind: 'wrong'; status: RoleStatus } | { kind: 'error'; error: ErrorValue } | null;

/**
 * Asks for the organiser PIN. A modal <dialog>: the field has the focus, Escape or "Annuler"
 * close it and focus goes back where it was. The core counts wrong PINs and decides the
 * lock-out (its clock, not the browser's): the dialog only says what the core answered.
 */
export function PinDialog({ request, onClose }: Props) {
  const { t, i18n } = useTranslation('roles');
  const roles = useRoles();
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>(null);

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    input.current?.focus();
    // A lock-out may have started on another try: the dialog opens with the core's current word.
    void roles.refresh();
    return () => previous?.focus();
    // Once per opening: `roles` changes with every status read.
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!pin) {
      setFeedback({ kind: 'empty' });
      input.current?.focus();
      return;
    }
    setBusy(true);
    const result = await api()['roles:unlock']({ pin });
    setBusy(false);
    setPin('');
    if (result.ok && result.value.mode === 'organiser') {
      roles.accept(result.value);
      onClose();
      request.onUnlocked?.();
      return;
    }
    if (result.ok) {
      roles.accept(result.value);
      setFeedback({ kind: 'wrong', status: result.value });
    } else if (isPinRefusal(result.code)) {
      // The refusal's own words stay short; attempts left and the lock-out end come from the status.
      const status = await roles.refresh();
      setFeedback(status ? { kind: 'wrong', status } : { kind: 'error', error: result });
    } else {
      setFeedback({ kind: 'error', error: result });
    }
    input.current?.focus();
  };

  const status = feedback?.kind === 'wrong' ? feedback.status : roles.status;
  const lockedUntil = status?.lockedUntil ?? null;

  return (
    // The dialog's own Escape handling fires 'cancel'; closing goes through the parent so it unmounts us.
    <dialog
      ref={dialog}
      className="pin-dialog"
      aria-labelledby="pin-title"
      aria-describedby="pin-help"
      onCancel={(event) => (event.preventDefault(), onClose())}
      data-testid="pin-dialog"
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <h2 id="pin-title">{t('pin.title')}</h2>
        <p id="pin-help">{t('pin.help')}</p>
        <label className="field-label" htmlFor="pin-input">
          {t('pin.label')}
        </label>
        <input
          ref={input}
          id="pin-input"
          className="pin-input"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          maxLength={12}
          value={pin}
          aria-invalid={feedback?.kind === 'wrong' || feedback?.kind === 'empty' ? true : undefined}
          aria-describedby="pin-feedback"
          // Digits only: a letter typed by mistake never reaches the core as a wrong try.
          onChange={(event) => setPin(event.target.value.replace(/\D/g, '').slice(0, 12))}
        />
        <div id="pin-feedback" className="pin-feedback" role="alert">
          {lockedUntil ? (
            <p className="notice notice-error" data-testid="pin-locked">
              {t('pin.lockedOut', { time: formatLockEnd(lockedUntil, i18n.language) })}
            </p>
          ) : feedback?.kind === 'wrong' ? (
            <p className="notice notice-error" data-testid="pin-wrong">
              {t('pin.wrong', { count: feedback.status.attemptsLeft })}
            </p>
          ) : feedback?.kind === 'empty' ? (
            <p className="notice notice-error">{t('pin.empty')}</p>
          ) : null}
        </div>
        {feedback?.kind === 'error' && <ErrorMessage error={feedback.error} />}
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? t('pin.checking') : t('pin.submit')}
          </button>
          <button type="button" className="button button-secondary" onClick={onClose}>
            {t('pin.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
