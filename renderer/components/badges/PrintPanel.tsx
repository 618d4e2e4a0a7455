import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorValue } from '../../../main/core/errors';
import type { AttendeeSummary, BadgeStatus, BadgeTemplateInfo, KioskConfig, PrinterInfo, PrintRecord } from '../../../main/core/types';
import { api } from '../../api';
import { formatDateTime } from './format';
import { ErrorMessage } from '../ErrorMessage';
import { AttendeePicker, attendeeName } from './AttendeePicker';
import { downloadBytes } from './download';
import { recordError, reprintReasons } from './print-text';
import { PrinterChoice } from './PrinterChoice';
import { TemplateChoice } from './TemplateChoice';

interface Props {
  kiosk: KioskConfig;
  templates: BadgeTemplateInfo[];
  printers: PrinterInfo[] | null;
  printersError: ErrorValue | null;
  onKioskPrinter(printer: string): Promise<void>;
}

interface AlreadyPrinted {
  name: string;
  at: string;
}

/** One badge (or a few) now: the volunteer's reprint of a lost badge, with the ledger's recent prints. */
export function PrintPanel({ kiosk, templates, printers, printersError, onKioskPrinter }: Props) {
  const { t, i18n } = useTranslation('badges');
  const language = i18n.language === 'en' ? 'en' : 'fr';
  const [chosen, setChosen] = useState<AttendeeSummary[]>([]);
  const [statuses, setStatuses] = useState<Record<string, BadgeStatus>>({});
  const [printer, setPrinter] = useState('');
  const [template, setTemplate] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<ErrorValue | null>(null);
  const [already, setAlready] = useState<AlreadyPrinted | null>(null);
  const [reason, setReason] = useState<string>('');
  const [otherReason, setOtherReason] = useState('');
  const [recent, setRecent] = useState<PrintRecord[] | null>(null);
  const [recentError, setRecentError] = useState<ErrorValue | null>(null);

  const loadRecent = useCallback(async () => {
    const result = await api()['print:recent']({ limit: 20 });
    if (result.ok) {
      setRecent(result.value);
      setRecentError(null);
    } else setRecentError(result);
  }, []);
  useEffect(() => {
    void loadRecent();
  }, [loadRecent]);

  const loadStatus = useCallback(async (id: string) => {
    const result = await api()['print:status']({ attendeeId: id });
    if (result.ok) setStatuses((current) => ({ ...current, [id]: result.value }));
  }, []);

  const pick = (attendee: AttendeeSummary) => {
    setMessage('');
    setError(null);
    setAlready(null);
    setChosen((current) => (current.some((a) => a.id === attendee.id) ? current.filter((a) => a.id !== attendee.id) : [...current, attendee]));
    void loadStatus(attendee.id);
  };

  const print = async (reprintReason?: string) => {
    if (chosen.length === 0) return;
    setBusy(true);
    setError(null);
    setMessage(t('print.sending'));
    const result = await api()['print:badges']({
      attendeeIds: chosen.map((a) => a.id),
      ...(printer ? { printer } : {}),
      ...(template ? { template } : {}),
      ...(reprintReason ? { reprintReason } : {}),
    });
    setBusy(false);
    if (!result.ok) {
      setMessage('');
      if (result.code === 'print.already_printed') {
        const params = result.params ?? {};
        setAlready({ name: String(params.name ?? ''), at: String(params.at ?? '') });
        setReason('');
        setOtherReason('');
      } else setError(result);
      await loadRecent();
      return;
    }
    setAlready(null);
    setMessage(t('print.sent', { count: result.value.records.length, printer: result.value.printer, template: result.value.template }));
    await Promise.all([loadRecent(), ...chosen.map((a) => loadStatus(a.id))]);
  };

  const submitReprint = (event: FormEvent) => {
    event.preventDefault();
    const text = reason === 'other' ? otherReason.trim() : reason ? t(`reprint.reasons.${reason}`) : '';
    if (!text) return;
    void print(text);
  };

  const savePdf = async () => {
    if (chosen.length === 0) return;
    setBusy(true);
    setError(null);
    setMessage(t('pdf.making'));
    const result = await api()['badges:pdf']({ attendeeIds: chosen.map((a) => a.id), ...(template ? { template } : {}) });
    setBusy(false);
    if (!result.ok) {
      setMessage('');
      return setError(result);
    }
    try {
      downloadBytes(result.value.data, result.value.fileName);
      setMessage(t('pdf.saved', { fileName: result.value.fileName, count: result.value.pages }));
    } catch {
      // The browser refused the download (no bytes, or downloads blocked): say so rather than wait forever.
      setMessage(t('pdf.failed', { fileName: result.value.fileName }));
    }
  };

  const reasonText = reason === 'other' ? otherReason.trim() : reason;

  return (
    <div className="badge-print">
      <section className="panel" aria-labelledby="badge-print-title">
        <h2 id="badge-print-title">{t('print.title')}</h2>
        <AttendeePicker idPrefix="badge-print" label={t('print.search')} onPick={pick} chosen={chosen.map((a) => a.id)} />
        {chosen.length > 0 ? (
          <ul className="badge-chosen" aria-label={t('print.chosen')}>
            {chosen.map((attendee) => {
              const status = statuses[attendee.id];
              return (
                <li key={attendee.id}>
                  <span className="badge-chosen-name">{attendeeName(attendee)}</span>{' '}
                  <span className="help" data-testid="badge-status">
                    {!status
                      ? ''
                      : status.needsReprint
                        ? t('status.needsReprint')
                        : status.printed && status.lastPrintedAt
                          ? t('status.printed', { at: formatDateTime(status.lastPrintedAt, language) })
                          : t('status.notPrinted')}
                  </span>{' '}
                  <button type="button" className="button button-secondary" onClick={() => pick(attendee)} aria-label={t('print.removeOne', { name: attendeeName(attendee) })}>
                    {t('print.remove')}
                  </button>
                </li>
              );
            })}
          </ul>
        ) : (
          <p className="help">{t('print.noneChosen')}</p>
        )}

        <div className="badge-options">
          <PrinterChoice id="badge-print-printer" kiosk={kiosk} printers={printers} printersError={printersError} value={printer} onChange={setPrinter} onKioskPrinter={onKioskPrinter} />
          <TemplateChoice id="badge-print-template" kiosk={kiosk} templates={templates} value={template} onChange={setTemplate} />
        </div>

        <p className="live" role="status" aria-live="polite" data-testid="print-status">
          {message}
        </p>
        {error && <ErrorMessage error={error} />}

        {already ? (
          <form className="notice notice-warning badge-reprint" onSubmit={submitReprint} aria-labelledby="badge-reprint-title">
            <p id="badge-reprint-title" className="notice-title">
              {already.at ? t('reprint.title', { name: already.name, at: formatDateTime(already.at, language) }) : t('reprint.titleNoDate', { name: already.name })}
            </p>
            <fieldset>
              <legend>{t('reprint.reason')}</legend>
              <div className="choices">
                {[...reprintReasons, 'other' as const].map((key) => (
                  <label key={key} className="choice">
                    <input type="radio" name="reprint-reason" value={key} checked={reason === key} onChange={() => setReason(key)} required /> {t(`reprint.reasons.${key}`)}
                  </label>
                ))}
              </div>
              {reason === 'other' && (
                <>
                  <label htmlFor="reprint-other" className="field-label">
                    {t('reprint.otherLabel')}
                  </label>
                  <input id="reprint-other" type="text" value={otherReason} maxLength={500} required onChange={(event) => setOtherReason(event.target.value)} />
                </>
              )}
            </fieldset>
            <div className="actions">
              <button type="submit" className="button" disabled={busy || !reasonText}>
                {t('reprint.confirm')}
              </button>
              <button type="button" className="button button-secondary" onClick={() => setAlready(null)}>
                {t('reprint.cancel')}
              </button>
            </div>
          </form>
        ) : (
          <div className="actions">
            <button type="button" className="button button-large" disabled={busy || chosen.length === 0} onClick={() => void print()}>
              {t('print.button', { count: Math.max(1, chosen.length) })}
            </button>
            <button type="button" className="button button-secondary" disabled={busy || chosen.length === 0} onClick={() => void savePdf()}>
              {t('pdf.button')}
            </button>
          </div>
        )}
      </section>

      <section className="panel" aria-labelledby="badge-recent-title">
        <h2 id="badge-recent-title">{t('recent.title')}</h2>
        <button type="button" className="button button-secondary" onClick={() => void loadRecent()}>
          {t('recent.refresh')}
        </button>
        {recentError && <ErrorMessage error={recentError} />}
        {recent && recent.length === 0 && <p className="help">{t('recent.none')}</p>}
        {recent && recent.length > 0 && (
          <div className="table-scroll">
            <table className="table" data-testid="recent-prints">
              <caption className="visually-hidden">{t('recent.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('recent.at')}</th>
                  <th scope="col">{t('recent.attendee')}</th>
                  <th scope="col">{t('recent.printer')}</th>
                  <th scope="col">{t('recent.template')}</th>
                  <th scope="col">{t('recent.status')}</th>
                  <th scope="col">{t('recent.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {recent.map((record) => (
                  <tr key={record.id} data-status={record.status}>
                    <td>{formatDateTime(record.at, language)}</td>
                    <th scope="row">{record.attendeeName}</th>
                    <td>{record.printer}</td>
                    <td>{record.template}</td>
                    <td>
                      <span className={`badge badge-print-${record.status}`}>{t(`recent.statuses.${record.status}`)}</span>
                      {record.status === 'failed' && <span className="badge-print-error"> {recordError(t, record)}</span>}
                    </td>
                    <td>{record.reason === 'edited' ? t('recent.edited') : record.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
