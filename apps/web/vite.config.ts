import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const page = (name: string) => fileURLToPath(new URL(`./${name}.html`, import.meta.url));

// Three pages: the start page (/), the device (/terminal?tid=…) and the wallet (/wallet). Workspace packages are compiled
// from their TypeScript sources (the `source` export condition), so no prior `tsc -b` is needed.
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['source', 'browser', 'module', 'import', 'default'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: { input: { index: page('index'), terminal: page('terminal'), wallet: page('wallet') } },
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/iso8583': { target: 'ws://127.0.0.1:8080', ws: true },
    },
  },
});
