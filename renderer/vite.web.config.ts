/**
 * The renderer's build, in one place: electron.vite.config.ts uses it for the desktop app and
 * `npm run build:web` (vite build --config renderer/vite.web.config.ts) builds the renderer
 * alone for browser mode and the Playwright tests, without touching main or preload.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

// import.meta.url, not import.meta.dirname: config bundlers rewrite the former per module, so this
// stays right when electron.vite.config.ts imports this file.
const root = dirname(fileURLToPath(import.meta.url));

export const rendererConfig = {
  root,
  // Relative asset URLs: the same build loads from file:// in Electron and from http://127.0.0.1 in browser mode.
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(root, '../out/renderer'),
    emptyOutDir: true,
    // electron-vite leaves the renderer unminified by default; both builds should ship the same bundle.
    minify: true,
    rollupOptions: { input: resolve(root, 'index.html') },
  },
} satisfies UserConfig;

export default defineConfig(rendererConfig);
