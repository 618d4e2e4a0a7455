import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttendeeQr as Qr } from '../../main/core/types';
import type { ErrorValue } from '../../main/core/errors';
import { api } from '../api';
import { ErrorMessage } from './ErrorMessage';
import './qr.css';

/**
 * An attendee's signed QR code (qr:attendee), shown on demand: to scan from the screen, to
 * read the token aloud, or to check a reprinted badge. The SVG is shown as an image (data:
 * URL), never injected as markup.
 */
export function AttendeeQr({ id, name }: { id: string; name: string }) {
  const { t } = useTranslation('scan');
  const [qr, setQr] = useState<Qr | null>(null);
  const [error, setError] = useState<ErrorValue | null>(null);
  const [open, setOpen] = useState(false);

  const toggle = async () => {
    if (open) return setOpen(false);
    setOpen(true);
    if (qr) return;
    const result = await api()['qr:attendee']({ id });
    if (result.ok) setQr(result.value);
    else setError(result);
  };

  return (
    <div className="attendee-qr">
      <button type="button" className="button button-secondary" aria-expanded={open} onClick={() => void toggle()}>
        {open ? t('qr.hide') : t('qr.show')}
      </button>
      {open && error && <ErrorMessage error={error} />}
      {open && qr && (
        <figure className="attendee-qr-figure" data-testid="attendee-qr">
          <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(qr.svg)}`} alt={t('qr.alt', { name })} width={220} height={220} />
          <figcaption>
            {t('qr.token')} <code className="attendee-qr-token">{qr.text}</code>
          </figcaption>
        </figure>
      )}
    </div>
  );
}
