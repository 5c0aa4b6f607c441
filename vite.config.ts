import path from 'node:path';
import { defineConfig } from 'vite';

// The renderer build. No dev-server features are relied on: both hosts serve
// the built files, so what is tested is what ships.
export default defineConfig({
  root: path.resolve(import.meta.dirname, 'renderer'),
  base: './',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: path.resolve(import.meta.dirname, 'dist/renderer'),
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    // An inlined asset would need `data:` in script-src/style-src; keep everything a file.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    // V8 keeps the bundle's source for the page's life: ASCII keeps it one byte a character
    // instead of two (React Aria's and our catalogs' non-Latin-1 text would double it).
    rolldownOptions: { output: { charset: 'ascii' } },
  },
});
