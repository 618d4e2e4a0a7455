import { useTranslation } from 'react-i18next';
import type { ErrorValue } from '../../main/core/errors';
import type { PrinterInfo } from '../../main/core/types';
import { ErrorMessage } from './ErrorMessage';
import './printing.css';

/** A printer's state in plain words: "prête", "arrêtée, refuse les travaux"… */
export function usePrinterState() {
  const { t } = useTranslation('printing');
  return (printer: PrinterInfo): string =>
    [t(`printer.state.${printer.state}`), printer.accepting ? '' : t('printer.state.rejecting')].filter(Boolean).join(', ');
}

interface Props {
  printers: PrinterInfo[] | null;
  /** The kiosk's printer (null: none chosen yet). */
  chosen: string | null;
  /** Why the list could not be read (the print service is not answering), if so. */
  error?: ErrorValue | null;
  refreshing: boolean;
  onChoose(name: string): void;
  onRefresh(): void;
}

/**
 * The printers this computer can print to, each with its state and its own message, to pick
 * the badge printer from. A chosen printer that is no longer installed stays visible, marked.
 */
export function PrinterPicker({ printers, chosen, error = null, refreshing, onChoose, onRefresh }: Props) {
  const { t } = useTranslation('printing');
  const stateOf = usePrinterState();
  const missing = printers !== null && chosen !== null && !printers.some((p) => p.name === chosen);

  return (
    <fieldset className="printer-picker" aria-busy={refreshing}>
      <legend>{t('printer.label')}</legend>
      {printers === null && <p role="status">{t('printer.refreshing')}</p>}
      {error && <ErrorMessage error={error} />}
      {printers !== null && printers.length === 0 && !error && (
        <p className="notice notice-warning" data-testid="printers-none">
          {t('printer.none')}
        </p>
      )}
      {printers !== null && (
        <ul className="printer-list" data-testid="printer-list">
          {printers.map((printer) => {
            const ok = printer.state !== 'stopped' && printer.accepting;
            return (
              <li key={printer.name} className={ok ? 'printer' : 'printer printer-trouble'} data-testid="printer" data-printer={printer.name} data-state={printer.state}>
                <label className="choice">
                  <input type="radio" name="badge-printer" value={printer.name} checked={chosen === printer.name} onChange={() => onChoose(printer.name)} />
                  <span className="printer-name">{printer.name}</span>
                  <span className="printer-state" data-testid="printer-state">
                    {stateOf(printer)}
                  </span>
                </label>
                {(printer.description && printer.description !== printer.name) || printer.isDefault ? (
                  <p className="printer-meta">{[printer.description !== printer.name ? printer.description : '', printer.isDefault ? t('printer.default') : ''].filter(Boolean).join(' · ')}</p>
                ) : null}
                {printer.message && (
                  <p className="printer-message" data-testid="printer-message">
                    {printer.message}
                  </p>
                )}
              </li>
            );
          })}
          {missing && (
            <li className="printer printer-trouble" data-testid="printer" data-printer={chosen}>
              <label className="choice">
                <input type="radio" name="badge-printer" value={chosen} checked readOnly />
                <span className="printer-name">{t('printer.missing', { printer: chosen })}</span>
              </label>
            </li>
          )}
        </ul>
      )}
      <button type="button" className="button button-secondary" disabled={refreshing} onClick={onRefresh}>
        {refreshing ? t('printer.refreshing') : t('printer.refresh')}
      </button>
    </fieldset>
  );
}
