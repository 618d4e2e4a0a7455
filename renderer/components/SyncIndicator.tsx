import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../main/core/types';
import { api } from '../api';
import { formatTime } from '../i18n/format';
import './sync.css';

/** How often the header asks the core: the loop itself runs every few seconds. */
const pollMs = 2000;

/** The sync status every screen shows, polled from the core; `hub` when this unpaired desk runs the hub. */
export function useSyncStatus(): (SyncStatus & { hub: boolean }) | null {
  const [status, setStatus] = useState<(SyncStatus & { hub: boolean }) | null>(null);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const result = await api()['sync:status']({}).catch(() => null);
      if (stopped) return;
      // A failed status call keeps the last known one (the indicator must not flicker).
      if (result?.ok) {
        // Only an unpaired desk can be the hub worth mentioning: ask then, not on every poll.
        const hub = result.value.state === 'unpaired' ? await api()['hub:status']({}).catch(() => null) : null;
        if (stopped) return;
        setStatus({ ...result.value, hub: Boolean(hub?.ok && hub.value.running) });
      }
      timer = setTimeout(() => void poll(), pollMs);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);
  return status;
}

/**
 * The header's sync indicator: online / offline / syncing with what waits to be sent and the
 * time of the last successful sync; a desk that is not paired says so discreetly.
 */
export function SyncIndicator() {
  const { t, i18n } = useTranslation('syncui');
  const status = useSyncStatus();
  if (!status) return null;
  if (status.state === 'unpaired' && status.hub) {
    return (
      <p className="sync-indicator sync-online" data-testid="sync-indicator" data-state="hub">
        <span className="sync-dot" aria-hidden="true" />
        <strong data-testid="sync-state">{t('indicator.hub')}</strong>
      </p>
    );
  }
  if (status.state === 'unpaired') {
    return (
      <p className="sync-indicator sync-unpaired" data-testid="sync-indicator" data-state="unpaired">
        {t('indicator.unpaired')}
      </p>
    );
  }
  return (
    <p className={`sync-indicator sync-${status.state}`} data-testid="sync-indicator" data-state={status.state}>
      <span className="visually-hidden">{t('indicator.label')} :</span>
      <span className="sync-dot" aria-hidden="true" />
      <strong data-testid="sync-state">{t(`indicator.${status.state}`)}</strong>
      <span className="sync-pending" data-testid="sync-pending" data-count={status.pending}>
        {t('indicator.pending', { count: status.pending })}
      </span>
      <span className="sync-last" data-testid="sync-last">
        {status.lastSyncAt ? t('indicator.lastSync', { time: formatTime(status.lastSyncAt, i18n.language) }) : t('indicator.never')}
      </span>
    </p>
  );
}
