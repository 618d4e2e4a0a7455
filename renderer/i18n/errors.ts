import type { TFunction } from 'i18next';
import type { ErrorValue } from '../../main/core/errors';

/**
 * An error value as staff should read it: the 'errors' catalogue entry for its code, with
 * its parameters; the core's own message when no translation exists. Never a stack trace.
 */
export function translateError(t: TFunction, error: Pick<ErrorValue, 'code' | 'message' | 'params'>): string {
  return t(error.code, { ns: 'errors', ...error.params, message: error.message, defaultValue: error.message });
}
