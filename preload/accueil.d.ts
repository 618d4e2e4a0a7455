// The API the preload exposes, as the renderer sees it. Include this file in the renderer's tsconfig.
import type { Api } from '../main/core/contract';

declare global {
  interface Window {
    readonly accueil: Api;
  }
}

export {};
