import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../../main/core/dashboard/types';
import type { Formatters } from './format';
import { Meter } from './Meter';

interface Props {
  data: Dashboard;
  dayName: string | null;
  format: Formatters;
}

/** The four figures an organiser looks at first: today's arrivals, the whole event's, walk-ins, no-shows. */
export function Headline({ data, dayName, format }: Props) {
  const { t } = useTranslation('dashboard');
  const today = data.days.find((day) => day.date === data.day) ?? null;
  return (
    <dl className="dash-headline">
      {today && (
        <div className="dash-tile dash-tile-main" data-testid="tally-day" data-arrived={today.arrived} data-expected={today.expected}>
          <dt>{t('headline.day', { day: dayName })}</dt>
          <dd>
            <span className="dash-big">
              <span data-testid="tally-day-arrived">{format.number(today.arrived)}</span>
              <span className="dash-of"> / {format.number(today.expected)}</span>
            </span>
            <span className="dash-sub">{t('headline.arrivedOf', { percent: format.percent(today.arrived, today.expected) })}</span>
            <Meter part={today.arrived} whole={today.expected} />
          </dd>
        </div>
      )}
      <div className="dash-tile" data-testid="tally-overall" data-arrived={data.overall.arrived} data-expected={data.overall.expected}>
        <dt>{t('headline.overall')}</dt>
        <dd>
          <span className="dash-big">
            <span data-testid="tally-overall-arrived">{format.number(data.overall.arrived)}</span>
            <span className="dash-of"> / {format.number(data.overall.expected)}</span>
          </span>
          <span className="dash-sub">{t('headline.arrivedOf', { percent: format.percent(data.overall.arrived, data.overall.expected) })}</span>
          <Meter part={data.overall.arrived} whole={data.overall.expected} />
        </dd>
      </div>
      <div className="dash-tile" data-testid="tally-walkins">
        <dt>{t('headline.walkins')}</dt>
        <dd>
          <span className="dash-big">{format.number(data.walkins.onDay)}</span>
          <span className="dash-sub">{t('headline.walkinsTotal', { count: data.walkins.total, total: format.number(data.walkins.total) })}</span>
        </dd>
      </div>
      <div className="dash-tile" data-testid="tally-noshows">
        <dt>{t('headline.noShows')}</dt>
        <dd>
          <span className="dash-big">{format.number(data.noShows)}</span>
          <span className="dash-sub">{t('headline.noShowsHelp')}</span>
        </dd>
      </div>
    </dl>
  );
}
