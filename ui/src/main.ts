// Entry point: wires the modules together once the DOM is ready.
import { getWorkspace } from "./ipc";

void getWorkspace().catch(() => undefined);
