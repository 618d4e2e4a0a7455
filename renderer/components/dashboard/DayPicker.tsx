import { useTranslation } from 'react-i18next';
import type { DashboardDay } from '../../../main/core/dashboard/types';
import { dayDate, type Formatters } from './format';

interface Props {
  days: DashboardDay[];
  /** The day shown. */
  value: string | null;
  onChange(date: string): void;
  format: Formatters;
}

/** The event's days as radio buttons, each with its arrivals so far: one tap to look at another day. */
export function DayPicker({ days, value, onChange, format }: Props) {
  const { t, i18n } = useTranslation('dashboard');
  if (days.length === 0) return null;
  return (
    <fieldset className="dash-days">
      <legend>{t('days.legend')}</legend>
      <div className="dash-days-choices">
        {days.map((day) => (
          <label key={day.date} className={`choice dash-day${day.date === value ? ' dash-day-current' : ''}`}>
            <input type="radio" name="dashboard-day" value={day.date} checked={day.date === value} onChange={() => onChange(day.date)} />
            <span className="dash-day-text">
              <span className="dash-day-name">{day.label || dayDate(day.date, i18n.language)}</span>
              {day.label && <span className="dash-day-date">{dayDate(day.date, i18n.language)}</span>}
              <span className="dash-day-count">
                {t('days.count', { arrived: format.number(day.arrived), expected: format.number(day.expected) })}
              </span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
