import { useTranslation } from 'react-i18next';
import { useRoles } from '../../hooks/useRoles';
import { formatLockEnd } from './format';
import { PinDialog } from './PinDialog';
import './roles.css';

/**
 * The header's mode: "Accueil" (staff) or "Organisateur", with the button that changes it.
 * Without an organiser PIN everything is open, and the header says so rather than offer a
 * lock that would not lock anything. Hosts the PIN dialog for the whole shell.
 */
export function ModeSwitch() {
  const { t, i18n } = useTranslation('roles');
  const roles = useRoles();
  const { status } = roles;
  if (!status) return null;
  const organiser = status.mode === 'organiser';

  return (
    <div className="mode-switch" role="group" aria-label={t('mode.label')}>
      <p className="mode-current">
        <span className="header-label">{t('mode.label')}</span>{' '}
        <strong data-testid="role-mode" data-mode={status.mode}>
          {organiser ? t('mode.organiser') : t('mode.staff')}
        </strong>
        {!status.pinSet && <span className="mode-note"> {t('mode.noPin')}</span>}
        {/* The core's word on the idle fall back, moved on by each organiser action. */}
        {organiser && status.organiserUntil && (
          <span className="mode-note" data-testid="role-until">
            {' '}
            {t('mode.until', { time: formatLockEnd(status.organiserUntil, i18n.language) })}
          </span>
        )}
      </p>
      {status.pinSet &&
        (organiser ? (
          <button type="button" className="mode-button" onClick={() => void roles.lock()}>
            {t('mode.lock')}
          </button>
        ) : (
          <button type="button" className="mode-button" onClick={() => roles.requestOrganiser()}>
            {t('mode.enter')}
          </button>
        ))}
      <p className="mode-fellback" role="status" aria-live="polite">
        {roles.fellBack ? t('mode.fellBack') : ''}
      </p>
      {roles.pinRequest && <PinDialog request={roles.pinRequest} onClose={roles.closePinDialog} />}
    </div>
  );
}
