import { useTranslation } from 'react-i18next';
import type { CheckinOutcome, ScanMethod } from '../../../main/core/types';
import { formatTime } from '../../i18n/format';
import { toneOf } from './sounds';
import { useResultTexts, type ShownResult } from './ScanResultView';

export interface RecentScan {
  id: number;
  at: string;
  method: ScanMethod;
  shown: ShownResult;
}

/** The last few answers, newest first: what staff glance at when someone says "it said red". */
export function RecentScans({ scans }: { scans: RecentScan[] }) {
  const { t, i18n } = useTranslation('scan');
  const texts = useResultTexts();
  return (
    <section className="scan-recent" aria-labelledby="scan-recent-title">
      <h2 id="scan-recent-title" className="scan-side-title">
        {t('recent.title')}
      </h2>
      {scans.length === 0 ? (
        <p className="empty-state">{t('recent.empty')}</p>
      ) : (
        <ol className="scan-recent-list" data-testid="scan-recent">
          {scans.map((scan) => {
            const outcome: CheckinOutcome = scan.shown.outcome;
            const tone = toneOf(outcome.result);
            const { headline } = texts(scan.shown);
            return (
              <li key={scan.id} className={`scan-recent-item scan-recent-${tone}`} data-result={outcome.result}>
                <span className="scan-recent-time">{formatTime(scan.at, i18n.language)}</span>{' '}
                <span className="scan-recent-text">{headline}</span>{' '}
                <span className="scan-recent-method">({t(`recent.method.${scan.method}`)})</span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
