import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo, Language } from '../main/core/contract';
import type { ErrorValue } from '../main/core/errors';
import { api } from './api';
import { ErrorMessage } from './components/ErrorMessage';
import { LanguageSwitch } from './components/LanguageSwitch';
import { SyncIndicator } from './components/SyncIndicator';
import { ModeSwitch } from './components/roles/ModeSwitch';
import { NavLock } from './components/roles/NavLock';
import { AppStateContext, screens, type AppState, type Screen } from './hooks/useAppState';
import { RolesContext, useRoleState } from './hooks/useRoles';
import { BadgesScreen } from './screens/BadgesScreen';
import { ExportsScreen } from './screens/ExportsScreen';
import { DashboardScreen } from './screens/DashboardScreen';
import { ImportScreen } from './screens/ImportScreen';
import { ScanScreen } from './screens/ScanScreen';
import { SearchScreen } from './screens/SearchScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { WalkinScreen } from './screens/WalkinScreen';

function CurrentScreen({ screen }: { screen: Screen }) {
  switch (screen) {
    case 'scan':
      return <ScanScreen />;
    case 'search':
      return <SearchScreen />;
    case 'import':
      return <ImportScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'walkin':
      return <WalkinScreen />;
    case 'badges':
      return <BadgesScreen />;
    case 'exports':
      return <ExportsScreen />;
    case 'dashboard':
      return <DashboardScreen />;
  }
}

export function App() {
  const { t, i18n } = useTranslation();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [failure, setFailure] = useState<ErrorValue | null>(null);
  const [screen, setScreen] = useState<Screen>('search');
  // Organiser screens ask for the PIN in staff mode; navigation goes through roles.go.
  const roles = useRoleState(screen, setScreen);

  // The saved language is applied once, at start: afterwards the switch is the only source of
  // truth, and a refresh answered after a click must not switch the screen back.
  const languageLoaded = useRef(false);
  const refresh = useCallback(async () => {
    const result = await api()['app:info']({});
    if (!result.ok) {
      setFailure(result);
      return;
    }
    setFailure(null);
    if (!languageLoaded.current) {
      languageLoaded.current = true;
      if (result.value.language !== i18n.language) await i18n.changeLanguage(result.value.language);
    }
    setInfo({ ...result.value, language: i18n.language as Language });
  }, [i18n]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const setLanguage = useCallback(
    async (language: Language) => {
      // The interface switches at once; saving the choice follows (a failure only loses persistence).
      languageLoaded.current = true;
      await i18n.changeLanguage(language);
      setInfo((current) => (current ? { ...current, language } : current));
      const result = await api()['settings:setLanguage']({ language });
      if (!result.ok) setFailure(result);
    },
    [i18n],
  );

  const state = useMemo<AppState | null>(
    () => (info ? { info, refresh, setLanguage, navigate: roles.go } : null),
    [info, refresh, setLanguage, roles.go],
  );

  if (!state) {
    return (
      <main className="startup" id="main">
        <h1>{failure ? t('startupFailed') : t('loading')}</h1>
        {failure && (
          <>
            <ErrorMessage error={failure} />
            <button type="button" className="button" onClick={() => void refresh()}>
              {t('retry')}
            </button>
          </>
        )}
      </main>
    );
  }

  const { event } = state.info;
  return (
    <AppStateContext.Provider value={state}>
      <RolesContext.Provider value={roles}>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="app-header">
        <p className="brand">{t('appName')}</p>
        <p className="header-event" data-testid="event-name">
          <span className="header-label">{t('header.event')}</span>{' '}
          {event ? (
            <>
              <strong>{event.name}</strong> <span className="header-count">{t('header.attendees', { count: event.attendeeCount })}</span>
            </>
          ) : (
            <strong>{t('header.noEvent')}</strong>
          )}
        </p>
        <p className="header-kiosk">
          <span className="header-label">{t('header.kiosk')}</span> <strong data-testid="header-kiosk">{state.info.kioskName}</strong>
        </p>
        <SyncIndicator />
        <ModeSwitch />
        <LanguageSwitch />
      </header>
      <nav className="app-nav" aria-label={t('nav.label')}>
        <ul>
          {screens.map((name) => (
            <li key={name}>
              <button
                type="button"
                className="nav-button"
                aria-current={screen === name ? 'page' : undefined}
                onClick={() => roles.go(name)}
              >
                {t(`nav.${name}`)}
                {roles.locked(name) && <NavLock />}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      {failure && (
        <div className="app-failure">
          <ErrorMessage error={failure} />
        </div>
      )}
      <main id="main" className="app-main" tabIndex={-1}>
        <CurrentScreen key={screen} screen={screen} />
      </main>
      </RolesContext.Provider>
    </AppStateContext.Provider>
  );
}
