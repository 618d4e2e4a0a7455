import { useTranslation } from 'react-i18next';
import './roles.css';

/** Marks a nav button whose screen asks for the organiser PIN: a padlock, and words for screen readers. */
export function NavLock() {
  const { t } = useTranslation('roles');
  return (
    <>
      <svg className="nav-lock" aria-hidden="true" focusable="false" width="14" height="16" viewBox="0 0 14 16">
        <path d="M3 7V5a4 4 0 0 1 8 0v2" fill="none" stroke="currentColor" strokeWidth="2" />
        <rect x="1" y="7" width="12" height="9" rx="2" fill="currentColor" />
      </svg>
      <span className="visually-hidden"> {t('nav.locked')}</span>
    </>
  );
}
