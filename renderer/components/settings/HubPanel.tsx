import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorValue } from '../../../main/core/errors';
import type { HubDevice, HubStatus } from '../../../main/core/types';
import { api } from '../../api';
import { formatDateTime, formatTime } from '../../i18n/format';
import { useAppState } from '../../hooks/useAppState';
import { ErrorMessage } from '../ErrorMessage';

const pollMs = 3000;
/** The in-app hub's usual port (hub:start's default); staff may pick another. */
const defaultPort = 8787;

/**
 * "This desk is the hub": start/stop the hub inside the app on this desk's own database, the
 * addresses other desks use, the pairing code large with its QR (a new one on demand), and
 * the paired desks with a Revoke button.
 */
export function HubPanel() {
  const { t, i18n } = useTranslation('syncui');
  const { info } = useAppState();
  const [hub, setHub] = useState<HubStatus | null>(null);
  const [port, setPort] = useState(String(defaultPort));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorValue | null>(null);
  const [message, setMessage] = useState('');

  const load = useCallback(async () => {
    const result = await api()['hub:status']({});
    if (result.ok) setHub(result.value);
  }, []);

  useEffect(() => {
    void load();
    // Devices pair and show up while the panel is open.
    const timer = setInterval(() => void load(), pollMs);
    return () => clearInterval(timer);
  }, [load]);

  async function act(call: () => Promise<{ ok: true; value: HubStatus } | ErrorValue>, done: string) {
    setError(null);
    setMessage('');
    setBusy(true);
    const result = await call();
    setBusy(false);
    if (!result.ok) return setError(result);
    setHub(result.value);
    setMessage(done);
  }

  const start = () => {
    const chosen = Number.parseInt(port, 10);
    return act(() => api()['hub:start'](Number.isInteger(chosen) ? { port: chosen } : {}), t('hub.started'));
  };
  const revoke = (device: HubDevice) => act(() => api()['hub:revoke']({ deviceId: device.id }), t('hub.revokedDone', { name: device.name }));

  return (
    <section className="panel hub-panel" aria-labelledby="settings-hub" data-testid="hub-panel">
      <h2 id="settings-hub">{t('hub.title')}</h2>
      <p className="help">{t('hub.help')}</p>
      <p className="live" role="status" aria-live="polite" data-testid="hub-message">
        {message}
      </p>
      {error && <ErrorMessage error={error} />}
      {!info.event && !hub?.running ? (
        <p>{t('hub.noEvent')}</p>
      ) : hub?.running ? (
        <>
          <p data-testid="hub-state">{t('hub.running')}</p>
          <h3>{t('hub.urls')}</h3>
          {hub.urls.length > 0 ? (
            <ul className="hub-urls" data-testid="hub-urls">
              {hub.urls.map((url) => (
                <li key={url}>{url}</li>
              ))}
            </ul>
          ) : (
            <p>{t('hub.noUrl')}</p>
          )}
          {hub.pairing && (
            <div className="hub-pairing">
              <h3>{t('hub.code')}</h3>
              <p className="hub-code" data-testid="hub-code">
                {hub.pairing.code}
              </p>
              <p className="help">{t('hub.expires', { time: formatTime(hub.pairing.expiresAt, i18n.language) })}</p>
              {/* The SVG comes from the core's qrcode renderer (no markup from elsewhere). */}
              <figure className="hub-qr" data-testid="hub-qr" data-qr-text={hub.pairing.qrText}>
                <div role="img" aria-label={t('hub.qr')} dangerouslySetInnerHTML={{ __html: hub.pairing.qrSvg }} />
              </figure>
            </div>
          )}
          <div className="actions">
            <button type="button" className="button" disabled={busy} onClick={() => void act(() => api()['hub:newCode']({}), t('hub.newCodeDone'))}>
              {t('hub.newCode')}
            </button>
            <button type="button" className="button button-secondary" disabled={busy} onClick={() => void act(() => api()['hub:stop']({}), t('hub.stopped'))}>
              {t('hub.stop')}
            </button>
          </div>
          <h3>{t('hub.devices')}</h3>
          {hub.devices.length === 0 ? (
            <p>{t('hub.noDevices')}</p>
          ) : (
            <table className="table" data-testid="hub-devices">
              <thead>
                <tr>
                  <th scope="col">{t('hub.device')}</th>
                  <th scope="col">{t('hub.pairedAt')}</th>
                  <th scope="col">{t('hub.lastSeen')}</th>
                  <th scope="col">{t('hub.pushed')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('hub.revoke')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {hub.devices.map((device) => (
                  <tr key={device.id} data-testid="hub-device" data-device-id={device.id}>
                    <td>{device.name}</td>
                    <td>{formatDateTime(device.pairedAt, i18n.language)}</td>
                    <td>{device.lastSeenAt ? formatDateTime(device.lastSeenAt, i18n.language) : t('hub.neverSeen')}</td>
                    <td>{device.pushed}</td>
                    <td>
                      {device.revokedAt ? (
                        t('hub.revoked', { time: formatDateTime(device.revokedAt, i18n.language) })
                      ) : (
                        <button
                          type="button"
                          className="button button-secondary"
                          disabled={busy}
                          aria-label={t('hub.revokeLabel', { name: device.name })}
                          onClick={() => void revoke(device)}
                        >
                          {t('hub.revoke')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ) : (
        <>
          <p data-testid="hub-state">{t('hub.notRunning')}</p>
          <label htmlFor="hub-port" className="field-label">
            {t('hub.port')}
          </label>
          <input id="hub-port" inputMode="numeric" value={port} onChange={(event) => setPort(event.target.value)} />
          <div className="actions">
            <button type="button" className="button" disabled={busy || !hub} onClick={() => void start()}>
              {busy ? t('hub.starting') : t('hub.start')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
