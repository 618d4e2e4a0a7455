import { useTranslation } from 'react-i18next';
import { useAppState } from '../hooks/useAppState';

export type ComingScreen = 'dashboard';

/** An honest placeholder: what this screen will do, and where to go meanwhile. */
export function ComingSoonScreen({ screen }: { screen: ComingScreen }) {
  const { t } = useTranslation();
  const { navigate } = useAppState();
  const items = t(`soon.${screen}.items`, { returnObjects: true }) as unknown;
  return (
    <section className="screen coming-soon" aria-labelledby="soon-title">
      <h1 id="soon-title">{t(`soon.${screen}.title`)}</h1>
      <p>
        <span className="badge badge-soon">{t('soon.badge')}</span>
      </p>
      <p>{t('soon.intro')}</p>
      <ul className="soon-list">
        {(Array.isArray(items) ? (items as string[]) : []).map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
      <p>{t('soon.meanwhile')}</p>
      <button type="button" className="button" onClick={() => navigate('search')}>
        {t('soon.goSearch')}
      </button>
    </section>
  );
}
