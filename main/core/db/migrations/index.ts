import type { Migration } from '../migrate';
import { migration as m0001 } from './0001-initial';
import { migration as m0002 } from './0002-checkin';
import { migration as m0003 } from './0003-badge-reprint';
import { migration as m0004 } from './0004-printing';
import { migration as m0005 } from './0005-sync';
import { migration as m0006 } from './0006-dashboard';
import { migration as m0007 } from './0007-sync-speed';

/** Every migration, in order. A new one is a new numbered file appended here. */
export const migrations: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007];
