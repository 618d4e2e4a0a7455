import { useTranslation } from 'react-i18next';
import type { ErrorValue } from '../../../main/core/errors';
import type { KioskConfig, PrinterInfo } from '../../../main/core/types';
import { ErrorMessage } from '../ErrorMessage';

interface Props {
  id: string;
  kiosk: KioskConfig;
  printers: PrinterInfo[] | null;
  printersError: ErrorValue | null;
  /** '' means the kiosk's printer. */
  value: string;
  onChange(printer: string): void;
  onKioskPrinter(printer: string): Promise<void>;
}

/** The printer for this print: the kiosk's by default, any other for this once, with its state in plain words. */
export function PrinterChoice({ id, kiosk, printers, printersError, value, onChange, onKioskPrinter }: Props) {
  const { t } = useTranslation('badges');
  const effective = value || kiosk.printer || '';
  const info = printers?.find((p) => p.name === effective);
  return (
    <div>
      <label htmlFor={id} className="field-label">
        {t('printer.label')}
      </label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{kiosk.printer ? t('printer.kiosk', { name: kiosk.printer }) : t('printer.kioskNone')}</option>
        {(printers ?? []).map((p) => (
          <option key={p.name} value={p.name}>
            {p.description && p.description !== p.name ? `${p.name} — ${p.description}` : p.name}
          </option>
        ))}
      </select>
      {printersError && <ErrorMessage error={printersError} />}
      {info && (info.state === 'stopped' || !info.accepting) && (
        <p className="notice notice-warning">
          {!info.accepting ? t('printer.rejecting', { name: info.name }) : t('printer.stopped', { name: info.name })}
          {info.message ? ` (${info.message})` : ''}
        </p>
      )}
      {value && value !== kiosk.printer && (
        <button type="button" className="button button-secondary" onClick={() => void onKioskPrinter(value)}>
          {t('printer.makeDefault', { name: value })}
        </button>
      )}
    </div>
  );
}
