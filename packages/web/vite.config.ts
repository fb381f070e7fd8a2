import { fileURLToPath, URL } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Paths the Ivy API serves; `npm run dev -w @ivy/web` forwards them to the server started with `npm start`. */
const API_PATHS = ['/people', '/courses', '/campuses', '/health', '/ai', '/auth', '/openapi.json', '/docs'];
const apiTarget = process.env.IVY_API_URL ?? 'http://localhost:8000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), tailwindcss()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    proxy: Object.fromEntries(
      API_PATHS.map((path) => [
        path,
        {
          target: apiTarget,
          changeOrigin: true,
          // Pages share prefixes with the API (/ai/triage, /people/…): a browser navigation stays with the dev server.
          bypass: (request: { headers: { accept?: string } }) =>
            request.headers.accept?.includes('text/html') ? '/index.html' : undefined,
        },
      ]),
    ),
  },
  // One bundle (~200 kB gzipped: React, router, TanStack, Radix) suits an app used all day and cached after the first visit.
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 800 },
});
