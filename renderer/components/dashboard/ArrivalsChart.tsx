import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../../main/core/dashboard/types';
import { continuousSlots, type Slot } from './figures';
import type { Formatters } from './format';

const ArrivalsBars = lazy(() => import('./ArrivalsBars'));

interface Props {
  slots: Dashboard['arrivalsPer15'];
  dayName: string | null;
  format: Formatters;
}

/** Arrivals per quarter of an hour: a bar chart, and the same figures as a table for whoever reads rather than looks. */
export function ArrivalsChart({ slots, dayName, format }: Props) {
  const { t, i18n } = useTranslation('dashboard');
  const data = useMemo(() => continuousSlots(slots, i18n.language), [slots, i18n.language]);
  const total = data.reduce((sum, slot) => sum + slot.count, 0);
  const busiest = data.reduce<Slot | null>((best, slot) => (slot.count > (best?.count ?? 0) ? slot : best), null);
  const title = t('chart.title', { day: dayName });

  return (
    <section className="panel dash-panel dash-chart" aria-labelledby="dash-chart-title">
      <h2 id="dash-chart-title">{title}</h2>
      {total === 0 ? (
        <p className="empty-state" data-testid="chart-empty">
          {t('chart.empty')}
        </p>
      ) : (
        <figure className="dash-figure" data-testid="arrivals-chart" data-total={total} data-slots={data.filter((slot) => slot.count > 0).length}>
          <figcaption className="dash-figure-caption">
            {t('chart.summary', {
              count: total,
              total: format.number(total),
              from: data[0]!.label,
              to: data[data.length - 1]!.label,
              busiest: busiest?.label ?? '',
              busiestCount: format.number(busiest?.count ?? 0),
            })}
          </figcaption>
          <div className="dash-chart-box">
            <Suspense fallback={null}>
              <ArrivalsBars data={data} title={title} format={format} />
            </Suspense>
          </div>
          <details className="dash-details">
            <summary>{t('chart.table')}</summary>
            <table className="table dash-table" data-testid="arrivals-table">
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('chart.slotColumn')}</th>
                  <th scope="col" className="dash-num">
                    {t('chart.arrivals')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data
                  .filter((slot) => slot.count > 0)
                  .map((slot) => (
                    <tr key={slot.label} data-slot={slot.label}>
                      <th scope="row">{slot.label}</th>
                      <td className="dash-num">{format.number(slot.count)}</td>
                    </tr>
                  ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('chart.total')}</th>
                  <td className="dash-num">{format.number(total)}</td>
                </tr>
              </tfoot>
            </table>
          </details>
        </figure>
      )}
    </section>
  );
}
