import { useTranslation } from 'react-i18next';
import type { ErrorValue } from '../../main/core/errors';
import { translateError } from '../i18n/errors';
import { OrganiserPrompt } from './roles/OrganiserPrompt';

interface Props {
  error: Pick<ErrorValue, 'code' | 'message' | 'params'>;
  /** Wraps the translated message, e.g. to name the file it is about. */
  format?: (message: string) => string;
}

/** A failure as staff read it: translated, in plain words, announced to screen readers. */
export function ErrorMessage({ error, format }: Props) {
  const { t } = useTranslation();
  const message = translateError(t, error);
  return (
    <div className="notice notice-error" role="alert" data-error-code={error.code}>
      {format ? format(message) : message}
      <OrganiserPrompt code={error.code} />
    </div>
  );
}
