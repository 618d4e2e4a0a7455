import type { AttendeeFields } from '../../main/core/types';

/** "Mme Anne Dupont": the name as the desk says it, with the honorific when there is one. */
export function fullName(person: Pick<AttendeeFields, 'honorific' | 'firstName' | 'lastName'>): string {
  return [person.honorific, person.firstName, person.lastName].filter(Boolean).join(' ');
}
