// Entry point: starts the app and exposes the small hook object the end-to-end tests use.
// First, before CodeMirror is evaluated: it looks for requestIdleCallback when it loads.
import "./idle-callback";
import { startApp, type TestHooks } from "./app";
import { installPerfProbe } from "./perf-probe";
import { markPlatform } from "./platform-fonts";

declare global {
  interface Window {
    __draftsmith: TestHooks;
  }
}

markPlatform(document, navigator.userAgent);

function boot(): void {
  if (import.meta.env.VITE_PERF_PROBE === "1") installPerfProbe();
  window.__draftsmith = startApp(document);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
else boot();
