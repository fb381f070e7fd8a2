// Builds the web app when its bundle is missing or older than its sources, so `npm start` and `npm test` work
// straight after `npm ci` without rebuilding on every run.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const web = new URL('../packages/web/', import.meta.url).pathname;
const bundle = join(web, 'dist', 'index.html');

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newestMtime(join(path, entry))));
}

const sources = ['src', 'index.html', 'vite.config.ts', 'package.json', 'public'].map((p) => join(web, p));
const stale = !existsSync(bundle) || Math.max(...sources.map(newestMtime)) > statSync(bundle).mtimeMs;
if (stale) {
  console.error('Building the web app…');
  execSync('npm run build -w @ivy/web', { stdio: 'inherit' });
}
