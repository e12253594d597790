import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

// The page: `vite build` writes it to dist/page, which the demo server serves.
const config: UserConfig = defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist/page',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
});

export default config;
