// SCAFFOLD (owned by the in-app hub engineer): "this kiosk is the hub".
import type { Handlers } from '../contract';
import { DomainError } from '../errors';

type HubOperations = 'hub:status' | 'hub:start' | 'hub:stop' | 'hub:newCode' | 'hub:revoke';

export function hubHandlers(): Pick<Handlers, HubOperations> {
  const notYet = () => {
    throw new DomainError('internal', 'not built yet');
  };
  return { 'hub:status': notYet, 'hub:start': notYet, 'hub:stop': notYet, 'hub:newCode': notYet, 'hub:revoke': notYet };
}
