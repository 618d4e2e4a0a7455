import { useTranslation } from 'react-i18next';
import { AuditLogPanel } from './AuditLogPanel';
import { KioskLockSettings } from './KioskLockSettings';
import { PinSettings } from './PinSettings';
import { PurgePanel } from './PurgePanel';
import './roles.css';

/** The organiser's panels of the Settings screen: PIN, kiosk lock, audit log, and the purge last (danger zone). */
export function RolesSettings() {
  const { t } = useTranslation('roles');
  return (
    <div className="roles-settings" role="group" aria-label={t('settings.label')}>
      <PinSettings />
      <KioskLockSettings />
      <AuditLogPanel />
      <PurgePanel />
    </div>
  );
}
