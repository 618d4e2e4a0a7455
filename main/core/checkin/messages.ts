import en from '../../../resources/locales/en/checkin.json' with { type: 'json' };
import type { CheckinResultCode } from '../types';

/**
 * The English line of an outcome, from the same catalogue the screen and the CLI translate
 * (namespace `checkin`): `result.<result>`, then `reason.<reason>` when there is one.
 */
export function interpolate(template: string, params: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => params[key] ?? '');
}

export function englishMessage(result: CheckinResultCode, reason: string | null, params: Record<string, string>): string {
  const head = interpolate(en.result[result], params).replace(/[:,]?\s*$/, '').replace(/\s+\(\)/, '');
  const tail = reason ? interpolate((en.reason as Record<string, string>)[reason] ?? '', params) : '';
  return tail ? `${head}. ${tail}` : `${head}.`;
}

export function displayName(person: { honorific: string; firstName: string; lastName: string } | null): string {
  if (!person) return '';
  return [person.honorific, person.firstName, person.lastName].filter(Boolean).join(' ');
}
