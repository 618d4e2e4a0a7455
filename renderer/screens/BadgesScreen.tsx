import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorValue } from '../../main/core/errors';
import type { BadgeTemplateInfo, KioskConfig, PrinterInfo } from '../../main/core/types';
import { api } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import { BatchPanel } from '../components/badges/BatchPanel';
import { DesignPanel } from '../components/badges/DesignPanel';
import { PrintPanel } from '../components/badges/PrintPanel';
import { useAppState } from '../hooks/useAppState';
import { useRoles } from '../hooks/useRoles';
import '../components/badges/badges.css';

const tabs = ['design', 'print', 'batch'] as const;
type Tab = (typeof tabs)[number];

/** Badges: design (templates with a live preview), print one or reprint, batch print, Save as PDF. */
export function BadgesScreen() {
  const { t } = useTranslation('badges');
  const { info } = useAppState();
  // Volunteers come here to print (and to choose the kiosk's printer); designing is the organisers'.
  const [tab, setTab] = useState<Tab>(useRoles().staff ? 'print' : 'design');
  const [kiosk, setKiosk] = useState<KioskConfig | null>(null);
  const [templates, setTemplates] = useState<BadgeTemplateInfo[]>([]);
  const [printers, setPrinters] = useState<PrinterInfo[] | null>(null);
  const [printersError, setPrintersError] = useState<ErrorValue | null>(null);
  const [options, setOptions] = useState<{ categories: string[]; countries: string[] }>({ categories: [], countries: [] });
  const [error, setError] = useState<ErrorValue | null>(null);
  const tabRefs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});

  const reloadTemplates = useCallback(async () => {
    const result = await api()['badges:templates']({});
    if (!result.ok) {
      setError(result);
      return [];
    }
    setTemplates(result.value);
    // Deleting the template this kiosk prints with puts the kiosk back on the default: read it again.
    const current = await api()['kiosk:get']({});
    if (current.ok) setKiosk(current.value);
    else setError(current);
    return result.value;
  }, []);

  useEffect(() => {
    void reloadTemplates(); // the kiosk's settings with it
    void api()
      ['printers:list']({})
      .then((result) => {
        if (result.ok) setPrinters(result.value);
        else setPrintersError(result);
      });
    void api()
      ['walkin:options']({})
      .then((result) => {
        if (result.ok) setOptions(result.value);
      });
  }, [reloadTemplates]);

  const configure = useCallback(async (patch: { printer?: string; template?: string }) => {
    const result = await api()['kiosk:configure'](patch);
    if (result.ok) setKiosk(result.value);
    else setError(result);
  }, []);

  // Arrow keys move between tabs, as the ARIA tabs pattern expects.
  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    const index = tabs.indexOf(tab);
    const next = event.key === 'ArrowRight' ? tabs[(index + 1) % tabs.length] : event.key === 'ArrowLeft' ? tabs[(index + tabs.length - 1) % tabs.length] : undefined;
    if (!next) return;
    event.preventDefault();
    setTab(next);
    tabRefs.current[next]?.focus();
  };

  return (
    <section className="screen badges-screen" aria-labelledby="badges-title">
      <h1 id="badges-title">{t('title')}</h1>
      {!info.event && <p className="notice notice-info">{t('noEvent')}</p>}
      {error && <ErrorMessage error={error} />}
      <div role="tablist" aria-label={t('tabs.label')} className="badge-tabs">
        {tabs.map((name) => (
          <button
            key={name}
            ref={(element) => {
              tabRefs.current[name] = element;
            }}
            type="button"
            role="tab"
            id={`badges-tab-${name}`}
            aria-controls={`badges-panel-${name}`}
            aria-selected={tab === name}
            tabIndex={tab === name ? 0 : -1}
            className="badge-tab"
            onClick={() => setTab(name)}
            onKeyDown={onTabKey}
          >
            {t(`tabs.${name}`)}
          </button>
        ))}
      </div>
      {kiosk && (
        <div role="tabpanel" id={`badges-panel-${tab}`} aria-labelledby={`badges-tab-${tab}`} className="badge-tabpanel">
          {tab === 'design' && (
            <DesignPanel
              templates={templates}
              reload={reloadTemplates}
              eventCategories={options.categories}
              kioskTemplate={kiosk.template}
              onKioskTemplate={(name) => configure({ template: name })}
            />
          )}
          {tab === 'print' && <PrintPanel kiosk={kiosk} templates={templates} printers={printers} printersError={printersError} onKioskPrinter={(printer) => configure({ printer })} />}
          {tab === 'batch' && (
            <BatchPanel
              kiosk={kiosk}
              templates={templates}
              printers={printers}
              printersError={printersError}
              categories={options.categories}
              countries={options.countries}
              onKioskPrinter={(printer) => configure({ printer })}
            />
          )}
        </div>
      )}
    </section>
  );
}
