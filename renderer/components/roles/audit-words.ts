/**
 * An audit record in plain words. Action names hold dots ('badge.template.save'), which
 * i18next reads as nesting: the catalogue key swaps them for underscores.
 */
export function auditActionKey(action: string): string {
  return `audit.actions.${action.replace(/[.:]/g, '_')}`;
}

/** The record's details (ids and counts only, by the audit log's rule) as one short line. */
export function auditDetails(details: Record<string, unknown>): string {
  return Object.entries(details)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join(' · ');
}
