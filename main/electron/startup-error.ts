import i18next from 'i18next';
import frShell from '../../resources/locales/fr/shell.json';
import enShell from '../../resources/locales/en/shell.json';
import frErrors from '../../resources/locales/fr/errors.json';
import enErrors from '../../resources/locales/en/errors.json';
import type { Language } from '../core/contract';
import { toErrorValue } from '../core/errors';

/** The desk speaks French unless the system is in English (the database, and so the chosen language, may be unreadable). */
export function startupLanguage(systemLocale: string): Language {
  return systemLocale.toLowerCase().startsWith('en') ? 'en' : 'fr';
}

/**
 * A failure before the window exists (a database from a newer version, an unreadable data
 * folder) as a title and a sentence the staff can act on, never a stack trace.
 */
export function describeStartupError(error: unknown, language: Language, dataDir?: string): { title: string; body: string } {
  const i18n = i18next.createInstance();
  void i18n.init({
    initAsync: false,
    lng: language,
    fallbackLng: 'fr',
    ns: ['shell', 'errors'],
    defaultNS: 'shell',
    resources: { fr: { shell: frShell, errors: frErrors }, en: { shell: enShell, errors: enErrors } },
    interpolation: { escapeValue: false },
  });
  const value = toErrorValue(error);
  const sentence = i18n.t(`errors:${value.code}`, { ...value.params, message: value.message, defaultValue: value.message });
  const where = dataDir ? `\n\n${i18n.t('startup.dataFolder', { dir: dataDir })}` : '';
  return { title: i18n.t('startup.title'), body: `${sentence}${where}` };
}
