// Worker threads do not inherit the TypeScript loader: register it, then load the worker itself.
import { register } from 'tsx/esm/api';

register();
await import('./train-worker-main.ts');
