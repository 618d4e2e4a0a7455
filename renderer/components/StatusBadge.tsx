import { useTranslation } from 'react-i18next';
import type { AttendeeStatus, CheckinSummary } from '../../main/core/types';
import { formatTime } from '../i18n/format';

/** Registered or cancelled, in words and colour (colour alone is not enough for everyone). */
export function StatusBadge({ status }: { status: AttendeeStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${status}`}>{status === 'cancelled' ? `✕ ${t('status.cancelled')}` : t('status.valid')}</span>;
}

export function CheckinMark({ checkedIn }: { checkedIn: CheckinSummary[] }) {
  const { t, i18n } = useTranslation();
  const first = checkedIn[0];
  if (!first) return <span className="checkin checkin-no">{t('status.notCheckedIn')}</span>;
  return <span className="checkin checkin-yes">✓ {t('status.checkedIn', { time: formatTime(first.at, i18n.language) })}</span>;
}
