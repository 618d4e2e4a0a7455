// PLACEHOLDER: replaced by the demo event generator (issue 2, requirement 7).
import type { Database } from 'better-sqlite3';
import type { EventInfo } from '../types';

export function loadDemo(_db: Database, _now: () => Date): EventInfo {
  throw new Error('not implemented');
}
