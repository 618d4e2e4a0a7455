import type { Migration } from '../migrate';

/**
 * Edits at the kiosk: an attendee whose printed fields changed needs a new badge.
 * Set to 1 by `attendees:update` when a printed field changes; printing a badge clears it.
 */
export const migration: Migration = {
  version: 3,
  name: 'badge-reprint',
  up: `
    ALTER TABLE attendees ADD COLUMN badge_needs_reprint INTEGER NOT NULL DEFAULT 0;
  `,
};
