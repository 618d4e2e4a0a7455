import type { Database } from 'better-sqlite3';
import anyAscii from 'any-ascii';
import type { AttendeeRow, Attendees } from '../attendees/attendees';
import { searchAttendees } from '../attendees/search';
import type { DuplicateCandidate, DuplicateReason } from '../types';

export type { DuplicateCandidate, DuplicateReason };

export interface PersonToCheck {
  firstName: string;
  lastName: string;
  organisation?: string;
  email?: string;
}

/** Case-, accent- and script-insensitive form: "François" → "francois", "Nguyễn" → "nguyen". */
export function fold(text: string): string {
  return anyAscii(text.normalize('NFC')).toLowerCase().replace(/[^a-z0-9@.]+/g, ' ').trim();
}

/** Optimal string alignment distance (Levenshtein plus a swap of two neighbouring letters as one edit). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, prev2[j - 2]! + 1);
      row.push(value);
    }
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/** 1 for equal texts, 0 for nothing in common; two empty texts are equal. */
export function similarity(a: string, b: string): number {
  const length = Math.max(a.length, b.length);
  return length === 0 ? 1 : 1 - editDistance(a, b) / length;
}

/** How alike two names are, first and last names compared both ways round ("Rebsamen François"). */
export function nameSimilarity(first: string, last: string, otherFirst: string, otherLast: string): number {
  const [f, l, of, ol] = [first, last, otherFirst, otherLast].map(fold) as [string, string, string, string];
  const whole = (x: string, y: string) => `${x} ${y}`.trim();
  if (whole(f, l) === '' || whole(of, ol) === '') return 0;
  const sorted = (x: string, y: string) => whole(x, y).split(' ').sort().join(' ');
  if (sorted(f, l) === sorted(of, ol)) return 1;
  const pair = (x1: string, y1: string, x2: string, y2: string) => {
    const a = similarity(x1, x2);
    const b = similarity(y1, y2);
    // A weak part (a different first name, same family) is not a near-duplicate.
    return Math.min(a, b) < 0.7 ? Math.min((a + b) / 2, 0.6) : (a + b) / 2;
  };
  return Math.max(pair(f, l, of, ol), pair(f, l, ol, of), similarity(whole(f, l), whole(of, ol)));
}

export const similarNameThreshold = 0.85;

/**
 * Existing attendees of the event who may be the person at the desk. The FTS index finds
 * candidates fast (each name, then the first three letters of each name word so that a typo
 * further in still finds them, and the e-mail), then each is scored in full.
 */
export function findDuplicates(db: Database, attendees: Attendees, eventId: string, person: PersonToCheck, limit = 5): DuplicateCandidate[] {
  const rows = new Map<string, AttendeeRow>();
  const add = (found: AttendeeRow[]) => found.forEach((row) => rows.set(row.id, row));
  const words = `${person.firstName} ${person.lastName}`.split(/[\s,;]+/u).filter((word) => word.length > 0);
  // Both names together first: at 100,000 attendees there are more than 50 François and 50 Martin.
  add(searchAttendees(db, eventId, words.join(' '), 50));
  for (const name of [person.firstName, person.lastName]) if (name.trim()) add(searchAttendees(db, eventId, name, 50));
  for (const word of words) add(searchAttendees(db, eventId, [...word].slice(0, 3).join(''), 100));
  const email = person.email?.trim() ?? '';
  // The e-mail through the index too (there is no e-mail column index); exact equality is checked below.
  if (email) add(searchAttendees(db, eventId, email, 20));

  const organisation = fold(person.organisation ?? '');
  const candidates: DuplicateCandidate[] = [];
  for (const row of rows.values()) {
    if (row.event_id !== eventId) continue;
    const names = nameSimilarity(person.firstName, person.lastName, row.first_name, row.last_name);
    const reasons: DuplicateReason[] = [];
    if (names === 1) reasons.push('same_name');
    else if (names >= similarNameThreshold) reasons.push('similar_name');
    const sameEmail = email !== '' && row.email.trim().toLowerCase() === email.toLowerCase();
    if (sameEmail) reasons.push('same_email');
    if (reasons.length === 0) continue;
    if (organisation !== '' && fold(row.organisation) === organisation) reasons.push('same_organisation');
    const score = Math.min(1, Math.max(names >= similarNameThreshold ? names : 0, sameEmail ? 0.9 : 0) + (reasons.includes('same_organisation') ? 0.05 : 0));
    candidates.push({ attendee: attendees.toSummary(row), score: Math.round(score * 100) / 100, reasons });
  }
  return candidates.sort((a, b) => b.score - a.score || a.attendee.lastName.localeCompare(b.attendee.lastName)).slice(0, limit);
}
