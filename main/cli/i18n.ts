import i18next, { type TFunction } from 'i18next';
import frCli from '../../resources/locales/fr/cli.json';
import enCli from '../../resources/locales/en/cli.json';
import frErrors from '../../resources/locales/fr/errors.json';
import enErrors from '../../resources/locales/en/errors.json';
import frCheckin from '../../resources/locales/fr/checkin.json';
import enCheckin from '../../resources/locales/en/checkin.json';
import frWalkin from '../../resources/locales/fr/walkin.json';
import enWalkin from '../../resources/locales/en/walkin.json';
import frBadges from '../../resources/locales/fr/badges.json';
import enBadges from '../../resources/locales/en/badges.json';
import frPrint from '../../resources/locales/fr/print.json';
import enPrint from '../../resources/locales/en/print.json';
import frHub from '../../resources/locales/fr/hub.json';
import enHub from '../../resources/locales/en/hub.json';
import frSync from '../../resources/locales/fr/sync.json';
import enSync from '../../resources/locales/en/sync.json';
import { errorTextOptions, type ErrorValue } from '../core/errors';
import type { Language } from '../core/contract';

/** The CLI speaks the organiser's language: --lang, else the system locale, else French. */
export function cliLanguage(argv: readonly string[], env: NodeJS.ProcessEnv): Language {
  const flag = argv.findIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
  const value = flag >= 0 ? (argv[flag]!.split('=')[1] ?? argv[flag + 1]) : (env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG);
  return value?.toLowerCase().startsWith('en') ? 'en' : 'fr';
}

export async function createCliTranslator(language: Language): Promise<TFunction> {
  const instance = i18next.createInstance();
  await instance.init({
    lng: language,
    fallbackLng: 'fr',
    ns: ['cli', 'errors', 'checkin', 'walkin', 'badges', 'print', 'sync', 'hub'],
    defaultNS: 'cli',
    resources: {
      fr: { cli: frCli, errors: frErrors, checkin: frCheckin, walkin: frWalkin, badges: frBadges, print: frPrint, sync: frSync, hub: frHub },
      en: { cli: enCli, errors: enErrors, checkin: enCheckin, walkin: enWalkin, badges: enBadges, print: enPrint, sync: enSync, hub: enHub },
    },
    interpolation: { escapeValue: false },
  });
  return instance.t;
}

/** An error value in the reader's language; the English message stays the fallback for codes without a text. */
export function describeError(t: TFunction, error: ErrorValue): string {
  return t(`errors:${error.code}`, errorTextOptions(error));
}
