import { fileURLToPath, URL } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Paths the Ivy API serves; `npm run dev -w @ivy/web` forwards them to the server started with `npm start`. */
const API_PATHS = ['/people', '/courses', '/campuses', '/health', '/openapi.json', '/docs'];
const apiTarget = process.env.IVY_API_URL ?? 'http://localhost:8000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), tailwindcss()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    proxy: Object.fromEntries(API_PATHS.map((path) => [path, { target: apiTarget, changeOrigin: true }])),
  },
  // One bundle (~200 kB gzipped: React, router, TanStack, Radix) suits an app used all day and cached after the first visit.
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 800 },
});
