/**
 * The renderer's build, in one place: electron.vite.config.ts uses it for the desktop app and
 * `npm run build:web` (vite build --config renderer/vite.web.config.ts) builds the renderer
 * alone for browser mode and the Playwright tests, without touching main or preload.
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

const root = resolve(import.meta.dirname);

export const rendererConfig = {
  root,
  // Relative asset URLs: the same build loads from file:// in Electron and from http://127.0.0.1 in browser mode.
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(root, '../out/renderer'),
    emptyOutDir: true,
    rollupOptions: { input: resolve(root, 'index.html') },
  },
} satisfies UserConfig;

export default defineConfig(rendererConfig);
