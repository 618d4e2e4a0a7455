import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorValue } from '../../../main/core/errors';
import { api } from '../../api';
import { useRoles } from '../../hooks/useRoles';
import { ErrorMessage } from '../ErrorMessage';

const pinPattern = /^\d{4,12}$/;

/** Sets or changes the organiser PIN: typed twice, 4 to 12 digits (the core's rule, checked here first to say why). */
export function PinSettings() {
  const { t } = useTranslation('roles');
  const roles = useRoles();
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ErrorValue | null>(null);
  const [message, setMessage] = useState('');
  const pinSet = roles.status?.pinSet ?? false;

  const pinError = !pinPattern.test(pin) ? t('setPin.invalid') : '';
  const againError = !pinError && pin !== again ? t('setPin.mismatch') : '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setSubmitted(true);
    setMessage('');
    if (pinError || againError) {
      document.getElementById(pinError ? 'set-pin' : 'set-pin-again')?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    const result = await api()['roles:setPin']({ pin });
    setBusy(false);
    if (!result.ok) return setFailure(result);
    roles.accept(result.value);
    setPin('');
    setAgain('');
    setSubmitted(false);
    setMessage(pinSet ? t('setPin.changed') : t('setPin.saved'));
  };

  const digits = (value: string) => value.replace(/\D/g, '').slice(0, 12);

  return (
    <section className="panel roles-panel" aria-labelledby="settings-pin">
      <h2 id="settings-pin">{t('setPin.title')}</h2>
      <p>{pinSet ? t('setPin.helpSet') : t('setPin.helpNone')}</p>
      <form className="pin-form" onSubmit={(event) => void submit(event)} noValidate>
        <div className="pin-field">
          <label className="field-label" htmlFor="set-pin">
            {pinSet ? t('setPin.newLabel') : t('setPin.label')}
          </label>
          <input
            id="set-pin"
            className="pin-input"
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            maxLength={12}
            value={pin}
            aria-invalid={submitted && pinError ? true : undefined}
            aria-describedby="set-pin-rule set-pin-error"
            onChange={(event) => setPin(digits(event.target.value))}
          />
          <p id="set-pin-rule" className="help">
            {t('setPin.rule')}
          </p>
          <p id="set-pin-error" className="field-error">
            {submitted ? pinError : ''}
          </p>
        </div>
        <div className="pin-field">
          <label className="field-label" htmlFor="set-pin-again">
            {t('setPin.againLabel')}
          </label>
          <input
            id="set-pin-again"
            className="pin-input"
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            maxLength={12}
            value={again}
            aria-invalid={submitted && againError ? true : undefined}
            aria-describedby="set-pin-again-error"
            onChange={(event) => setAgain(digits(event.target.value))}
          />
          <p id="set-pin-again-error" className="field-error">
            {submitted ? againError : ''}
          </p>
        </div>
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {pinSet ? t('setPin.change') : t('setPin.save')}
          </button>
        </div>
      </form>
      <p className="live" role="status" aria-live="polite">
        {message}
      </p>
      {failure && <ErrorMessage error={failure} />}
    </section>
  );
}
