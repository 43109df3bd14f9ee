/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

const assets = fileURLToPath(new URL('../assets', import.meta.url));

// The app runs offline inside Tauri under a strict CSP: relative base so the bundle loads
// from the app's own origin, and everything (fonts included) comes out of this build.
export default defineConfig({
  base: './',
  plugins: [svelte()],
  resolve: {
    alias: { '@assets': assets },
  },
  clearScreen: false,
  server: {
    port: 5173,
    strictPort: true,
    fs: { allow: ['.', assets] },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Fonts must stay files (font-src 'self'), never inlined as data: URLs.
    assetsInlineLimit: 0,
    target: 'es2022',
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
