import { createContext, useContext } from 'react';
import type { AppInfo, Language } from '../../main/core/contract';

export const screens = ['scan', 'search', 'walkin', 'badges', 'dashboard', 'exports', 'settings', 'import'] as const;
export type Screen = (typeof screens)[number];

export interface AppState {
  info: AppInfo;
  /** Re-reads app:info (event name, attendee count) after something changed it. */
  refresh(): Promise<void>;
  setLanguage(language: Language): Promise<void>;
  navigate(screen: Screen): void;
}

export const AppStateContext = createContext<AppState | null>(null);

export function useAppState(): AppState {
  const state = useContext(AppStateContext);
  if (!state) throw new Error('useAppState outside <AppStateContext.Provider>');
  return state;
}
