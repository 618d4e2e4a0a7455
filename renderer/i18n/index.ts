/**
 * i18next for the renderer: French by default, English on demand. Catalogs live in
 * resources/locales/<language>/<namespace>.json and are bundled (no fetch, works offline).
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { languages, type Language } from '../../main/core/contract';

type Catalog = Record<string, unknown>;

// Every namespace except the CLI's and the Electron shell's own strings: a new catalogue file
// (e.g. printing.json, shared by several screens) is bundled without touching this list.
const files = import.meta.glob<Catalog>(['../../resources/locales/*/*.json', '!../../resources/locales/*/{cli,shell}.json'], {
  eager: true,
  import: 'default',
});

function catalogs(): Record<string, Record<string, Catalog>> {
  const resources: Record<string, Record<string, Catalog>> = {};
  for (const [file, catalog] of Object.entries(files)) {
    const match = /locales\/([^/]+)\/([^/]+)\.json$/.exec(file);
    if (!match) continue;
    const [, language, namespace] = match as unknown as [string, string, string];
    (resources[language] ??= {})[namespace] = catalog;
  }
  return resources;
}

/** The namespaces found, for i18next to know them all up front. */
function namespaces(): string[] {
  return [...new Set(Object.values(catalogs()).flatMap((byNamespace) => Object.keys(byNamespace)))];
}

export const defaultLanguage: Language = 'fr';

export function isLanguage(value: string): value is Language {
  return (languages as readonly string[]).includes(value);
}

export async function setupI18n(language: Language = defaultLanguage): Promise<typeof i18n> {
  await i18n.use(initReactI18next).init({
    resources: catalogs(),
    lng: language,
    // French is the complete catalogue; a string missing in English shows in French rather than as a key.
    fallbackLng: defaultLanguage,
    supportedLngs: [...languages],
    defaultNS: 'app',
    ns: namespaces(),
    interpolation: { escapeValue: false }, // React escapes
    returnEmptyString: false,
  });
  document.documentElement.lang = language;
  i18n.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
  return i18n;
}

export { i18n };
