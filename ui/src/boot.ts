// Starts the app on the requests main.ts sent, and exposes the small hook object the
// end-to-end tests use.
// First, before CodeMirror is evaluated: it looks for requestIdleCallback when it loads.
import "./idle-callback";
import { startApp, type TestHooks } from "./app";
import { installPerfProbe } from "./perf-probe";
import { markPlatform } from "./platform-fonts";
import { startupRequests } from "./startup-requests";

declare global {
  interface Window {
    __draftsmith: TestHooks;
  }
}

markPlatform(document, navigator.userAgent);
if (import.meta.env.VITE_PERF_PROBE === "1") installPerfProbe();

// The window is built once the start-up workspace has come, so its posts are listed in the
// same pass: built first, the page would run a rendering update of the empty window (~30 ms
// here) before it even read the answer, which had come meanwhile. A site still being indexed
// holds the build back no longer than this; its posts are listed when they come, as before.
const WORKSPACE_WAIT_MS = 150;

function boot(): void {
  window.__draftsmith = startApp(document, startupRequests());
}

// main.ts is a module script, run once the document is parsed; it imports this module after.
startupRequests()
  .answeredOrAfter(WORKSPACE_WAIT_MS)
  .then(boot)
  .catch((e) => {
    document.body.textContent = `Draftsmith could not start: ${e}`;
  });
