import { useTranslation } from 'react-i18next';
import { translateError } from '../../i18n/errors';
import { failedPrintReason } from '../BadgeStatusLine';
import type { PrintFailure } from './useAutoPrints';

interface Props {
  failures: PrintFailure[];
  onRetry(ledgerId: string): void;
  onDismiss(ledgerId: string): void;
}

/**
 * The auto-prints that failed, most recent first, on the scan screen itself: they outlive the
 * result that started them, so a jam noticed after the attendee has walked on is not lost.
 */
export function PrintFailureAlerts({ failures, onRetry, onDismiss }: Props) {
  const { t } = useTranslation(['printing', 'errors']);
  if (failures.length === 0) return null;
  return (
    <ul className="print-failures" aria-label={t('printing:alert.region')} data-testid="print-failures">
      {failures.map((failure) => {
        const reason = failure.cause.kind === 'record' ? failedPrintReason(t, failure.cause.record) : translateError(t, failure.cause.error);
        return (
          <li key={failure.ledgerId} className="notice notice-error print-failure" role="alert" data-testid="print-failure">
            <p className="print-failure-text">{t('printing:alert.failed', { name: failure.name, reason })}</p>
            <div className="print-failure-actions">
              <button type="button" className="button" disabled={failure.retrying} onClick={() => onRetry(failure.ledgerId)}>
                {failure.retrying ? t('printing:alert.retrying') : t('printing:alert.retry')}
              </button>
              <button type="button" className="button button-secondary" onClick={() => onDismiss(failure.ledgerId)}>
                {t('printing:alert.dismiss')}
              </button>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
