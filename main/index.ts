// Composition root of the desktop app (filled by the Electron glue).
export {};
