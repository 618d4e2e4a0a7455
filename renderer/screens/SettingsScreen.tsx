import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { languages } from '../../main/core/contract';
import type { ErrorValue } from '../../main/core/errors';
import type { EventInfo } from '../../main/core/types';
import { api } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import { PrintingSettings } from '../components/PrintingSettings';
import { QrExportPanel } from '../components/QrExportPanel';
import { SyncSettings } from '../components/settings/SyncSettings';
import { RolesSettings } from '../components/roles/RolesSettings';
import { useAppState } from '../hooks/useAppState';

export function SettingsScreen() {
  const { t, i18n } = useTranslation('settings');
  const { info, refresh, setLanguage } = useAppState();
  const [events, setEvents] = useState<EventInfo[] | null>(null);
  const [error, setError] = useState<ErrorValue | null>(null);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  const loadEvents = useCallback(async () => {
    const result = await api()['events:list']({});
    if (result.ok) setEvents(result.value);
    else setError(result);
  }, []);

  useEffect(() => {
    void loadEvents();
  }, [loadEvents]);

  async function select(event: EventInfo) {
    setError(null);
    const result = await api()['events:select']({ id: event.id });
    if (!result.ok) return setError(result);
    setMessage(t('event.selected', { name: result.value.name }));
    await refresh();
  }

  async function loadDemo() {
    setError(null);
    setMessage('');
    setBusy(true);
    const result = await api()['demo:load']({});
    setBusy(false);
    if (!result.ok) return setError(result);
    setMessage(t('demo.loaded', { name: result.value.name, count: result.value.attendeeCount }));
    await Promise.all([refresh(), loadEvents()]);
  }

  return (
    <section className="screen settings-screen" aria-labelledby="settings-title">
      <h1 id="settings-title">{t('title')}</h1>
      <p className="live" role="status" aria-live="polite">
        {message}
      </p>
      {error && <ErrorMessage error={error} />}

      <fieldset className="panel">
        <legend>{t('language.title')}</legend>
        <div className="choices">
          {languages.map((language) => (
            <label key={language} className="choice" lang={language}>
              <input
                type="radio"
                name="language"
                value={language}
                checked={i18n.language === language}
                onChange={() => void setLanguage(language)}
              />
              {t(`app:language.${language}`)}
            </label>
          ))}
        </div>
        <p className="help">{t('language.help')}</p>
      </fieldset>

      <section className="panel" aria-labelledby="settings-event">
        <h2 id="settings-event">{t('event.title')}</h2>
        {events && events.length === 0 && <p>{t('event.none')}</p>}
        {events && events.length > 0 && (
          <ul className="event-list" aria-label={t('event.listLabel')}>
            {events.map((event) => {
              const current = info.event?.id === event.id;
              return (
                <li key={event.id} className={current ? 'event event-current' : 'event'}>
                  <div>
                    <p className="event-name">{event.name}</p>
                    <p className="event-meta">
                      {[
                        event.venue,
                        event.days.length > 0 ? t('event.days', { count: event.days.length }) : t('event.noDays'),
                        t('event.attendees', { count: event.attendeeCount }),
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </p>
                  </div>
                  {current ? (
                    <span className="badge badge-current">{t('event.current')}</span>
                  ) : (
                    <button type="button" className="button button-secondary" onClick={() => void select(event)}>
                      {t('event.select')}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section className="panel" aria-labelledby="settings-demo">
        <h2 id="settings-demo">{t('demo.title')}</h2>
        <p>{t('demo.help')}</p>
        <button type="button" className="button" disabled={busy} onClick={() => void loadDemo()}>
          {busy ? t('demo.loading') : t('demo.load')}
        </button>
      </section>

      {/* Printing settings are this kiosk's, and the kiosk needs an event to stand in. */}
      {info.event ? (
        <PrintingSettings key={info.event.id} />
      ) : (
        <section className="panel" aria-labelledby="settings-printing">
          <h2 id="settings-printing">{t('printing.title')}</h2>
          <p>{t('printing.noEvent')}</p>
        </section>
      )}

      {info.event && <QrExportPanel />}

      <SyncSettings />

      <section className="panel" aria-labelledby="settings-kiosk">
        <h2 id="settings-kiosk">{t('kiosk.title')}</h2>
        <dl className="facts">
          <div>
            <dt>{t('kiosk.name')}</dt>
            <dd data-testid="kiosk-name">{info.kioskName}</dd>
          </div>
          <div>
            <dt>{t('kiosk.id')}</dt>
            <dd>{info.kioskId}</dd>
          </div>
          <div>
            <dt>{t('kiosk.version')}</dt>
            <dd>{info.version}</dd>
          </div>
        </dl>
      </section>

      <RolesSettings />
    </section>
  );
}
