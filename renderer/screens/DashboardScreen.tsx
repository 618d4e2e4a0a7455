import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/ErrorMessage';
import { ArrivalsChart } from '../components/dashboard/ArrivalsChart';
import { CategoryPanel, CountryPanel, OriginPanel } from '../components/dashboard/BreakdownPanels';
import { DayPicker } from '../components/dashboard/DayPicker';
import { dayDate, formatters } from '../components/dashboard/format';
import { Headline } from '../components/dashboard/Headline';
import { KiosksPanel } from '../components/dashboard/KiosksPanel';
import { RoomsPanel } from '../components/dashboard/RoomsPanel';
import { useDashboard } from '../components/dashboard/useDashboard';
import { useAppState } from '../hooks/useAppState';
import '../components/dashboard/dashboard.css';

/**
 * The organisers' live dashboard: this desk's database (fed by sync) asked again every ~2 s
 * while the screen is in view. The figures are the core's; this screen only lays them out.
 */
export function DashboardScreen() {
  const { t, i18n } = useTranslation('dashboard');
  const { navigate } = useAppState();
  // null until an organiser picks a day: the core then shows today's (or the first).
  const [chosenDay, setChosenDay] = useState<string | null>(null);
  const { data, error } = useDashboard(chosenDay);
  // Another event opened meanwhile: a day it does not have goes back to the core's choice.
  const staleDay = data !== null && chosenDay !== null && !data.days.some((day) => day.date === chosenDay);
  useEffect(() => {
    if (staleDay) setChosenDay(null);
  }, [staleDay]);
  // A day was picked and its figures are not in yet: the previous day's stay, dimmed (no blank flash).
  const loading = data !== null && chosenDay !== null && !staleDay && data.day !== chosenDay;
  const format = useMemo(() => formatters(i18n.language), [i18n.language]);

  const shownDay = data?.days.find((day) => day.date === data.day) ?? null;
  // Headings name the day by its date: labels can be long ("Jour 1 · Groupes-pays et …"), the picker shows them.
  const shownDayName = shownDay ? dayDate(shownDay.date, i18n.language) : null;
  const rooms = useMemo(() => (data ? data.rooms.filter((room) => room.day === null || room.day === data.day) : []), [data]);

  return (
    <section className="screen dashboard-screen" aria-labelledby="dashboard-title" aria-busy={loading}>
      <div className="dash-top">
        <h1 id="dashboard-title">{t('title')}</h1>
        {data && (
          <p className="dash-updated" data-testid="dashboard-updated" data-generated-at={data.generatedAt}>
            <span className="dash-live-dot" aria-hidden="true" />
            {t('updated', { time: format.clock(data.generatedAt) })}
          </p>
        )}
      </div>
      {error && <ErrorMessage error={error} />}

      {!data && !error && <p className="busy">{t('loading')}</p>}

      {data && data.eventId === null && (
        <div className="empty-state dash-empty" data-testid="dashboard-no-event">
          <p className="empty-title">{t('empty.noEvent.title')}</p>
          <p>{t('empty.noEvent.text')}</p>
          <div className="actions">
            <button type="button" className="button" onClick={() => navigate('settings')}>
              {t('empty.noEvent.settings')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => navigate('import')}>
              {t('empty.noEvent.import')}
            </button>
          </div>
        </div>
      )}

      {data && data.eventId !== null && (
        <>
          {/* The picked day shows as chosen at once; its figures follow with the answer. */}
          <DayPicker days={data.days} value={chosenDay ?? data.day} onChange={setChosenDay} format={format} />
          {data.overall.expected === 0 && data.overall.arrived === 0 ? (
            <div className="notice notice-info" data-testid="dashboard-no-attendees">
              <p className="notice-title">{t('empty.noAttendees.title')}</p>
              <p>{t('empty.noAttendees.text')}</p>
              <button type="button" className="button button-secondary" onClick={() => navigate('import')}>
                {t('empty.noEvent.import')}
              </button>
            </div>
          ) : (
            data.overall.arrived === 0 && (
              <div className="notice notice-info" data-testid="dashboard-no-checkins">
                <p className="notice-title">{t('empty.noCheckins.title')}</p>
                <p>{t('empty.noCheckins.text')}</p>
              </div>
            )
          )}
          <Headline data={data} dayName={shownDayName} format={format} />
          <div className="dash-grid">
            <ArrivalsChart slots={data.arrivalsPer15} dayName={shownDayName} format={format} />
            <OriginPanel data={data} format={format} />
          </div>
          <RoomsPanel rooms={rooms} day={data.day} format={format} />
          <div className="dash-grid dash-grid-even">
            <CategoryPanel data={data} format={format} />
            <CountryPanel data={data} format={format} />
          </div>
          <KiosksPanel kiosks={data.kiosks} now={data.generatedAt} format={format} />
        </>
      )}
    </section>
  );
}
