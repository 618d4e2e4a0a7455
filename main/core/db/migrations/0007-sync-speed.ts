import type { Migration } from '../migrate';

/** SCAFFOLD (owned by the sync-speed work, issue 5): indexes that make a fleet converge faster. */
export const migration: Migration = {
  version: 7,
  name: 'sync-speed',
  up: ``,
};
