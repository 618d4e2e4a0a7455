import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorValue } from '../../../main/core/errors';
import { api } from '../../api';
import { useRoles } from '../../hooks/useRoles';
import { ErrorMessage } from '../ErrorMessage';

/** The full-screen kiosk lock of the desktop app: a volunteer cannot leave the window without the PIN. */
export function KioskLockSettings() {
  const { t } = useTranslation('roles');
  const roles = useRoles();
  // The switch shows the asked state while the core answers (a controlled box would flick back).
  const [asked, setAsked] = useState<boolean | null>(null);
  const busy = asked !== null;
  const [failure, setFailure] = useState<ErrorValue | null>(null);
  const status = roles.status;
  const enabled = status?.kioskLock ?? false;
  // Without a PIN nobody could ever leave the lock: it waits for one.
  const needsPin = !(status?.pinSet ?? false);

  const toggle = async (next: boolean) => {
    setAsked(next);
    setFailure(null);
    const result = await api()['roles:setKioskLock']({ enabled: next });
    setAsked(null);
    if (result.ok) roles.accept(result.value);
    else setFailure(result);
  };

  return (
    <section className="panel roles-panel" aria-labelledby="settings-kiosk-lock">
      <h2 id="settings-kiosk-lock">{t('kioskLock.title')}</h2>
      <p id="kiosk-lock-help">{t('kioskLock.help')}</p>
      <label className="choice kiosk-lock-switch">
        <input
          type="checkbox"
          role="switch"
          checked={asked ?? enabled}
          disabled={busy || (needsPin && !enabled)}
          aria-describedby="kiosk-lock-help kiosk-lock-state"
          onChange={(event) => void toggle(event.target.checked)}
        />
        {t('kioskLock.label')}
      </label>
      <p id="kiosk-lock-state" className="help" role="status" aria-live="polite">
        {needsPin && !enabled ? t('kioskLock.needsPin') : enabled ? t('kioskLock.on') : t('kioskLock.off')}
      </p>
      {failure && <ErrorMessage error={failure} />}
    </section>
  );
}
