#!/usr/bin/env node
// The ML CLI runs its TypeScript sources through tsx, like the server: no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
