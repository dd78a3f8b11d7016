import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";
import { parseAhead } from "./build/parse-ahead";

/** The entry script (src/main.ts) is small: it sends start-up's requests to the backend, then
 * loads the app with `import()`. This link has the page fetch and compile the app's bundle
 * while that entry loads and runs, instead of only when it asks. */
function preloadApp(): Plugin {
  return {
    name: "draftsmith-preload-app",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(_html, ctx) {
        const app = Object.values(ctx.bundle ?? {}).find(
          (out) => out.type === "chunk" && out.isDynamicEntry && out.moduleIds.some((id) => id.endsWith("/src/boot.ts")),
        );
        if (!app) throw new Error("the build has no chunk for src/boot.ts, the app the entry loads");
        return [{ tag: "link", attrs: { rel: "modulepreload", crossorigin: true, href: `./${app.fileName}` }, injectTo: "head" }];
      },
    },
  };
}

// The shell embeds ui/dist; relative asset paths keep it loadable from any origin.
export default defineConfig({
  base: "./",
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  plugins: [preloadApp(), parseAhead()],
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
    include: ["src/**/*.test.ts", "build/**/*.test.ts"],
  },
});
