/** The webview's side of the channel to the extension host, typed with the shared protocol. */
import type { WebviewMessage } from '../shared/protocol';

/** What the view keeps across being hidden and shown (VS Code stores it with the webview). */
export interface PersistedState {
  draft: string;
}

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface HostChannel {
  post(message: WebviewMessage): void;
  /** The state saved before the view was last hidden. */
  readonly saved: PersistedState;
  save(state: PersistedState): void;
}

/** Connects to the host; `acquireVsCodeApi` may be called only once per page. */
export function connectToHost(): HostChannel {
  const api = acquireVsCodeApi();
  const raw = api.getState() as Partial<PersistedState> | undefined;
  return {
    post: (message) => api.postMessage(message),
    saved: { draft: typeof raw?.draft === 'string' ? raw.draft : '' },
    save: (state) => api.setState(state),
  };
}
