import type { TFunction } from 'i18next';
import type { PrintRecord } from '../../../main/core/types';
import { translateError } from '../../i18n/errors';

/** A failed print's reason as staff read it: the translated print.* code with the printer's own words. */
export function printError(t: TFunction, value: { errorCode: string; error: string; printer: string; errorParams?: Record<string, string | number> }): string {
  if (!value.errorCode) return value.error;
  return translateError(t, {
    code: value.errorCode as Parameters<typeof translateError>[1]['code'],
    message: value.error,
    // The core's own parameters when it kept them; else the printer and its message, which every print.* text takes.
    params: value.errorParams ?? { printer: value.printer, reason: value.error },
  });
}

export function recordError(t: TFunction, record: PrintRecord): string {
  return record.status === 'failed' ? printError(t, record) : '';
}

/** Common reprint reasons, offered as one click; "other" takes free text. */
export const reprintReasons = ['lost', 'damaged', 'wrong'] as const;
