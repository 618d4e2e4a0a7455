import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input } from '../../../main/core/contract';
import type { ErrorValue } from '../../../main/core/errors';
import type { BadgeTemplateInfo, KioskConfig, PrintBatch, PrinterInfo } from '../../../main/core/types';
import { api } from '../../api';
import { ErrorMessage } from '../ErrorMessage';
import { downloadBytes } from './download';
import { printError } from './print-text';
import { PrinterChoice } from './PrinterChoice';
import { TemplateChoice } from './TemplateChoice';

/** How often a running batch is read back: fast enough for a smooth bar, cheap for the core. */
export const batchPollMs = 500;

type Scope = 'all' | 'category' | 'country';
type Filter = NonNullable<Input<'print:batch:count'>['filter']>;

interface Props {
  kiosk: KioskConfig;
  templates: BadgeTemplateInfo[];
  printers: PrinterInfo[] | null;
  printersError: ErrorValue | null;
  categories: string[];
  countries: string[];
  onKioskPrinter(printer: string): Promise<void>;
}

/** Badges printed the evening before: a filter, a count, then a batch with progress, cancel and resume. */
export function BatchPanel({ kiosk, templates, printers, printersError, categories, countries, onKioskPrinter }: Props) {
  const { t } = useTranslation('badges');
  const [scope, setScope] = useState<Scope>('all');
  const [category, setCategory] = useState('');
  const [country, setCountry] = useState('');
  const [onlyUnprinted, setOnlyUnprinted] = useState(true);
  const [sort, setSort] = useState<'name' | 'country'>('name');
  const [printer, setPrinter] = useState('');
  const [template, setTemplate] = useState('');
  const [reprintReason, setReprintReason] = useState('');
  const [count, setCount] = useState<{ count: number; alreadyPrinted: number } | null>(null);
  const [batch, setBatch] = useState<PrintBatch | null>(null);
  const [error, setError] = useState<ErrorValue | null>(null);
  const [busy, setBusy] = useState(false);
  const [savingPdf, setSavingPdf] = useState(false);
  const [pdfMessage, setPdfMessage] = useState('');

  const filter: Filter = {
    onlyUnprinted,
    ...(scope === 'category' && category ? { category } : {}),
    ...(scope === 'country' && country ? { country } : {}),
  };
  const filterKey = JSON.stringify(filter);
  const incomplete = (scope === 'category' && !category) || (scope === 'country' && !country);

  useEffect(() => {
    if (incomplete) {
      setCount(null);
      return;
    }
    let current = true;
    void api()
      ['print:batch:count']({ filter: JSON.parse(filterKey) as Filter })
      .then((result) => {
        if (!current) return;
        if (result.ok) setCount(result.value);
        else setError(result);
      });
    return () => {
      current = false;
    };
  }, [filterKey, incomplete, batch?.status]);

  // The latest batch of this kiosk, even from before a restart: a paused one can be resumed.
  useEffect(() => {
    void api()
      ['print:batch:get']({})
      .then((result) => {
        if (result.ok) setBatch(result.value);
        else setError(result);
      });
  }, []);

  // While a batch runs, read it back every half second.
  const running = batch?.status === 'running';
  const batchId = batch?.id;
  const polling = useRef(0);
  useEffect(() => {
    if (!running || !batchId) return;
    const timer = window.setInterval(() => {
      const mine = ++polling.current;
      void api()
        ['print:batch:get']({ batchId })
        .then((result) => {
          if (mine !== polling.current) return;
          if (result.ok && result.value) setBatch(result.value);
        });
    }, batchPollMs);
    return () => window.clearInterval(timer);
  }, [running, batchId]);

  const needsReason = !onlyUnprinted && (count?.alreadyPrinted ?? 0) > 0;

  const act = useCallback(async (run: () => ReturnType<ReturnType<typeof api>['print:batch:get']>) => {
    setBusy(true);
    setError(null);
    const result = await run();
    setBusy(false);
    polling.current++; // an answer to an older poll must not overwrite this one
    if (result.ok) {
      if (result.value) setBatch(result.value);
    } else setError(result);
  }, []);

  const start = () =>
    act(() =>
      api()['print:batch:start']({
        filter,
        sort,
        ...(printer ? { printer } : {}),
        ...(template ? { template } : {}),
        ...(needsReason ? { reprintReason: reprintReason.trim() } : {}),
      }),
    );
  // The same selection and order as the batch would print, as one PDF (to print elsewhere, or check first).
  const savePdf = async () => {
    setSavingPdf(true);
    setError(null);
    setPdfMessage(t('pdf.making'));
    const result = await api()['badges:pdf']({ filter, sort, ...(template ? { template } : {}) });
    setSavingPdf(false);
    if (!result.ok) {
      setPdfMessage('');
      return setError(result);
    }
    try {
      downloadBytes(result.value.data, result.value.fileName);
      setPdfMessage(t('pdf.saved', { fileName: result.value.fileName, count: result.value.pages }));
    } catch {
      // The browser refused the download: say so rather than leave "Préparation du PDF…".
      setPdfMessage(t('pdf.failed', { fileName: result.value.fileName }));
    }
  };
  const cancel = () => (batch ? act(() => api()['print:batch:cancel']({ batchId: batch.id })) : undefined);
  const resume = () => (batch ? act(() => api()['print:batch:resume']({ batchId: batch.id, ...(printer ? { printer } : {}) })) : undefined);

  const percent = batch && batch.total > 0 ? Math.round((batch.printed / batch.total) * 100) : batch?.status === 'done' ? 100 : 0;
  const canStart = !busy && !running && !incomplete && (count?.count ?? 0) > 0 && (!needsReason || reprintReason.trim().length > 0);
  const resumable = batch && (batch.status === 'error' || batch.status === 'paused');

  return (
    <div className="badge-batch">
      <section className="panel" aria-labelledby="badge-batch-title">
        <h2 id="badge-batch-title">{t('batch.title')}</h2>
        <fieldset>
          <legend>{t('batch.which')}</legend>
          <div className="choices">
            {(['all', 'category', 'country'] as const).map((value) => (
              <label key={value} className="choice">
                <input type="radio" name="batch-scope" value={value} checked={scope === value} onChange={() => setScope(value)} /> {t(`batch.scope.${value}`)}
              </label>
            ))}
          </div>
          {scope === 'category' && (
            <>
              <label htmlFor="batch-category" className="field-label">
                {t('batch.category')}
              </label>
              <select id="batch-category" value={category} onChange={(event) => setCategory(event.target.value)}>
                <option value="">{t('batch.chooseCategory')}</option>
                {categories.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </>
          )}
          {scope === 'country' && (
            <>
              <label htmlFor="batch-country" className="field-label">
                {t('batch.country')}
              </label>
              <select id="batch-country" value={country} onChange={(event) => setCountry(event.target.value)}>
                <option value="">{t('batch.chooseCountry')}</option>
                {countries.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </>
          )}
          <label className="choice">
            <input type="checkbox" checked={onlyUnprinted} onChange={(event) => setOnlyUnprinted(event.target.checked)} /> {t('batch.onlyUnprinted')}
          </label>
        </fieldset>

        <div className="badge-options">
          <div>
            <label htmlFor="batch-sort" className="field-label">
              {t('batch.sort')}
            </label>
            <select id="batch-sort" value={sort} onChange={(event) => setSort(event.target.value as 'name' | 'country')}>
              <option value="name">{t('batch.sortName')}</option>
              <option value="country">{t('batch.sortCountry')}</option>
            </select>
          </div>
          <PrinterChoice id="batch-printer" kiosk={kiosk} printers={printers} printersError={printersError} value={printer} onChange={setPrinter} onKioskPrinter={onKioskPrinter} />
          <TemplateChoice id="batch-template" kiosk={kiosk} templates={templates} value={template} onChange={setTemplate} />
        </div>

        <p className="badge-count" data-testid="batch-count" aria-live="polite">
          {incomplete || !count
            ? ''
            : onlyUnprinted
              ? t('batch.countUnprinted', { count: count.count })
              : t('batch.countAll', { count: count.count, printed: count.alreadyPrinted })}
        </p>
        {needsReason && (
          <div>
            <label htmlFor="batch-reason" className="field-label">
              {t('batch.reason')}
            </label>
            <input id="batch-reason" type="text" value={reprintReason} maxLength={500} onChange={(event) => setReprintReason(event.target.value)} aria-describedby="batch-reason-help" />
            <p id="batch-reason-help" className="help">
              {t('batch.reasonHelp', { count: count?.alreadyPrinted ?? 0 })}
            </p>
          </div>
        )}
        <div className="actions">
          <button type="button" className="button button-large" disabled={!canStart} onClick={() => void start()}>
            {t('batch.start', { count: count?.count ?? 0 })}
          </button>
          <button type="button" className="button button-secondary" disabled={savingPdf || incomplete || (count?.count ?? 0) === 0} onClick={() => void savePdf()}>
            {t('pdf.button')}
          </button>
        </div>
        <p role="status" aria-live="polite" data-testid="batch-pdf-status">
          {pdfMessage}
        </p>
        {error && <ErrorMessage error={error} />}
      </section>

      {batch && (
        <section className="panel" aria-labelledby="badge-progress-title" data-testid="batch" data-status={batch.status}>
          <h2 id="badge-progress-title">{t('batch.progressTitle')}</h2>
          <div
            className="badge-progress"
            role="progressbar"
            aria-labelledby="badge-progress-title"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            aria-valuetext={t('batch.progress', { printed: batch.printed, total: batch.total, percent })}
          >
            <div className={`badge-progress-bar badge-progress-${batch.status}`} style={{ width: `${percent}%` }} />
          </div>
          <p role="status" aria-live="polite" data-testid="batch-status">
            {t(`batch.status.${batch.status}`, { printed: batch.printed, total: batch.total, percent, printer: batch.printer })}
          </p>
          {(batch.status === 'error' || batch.status === 'paused') && batch.errorCode && (
            <div className="notice notice-error" role="alert" data-error-code={batch.errorCode}>
              {printError(t, batch)}
            </div>
          )}
          <div className="actions">
            {running && (
              <button type="button" className="button button-secondary" disabled={busy} onClick={() => void cancel()}>
                {t('batch.cancel')}
              </button>
            )}
            {resumable && (
              <>
                <button type="button" className="button" disabled={busy} onClick={() => void resume()}>
                  {t('batch.resume')}
                </button>
                <button type="button" className="button button-secondary" disabled={busy} onClick={() => void cancel()}>
                  {t('batch.cancel')}
                </button>
              </>
            )}
          </div>
        </section>
      )}
    </div>
  );
}
