// SCAFFOLD (owned by the sync-client engineer): replaced by the real kiosk sync operations.
import type { Handlers } from '../contract';
import { DomainError } from '../errors';

type SyncOperations = 'sync:status' | 'sync:pair' | 'sync:unpair' | 'sync:now' | 'sync:conflicts' | 'sync:resolveFlag';

export function syncHandlers(): Pick<Handlers, SyncOperations> {
  const notYet = () => {
    throw new DomainError('internal', 'not built yet');
  };
  return { 'sync:status': notYet, 'sync:pair': notYet, 'sync:unpair': notYet, 'sync:now': notYet, 'sync:conflicts': notYet, 'sync:resolveFlag': notYet };
}
