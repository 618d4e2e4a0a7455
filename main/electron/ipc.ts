import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { operations, type Handlers, type Operation } from '../core/contract';
import { dispatch } from '../core/dispatch';
import type { ErrorValue } from '../core/errors';

/** What we need to know about the frame that sent a call. */
export interface SenderFrame {
  url: string;
  parent: unknown;
}

const forbidden = (operation: Operation): ErrorValue => ({
  ok: false,
  code: 'forbidden',
  message: `${operation} refused: the caller is not the Accueil renderer.`,
});

/** Only our renderer's top frame may call the core; a frame that is gone (null) may not. */
export function isTrustedSender(frame: SenderFrame | null | undefined, isOwnUrl: (url: string) => boolean): boolean {
  return frame != null && frame.parent === null && isOwnUrl(frame.url);
}

/**
 * One `ipcMain.handle` per contract operation, named after it, and no other channel.
 * Input is validated by dispatch before any handler runs; every outcome, failures
 * included, is returned as a value so error codes survive the hop.
 */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  handlers: Handlers,
  isOwnUrl: (url: string) => boolean,
): { channels: Operation[]; dispose(): void } {
  for (const operation of operations) {
    ipcMain.handle(operation, (event: IpcMainInvokeEvent, input: unknown) =>
      isTrustedSender(event.senderFrame, isOwnUrl) ? dispatch(handlers, operation, input) : forbidden(operation),
    );
  }
  return {
    channels: [...operations],
    dispose: () => operations.forEach((operation) => ipcMain.removeHandler(operation)),
  };
}
