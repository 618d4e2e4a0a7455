import type { Migration } from '../migrate';
import { migration as m0001 } from './0001-initial';
import { migration as m0002 } from './0002-checkin';

/** Every migration, in order. A new one is a new numbered file appended here. */
export const migrations: readonly Migration[] = [m0001, m0002];
