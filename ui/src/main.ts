// Entry point: sends start-up's requests to the backend, shows the window, then loads the app.
// The app's bundle is most of the page's script; the posts are on their way while it is fetched
// and compiled (vite.config.ts has the page preload it, so the fetch does not wait for this).
import { showWindow } from "./ipc";
import { startupRequests } from "./startup-requests";

startupRequests();
// Created hidden, the window is shown now that the page has something to paint: shown at once,
// it could hold WebKit's UI thread up to 500 ms (src-tauri/src/window_shown.rs). Should this
// fail, the shell shows the window itself after 3 s.
showWindow().catch((e) => console.error("Draftsmith could not show its window:", e));
import("./boot").catch((e) => {
  document.body.textContent = `Draftsmith could not load: ${e}`;
});
