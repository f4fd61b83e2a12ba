import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The renderer is built on its own: root is this folder, output goes where both hosts
// (Electron's app protocol and the browser-mode server) serve it from. Vite 8 turns TSX
// into JS with its built-in oxc transform, so no React plugin is needed for a build.
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  // Relative asset URLs: the page is loaded from a custom protocol in Electron and from
  // http://127.0.0.1 in browser mode.
  base: './',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: here('../dist/renderer'),
    emptyOutDir: true,
    // No inline <script>, no data: modules: the CSP is script-src 'self'.
    assetsInlineLimit: 0,
  },
  server: {
    // The renderer imports ../shared.
    fs: { allow: [here('..')] },
  },
});
