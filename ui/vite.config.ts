import { defineConfig } from "vitest/config";

// The shell embeds ui/dist; relative asset paths keep it loadable from any origin.
export default defineConfig({
  base: "./",
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    // CodeMirror is one chunk (~600 kB) loaded from disk; code-block languages load lazily.
    chunkSizeWarningLimit: 1000,
  },
  test: {
    environment: "happy-dom",
    include: ["src/**/*.test.ts"],
  },
});
