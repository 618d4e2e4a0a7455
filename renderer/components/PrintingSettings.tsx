import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input } from '../../main/core/contract';
import type { ErrorValue } from '../../main/core/errors';
import type { BadgeTemplateInfo, KioskConfig, PrinterInfo } from '../../main/core/types';
import { api } from '../api';
import { ErrorMessage } from './ErrorMessage';
import { PrinterPicker } from './PrinterPicker';
import './printing.css';

/** A template's name as organisers read it, in the interface language, with its size. */
export function useTemplateLabel() {
  const { t, i18n } = useTranslation('printing');
  return (template: BadgeTemplateInfo): string => {
    const label = i18n.language === 'en' ? template.label.en : template.label.fr;
    return template.builtIn ? label : `${label} — ${t('template.own')}`;
  };
}

/**
 * This desk's printing (organiser settings): the badge printer, the badge template and
 * auto-print on check-in, each saved at once through `kiosk:configure`.
 */
export function PrintingSettings() {
  const { t } = useTranslation(['settings', 'printing']);
  const templateLabel = useTemplateLabel();
  const [kiosk, setKiosk] = useState<KioskConfig | null>(null);
  const [printers, setPrinters] = useState<PrinterInfo[] | null>(null);
  const [templates, setTemplates] = useState<BadgeTemplateInfo[]>([]);
  const [refreshing, setRefreshing] = useState(false);
  const [error, setError] = useState<ErrorValue | null>(null);
  const [printersError, setPrintersError] = useState<ErrorValue | null>(null);
  const [saved, setSaved] = useState('');

  const refreshPrinters = useCallback(async () => {
    setRefreshing(true);
    const result = await api()['printers:list']({});
    setRefreshing(false);
    if (result.ok) {
      setPrinters(result.value);
      setPrintersError(null);
    } else {
      // The print service did not answer: say that, not "no printer installed".
      setPrinters([]);
      setPrintersError(result);
    }
  }, []);

  useEffect(() => {
    void (async () => {
      const [config, list] = await Promise.all([api()['kiosk:get']({}), api()['badges:templates']({})]);
      if (config.ok) setKiosk(config.value);
      else setError(config);
      if (list.ok) setTemplates(list.value);
      else setError(list);
    })();
    void refreshPrinters();
  }, [refreshPrinters]);

  async function save(change: Input<'kiosk:configure'>, what: string) {
    setError(null);
    setSaved('');
    // Shown chosen at once (a checkbox or radio that waits for the disk feels broken); put back if refused.
    const before = kiosk;
    setKiosk((current) => current && ({ ...current, ...change } as KioskConfig));
    const result = await api()['kiosk:configure'](change);
    if (!result.ok) {
      setKiosk(before);
      return setError(result);
    }
    setKiosk(result.value);
    setSaved(t('settings:printing.saved', { what }));
  }

  const chosenTemplate = templates.find((template) => template.name === kiosk?.template);

  return (
    <section className="panel printing-settings" aria-labelledby="settings-printing" data-testid="printing-settings">
      <h2 id="settings-printing">{t('settings:printing.title')}</h2>
      <p className="help">{t('settings:printing.help')}</p>
      {error && <ErrorMessage error={error} />}
      <p className="live" role="status" aria-live="polite" data-testid="printing-saved">
        {saved}
      </p>
      {kiosk && (
        <>
          <PrinterPicker
            printers={printers}
            chosen={kiosk.printer}
            error={printersError}
            refreshing={refreshing}
            onChoose={(name) => void save({ printer: name }, t('printing:printer.label'))}
            onRefresh={() => void refreshPrinters()}
          />

          <label htmlFor="badge-template" className="field-label">
            {t('printing:template.label')}
          </label>
          <select
            id="badge-template"
            value={kiosk.template}
            onChange={(event) => void save({ template: event.target.value }, t('printing:template.label'))}
          >
            {!chosenTemplate && <option value={kiosk.template}>{kiosk.template}</option>}
            {templates.map((template) => (
              <option key={template.name} value={template.name}>
                {templateLabel(template)}
              </option>
            ))}
          </select>
          {chosenTemplate && chosenTemplate.perPage > 1 && (
            <p className="help">{t('printing:template.perPage', { count: chosenTemplate.perPage })}</p>
          )}

          <label className="choice auto-print">
            <input
              type="checkbox"
              checked={kiosk.autoPrint}
              onChange={(event) => void save({ autoPrint: event.target.checked }, t('printing:autoPrint.label'))}
            />{' '}
            {t('printing:autoPrint.label')}
          </label>
          <p className="help">{t('printing:autoPrint.help')}</p>
          {kiosk.autoPrint && !kiosk.printer && (
            <p className="notice notice-warning" data-testid="auto-print-no-printer">
              {t('settings:printing.autoPrintNeedsPrinter')}
            </p>
          )}
        </>
      )}
    </section>
  );
}
