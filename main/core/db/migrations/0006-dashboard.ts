import type { Migration } from '../migrate';

/**
 * SCAFFOLD (owned by the dashboard work, issue 6): the indexes the organisers' dashboard needs
 * to answer in under 50 ms at 100,000 attendees and 200,000 check-ins, and what the kiosks
 * learn of each other's sync state.
 */
export const migration: Migration = {
  version: 6,
  name: 'dashboard',
  up: ``,
};
