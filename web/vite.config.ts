import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The app is served by `tollbook serve` at / (admin) and /portal (customers) from web/dist; in
// development `npm run dev` proxies the API to a local `tollbook serve`.
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2500 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
