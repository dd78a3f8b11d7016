// Entry point: sends start-up's requests to the backend, then loads the app. The app's bundle
// is most of the page's script; the posts are on their way while it is fetched and compiled
// (vite.config.ts has the page preload it, so the fetch does not wait for this script).
import { startupRequests } from "./startup-requests";

startupRequests();
import("./boot").catch((e) => {
  document.body.textContent = `Draftsmith could not load: ${e}`;
});
