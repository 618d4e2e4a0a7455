import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorValue } from '../../../main/core/errors';
import { parsePairingLink } from '../../../main/core/sync/pairing-link';
import type { SyncStatus } from '../../../main/core/types';
import { api } from '../../api';
import { useAppState } from '../../hooks/useAppState';
import { translateCoded } from '../../i18n/errors';
import { formatDateTime, formatTime } from '../../i18n/format';
import { ErrorMessage } from '../ErrorMessage';
import { ConflictsPanel } from './ConflictsPanel';
import { HubPanel } from './HubPanel';
import { PairingQrScanner } from './PairingQrScanner';
import '../sync.css';

const pollMs = 2000;

/**
 * Settings › sync: pair this desk with a hub (address + code typed, the QR's text pasted, or
 * the QR scanned), the status in plain words, "sync now", unpair; then "this desk is the hub"
 * and the supervisor's conflicts. One element for the Settings screen.
 */
export function SyncSettings() {
  return (
    <>
      <SyncClientPanel />
      <HubPanel />
      <ConflictsPanel />
    </>
  );
}

function SyncClientPanel() {
  const { t, i18n } = useTranslation('syncui');
  const { refresh } = useAppState();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [url, setUrl] = useState('');
  const [code, setCode] = useState('');
  const [link, setLink] = useState('');
  const [linkInvalid, setLinkInvalid] = useState(false);
  const [scanning, setScanning] = useState(false);
  const [busy, setBusy] = useState<'pair' | 'now' | 'unpair' | null>(null);
  const [error, setError] = useState<ErrorValue | null>(null);
  const [message, setMessage] = useState('');

  const load = useCallback(async () => {
    const result = await api()['sync:status']({});
    if (result.ok) setStatus(result.value);
  }, []);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), pollMs);
    return () => clearInterval(timer);
  }, [load]);

  function applyLink(text: string) {
    setLink(text);
    if (!text.trim()) return setLinkInvalid(false);
    const parsed = parsePairingLink(text);
    setLinkInvalid(!parsed);
    if (parsed) {
      setUrl(parsed.url);
      setCode(parsed.code);
    }
  }

  const onScanned = useCallback(
    (found: { url: string; code: string }) => {
      setScanning(false);
      setUrl(found.url);
      setCode(found.code);
      setMessage(t('client.scanned'));
    },
    [t],
  );

  async function pair(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setMessage('');
    setBusy('pair');
    const result = await api()['sync:pair']({ url: url.trim(), code: code.trim() });
    setBusy(null);
    if (!result.ok) return setError(result);
    setStatus(result.value);
    setCode('');
    setLink('');
    setMessage(t('client.paired', { url: result.value.hubUrl ?? url }));
    // The first sync brought the hub's event (now the current one): the header shows it.
    await refresh();
  }

  async function run(kind: 'now' | 'unpair') {
    setError(null);
    setMessage('');
    setBusy(kind);
    const result = await api()[kind === 'now' ? 'sync:now' : 'sync:unpair']({});
    setBusy(null);
    if (!result.ok) return setError(result);
    setStatus(result.value);
    setMessage(kind === 'now' ? t('client.synced') : t('client.unpaired'));
  }

  return (
    <section className="panel sync-settings" aria-labelledby="settings-sync" data-testid="sync-settings">
      <h2 id="settings-sync">{t('client.title')}</h2>
      <p className="help">{t('client.help')}</p>
      <p className="live" role="status" aria-live="polite" data-testid="sync-message">
        {message}
      </p>
      {error && <ErrorMessage error={error} />}
      {status && (
        <dl className="facts" data-testid="sync-status" data-state={status.state}>
          <div>
            <dt>{t('client.state')}</dt>
            <dd data-testid="sync-status-state">{t(`client.states.${status.state}`)}</dd>
          </div>
          {status.hubUrl && (
            <div>
              <dt>{t('client.hub')}</dt>
              <dd data-testid="sync-status-hub">{status.hubUrl}</dd>
            </div>
          )}
          <div>
            <dt>{t('client.pending')}</dt>
            <dd data-testid="sync-status-pending">{status.pending}</dd>
          </div>
          {status.state !== 'unpaired' && (
            <div>
              <dt>{t('client.lastSync')}</dt>
              <dd>{status.lastSyncAt ? formatDateTime(status.lastSyncAt, i18n.language) : t('client.never')}</dd>
            </div>
          )}
          {status.state === 'offline' && status.nextAttemptAt && (
            <div>
              <dt>{t('client.nextAttempt')}</dt>
              <dd>{formatTime(status.nextAttemptAt, i18n.language)}</dd>
            </div>
          )}
          {status.lastError && (
            <div>
              <dt>{t('client.lastError')}</dt>
              <dd data-testid="sync-status-error" data-error-code={status.lastError.code}>
                {translateCoded(t, 'errors', status.lastError)}
              </dd>
            </div>
          )}
        </dl>
      )}

      {status && status.state !== 'unpaired' ? (
        <div className="actions">
          <button type="button" className="button" disabled={busy !== null} onClick={() => void run('now')}>
            {busy === 'now' ? t('client.syncing') : t('client.now')}
          </button>
          <button type="button" className="button button-secondary" disabled={busy !== null} onClick={() => void run('unpair')}>
            {t('client.unpair')}
          </button>
        </div>
      ) : (
        <form className="sync-form" onSubmit={(event) => void pair(event)} aria-labelledby="settings-sync-pair">
          <h3 id="settings-sync-pair">{t('client.pairTitle')}</h3>
          <p className="help">{t('client.pairHelp')}</p>
          <label htmlFor="sync-link" className="field-label">
            {t('client.link')}
          </label>
          <input
            id="sync-link"
            value={link}
            placeholder="accueil-pair:http://…#…"
            aria-invalid={linkInvalid || undefined}
            aria-describedby={linkInvalid ? 'sync-link-error' : undefined}
            onChange={(event) => applyLink(event.target.value)}
          />
          {linkInvalid && (
            <p id="sync-link-error" className="notice notice-error">
              {t('client.linkInvalid')}
            </p>
          )}
          {scanning ? (
            <PairingQrScanner onFound={onScanned} onClose={() => setScanning(false)} />
          ) : (
            <button type="button" className="button button-secondary" onClick={() => setScanning(true)}>
              {t('client.scan')}
            </button>
          )}
          <label htmlFor="sync-url" className="field-label">
            {t('client.url')}
          </label>
          <input id="sync-url" type="url" required value={url} placeholder="http://192.168.1.20:8787" onChange={(event) => setUrl(event.target.value)} />
          <label htmlFor="sync-code" className="field-label">
            {t('client.code')}
          </label>
          <input id="sync-code" required autoComplete="off" value={code} onChange={(event) => setCode(event.target.value)} />
          <div className="actions">
            <button type="submit" className="button" disabled={busy !== null}>
              {busy === 'pair' ? t('client.pairing') : t('client.pair')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
