import { useTranslation } from 'react-i18next';
import type { FleetKiosk } from '../../../main/core/dashboard/types';
import { formatDateTime, formatTime } from '../../i18n/format';
import type { Formatters } from './format';

interface Props {
  kiosks: FleetKiosk[];
  /** The dashboard's own time: a sync of another calendar day shows its date. */
  now: string;
  format: Formatters;
}

function sameDay(a: string, b: string): boolean {
  return new Date(a).toDateString() === new Date(b).toDateString();
}

/** The desks of the fleet: when each last synced and what it still had to send (this desk first, marked). */
export function KiosksPanel({ kiosks, now, format }: Props) {
  const { t, i18n } = useTranslation('dashboard');
  const sorted = [...kiosks].sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name, i18n.language));
  return (
    <section className="panel dash-panel" aria-labelledby="dash-kiosks-title">
      <h2 id="dash-kiosks-title">{t('kiosks.title')}</h2>
      {sorted.length === 0 ? (
        <p className="empty-state">{t('kiosks.empty')}</p>
      ) : (
        <div className="table-scroll dash-table-scroll">
          <table className="table dash-table" data-testid="kiosks">
            <caption className="visually-hidden">{t('kiosks.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('kiosks.name')}</th>
                <th scope="col">{t('kiosks.lastSync')}</th>
                <th scope="col" className="dash-num">
                  {t('kiosks.pending')}
                </th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((kiosk) => (
                <tr key={kiosk.kioskId} className={kiosk.self ? 'dash-self' : undefined} data-testid="kiosk" data-self={kiosk.self ? 'true' : undefined}>
                  <th scope="row">
                    {kiosk.name || kiosk.kioskId} {kiosk.self && <span className="badge badge-current">{t('kiosks.self')}</span>}
                  </th>
                  <td>
                    {kiosk.lastSyncAt
                      ? sameDay(kiosk.lastSyncAt, now)
                        ? formatTime(kiosk.lastSyncAt, i18n.language)
                        : formatDateTime(kiosk.lastSyncAt, i18n.language)
                      : t('kiosks.never')}
                  </td>
                  <td className="dash-num">
                    {kiosk.pending === null ? (
                      <>
                        <span aria-hidden="true">–</span>
                        <span className="visually-hidden">{t('kiosks.unknown')}</span>
                      </>
                    ) : (
                      format.number(kiosk.pending)
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
