import { defaultClientConditions, defineConfig } from 'vite';

// The API (SPEC §7) listens here in development; `npm start` serves the built page from the API itself.
const API_ORIGIN = 'http://127.0.0.1:3000';

export default defineConfig({
  // Workspace packages export their TypeScript sources under `source`, so the page bundles
  // @repolens/contracts as written, without building it first.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  // Grammars (C++'s is the largest) load only when a file of their language is opened.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 900 },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': { target: API_ORIGIN, ws: true } },
  },
});
