// Start-up's round trips to the backend. The entry script sends them before the app's bundle
// has loaded (main.ts), so the posts travel while that bundle is fetched and compiled instead
// of after the app has built the window.
import * as ipc from "./ipc";
import type { WorkspaceChanged, WorkspaceInfo } from "./types";

export type StartupRequests = {
  /** The start-up workspace, asked for once the change listener is registered, so that no
   * change made between the read and the listening is missed. */
  workspace: Promise<WorkspaceInfo | null>;
  /** Send changes to `handler`: the ones that came before it was given, then each new one. */
  onWorkspaceChanged(handler: (payload: WorkspaceChanged) => void): void;
  /** Resolves once the workspace has come (or failed), or after `ms`, whichever is first. */
  answeredOrAfter(ms: number): Promise<void>;
};

export function requestStartup(): StartupRequests {
  let handler: ((payload: WorkspaceChanged) => void) | null = null;
  // Changes held until the app listens, each marked by whether the workspace's answer came first.
  const held: { payload: WorkspaceChanged; afterAnswer: boolean }[] = [];
  let answered = false;
  const listening = ipc.onWorkspaceChanged((payload) =>
    handler ? handler(payload) : held.push({ payload, afterAnswer: answered }),
  );
  const workspace = listening.then(() => ipc.getWorkspace());
  // The `catch` also keeps a failure from being reported as unhandled: the app reports it when
  // it awaits the workspace, which may be after it happened.
  workspace.then(() => (answered = true)).catch(() => {});
  return {
    workspace,
    onWorkspaceChanged(h) {
      // The app sees changes in the order they came relative to the workspace, as if it had
      // listened all along: the older ones now, before it shows the workspace; the newer ones
      // once its await of the workspace has resumed (a task runs after those microtasks).
      while (held.length > 0 && !held[0].afterAnswer) h(held.shift()!.payload);
      const passOnRest = () => {
        for (const { payload } of held.splice(0)) h(payload);
        handler = h;
      };
      if (held.length === 0) passOnRest();
      else setTimeout(passOnRest, 0);
    },
    answeredOrAfter(ms) {
      const settled = workspace.then(
        () => {},
        () => {},
      );
      return Promise.race([settled, new Promise<void>((resolve) => setTimeout(resolve, ms))]);
    },
  };
}

let sent: StartupRequests | null = null;

/** This page's requests: sent by the first call; later calls get the same ones. */
export function startupRequests(): StartupRequests {
  sent ??= requestStartup();
  return sent;
}
