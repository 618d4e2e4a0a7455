import { useTranslation } from 'react-i18next';

/** SCAFFOLD (owned by the exports work, issue 6): the final attendance list and the feuilles d'émargement. */
export function ExportsScreen() {
  const { t } = useTranslation();
  return (
    <section className="screen" aria-labelledby="exports-title">
      <h1 id="exports-title">{t('nav.exports')}</h1>
    </section>
  );
}
