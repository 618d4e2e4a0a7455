import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../../main/core/dashboard/types';
import { byWeight, countryLines } from './figures';
import type { Formatters } from './format';
import { Meter } from './Meter';
import { TallyTable } from './TallyTable';
import type { TallyLine } from './figures';

interface Props {
  data: Dashboard;
  format: Formatters;
}

/** French local authorities against foreign delegations (and those whose country is not given, when any). */
export function OriginPanel({ data, format }: Props) {
  const { t } = useTranslation('dashboard');
  const origins = (['french', 'foreign', 'unknown'] as const).filter((origin) => origin !== 'unknown' || data.byOrigin.unknown.expected + data.byOrigin.unknown.arrived > 0);
  return (
    <section className="panel dash-panel" aria-labelledby="dash-origin-title">
      <h2 id="dash-origin-title">{t('origin.title')}</h2>
      <ul className="dash-origins" data-testid="by-origin">
        {origins.map((origin) => {
          const tally = data.byOrigin[origin];
          return (
            <li key={origin} className={`dash-origin dash-origin-${origin}`} data-origin={origin} data-arrived={tally.arrived} data-expected={tally.expected}>
              <span className="dash-origin-name">{t(`origin.${origin}`)}</span>
              <span className="dash-origin-figures">
                {t('origin.figures', { arrived: format.number(tally.arrived), expected: format.number(tally.expected), percent: format.percent(tally.arrived, tally.expected) })}
              </span>
              <Meter part={tally.arrived} whole={tally.expected} />
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function CategoryPanel({ data, format }: Props) {
  const { t, i18n } = useTranslation('dashboard');
  const unnamed = t('table.unnamed');
  const categories: TallyLine[] = [...data.byCategory].sort(byWeight(i18n.language)).map((row) => ({ ...row, label: row.key || unnamed }));
  return (
    <section className="panel dash-panel" aria-labelledby="dash-category-title">
      <h2 id="dash-category-title">{t('category.title')}</h2>
      {categories.length === 0 ? (
        <p className="empty-state">{t('category.empty')}</p>
      ) : (
        <TallyTable caption={t('category.title')} heading={t('category.column')} lines={categories} format={format} testId="by-category" />
      )}
    </section>
  );
}

export function CountryPanel({ data, format }: Props) {
  const { t, i18n } = useTranslation('dashboard');
  const countries = countryLines(data.byCountry, i18n.language, t('table.unnamed'), (count) => t('country.rest', { count }));
  return (
    <section className="panel dash-panel" aria-labelledby="dash-country-title">
      <h2 id="dash-country-title">{t('country.title')}</h2>
      {countries.length === 0 ? (
        <p className="empty-state">{t('country.empty')}</p>
      ) : (
        <TallyTable caption={t('country.title')} heading={t('country.column')} lines={countries} format={format} testId="by-country" />
      )}
    </section>
  );
}
