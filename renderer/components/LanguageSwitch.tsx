import { useTranslation } from 'react-i18next';
import { languages } from '../../main/core/contract';
import { useAppState } from '../hooks/useAppState';

/** Français / English, reachable from every screen; each language is named in itself. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const { setLanguage } = useAppState();
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {languages.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          aria-pressed={i18n.language === language}
          onClick={() => void setLanguage(language)}
        >
          {t(`language.${language}`)}
        </button>
      ))}
    </div>
  );
}
