#!/usr/bin/env node
// Runs the TypeScript CLI straight from the sources through tsx, so `npm run cli` works
// right after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../main/cli.ts');
