#!/usr/bin/env node
// Ivy runs its TypeScript sources directly through tsx: no build step between a checkout and `npm start`.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
