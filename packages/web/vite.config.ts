import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The domain's TypeScript sources, so the browser bundle gets ES modules it can tree-shake
// (the package's dist is CommonJS for node); the domain is pure and browser-safe (ADR 0002, 0050).
const domainSources = fileURLToPath(new URL('../domain/src/index.ts', import.meta.url));

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@ccpor/domain': domainSources } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // pdf.js alone is about 400 kB minified; it is loaded only when a PDF is shown.
    chunkSizeWarningLimit: 1200,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
