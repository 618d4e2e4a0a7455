import type { TFunction } from 'i18next';
import { errorTextOptions, type ErrorValue } from '../../main/core/errors';

interface Coded {
  code: string;
  message: string;
  params?: Record<string, string | number>;
}

/**
 * A coded message from the core as staff should read it: the catalogue entry for its code
 * (namespace `ns`), with its parameters; the core's English message when no translation exists.
 */
export function translateCoded(t: TFunction, ns: string, value: Coded): string {
  return t(value.code, { ns, ...errorTextOptions(value) });
}

/** An error value, from the 'errors' catalogue (key = error code). Never a stack trace. */
export function translateError(t: TFunction, error: Pick<ErrorValue, 'code' | 'message' | 'params'>): string {
  return translateCoded(t, 'errors', error);
}
