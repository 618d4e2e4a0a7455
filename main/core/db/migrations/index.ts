import type { Migration } from '../migrate';
import { migration as m0001 } from './0001-initial';

/** Every migration, in order. A new one is a new numbered file appended here. */
export const migrations: readonly Migration[] = [m0001];
