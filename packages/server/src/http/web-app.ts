import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { sendProblem } from './problem-response';
import type { IvyApp } from './types';

export const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/**
 * Serves the built React app at `/`. Paths the API does not know fall back to index.html when a browser asks for a
 * page (client-side routes such as /leads/123); API clients get a problem+json 404 instead.
 */
export async function registerWebApp(app: IvyApp, distDir = DEFAULT_WEB_DIST) {
  const root = resolve(distDir);
  const hasWebApp = existsSync(resolve(root, 'index.html'));
  if (hasWebApp) await app.register(fastifyStatic, { root, wildcard: false, index: 'index.html' });
  else app.log.warn({ root }, 'web app not built: run `npm run build:web`; serving the API only');

  app.setNotFoundHandler((request, reply) => {
    const wantsPage = request.method === 'GET' && (request.headers.accept ?? '').includes('text/html');
    if (hasWebApp && wantsPage) return reply.type('text/html').sendFile('index.html');
    return sendProblem(reply, {
      type: 'https://ivy.ac/problems/not-found',
      title: 'Not found',
      status: 404,
      detail: `No route for ${request.method} ${request.url.split('?')[0]}`,
    });
  });
}
