// Typed access to the webview API VS Code injects (acquireVsCodeApi), which may be called once per page.
import type { WebviewToHost } from '../src/shared/protocol';

export interface VsCodeApi<S> {
  postMessage(msg: WebviewToHost): void;
  /** Unknown on purpose: it may have been written by an older build, so callers validate it. */
  getState(): unknown;
  setState(state: S): void;
}

interface RawApi {
  postMessage(msg: unknown): void;
  getState(): unknown;
  setState(state: unknown): unknown;
}

export function acquireApi<S>(): VsCodeApi<S> {
  const acquire = (globalThis as { acquireVsCodeApi?: () => RawApi }).acquireVsCodeApi;
  if (!acquire) throw new Error('acquireVsCodeApi is not available: not running inside a VS Code webview');
  const raw = acquire();
  return {
    postMessage: (msg) => raw.postMessage(msg),
    getState: () => raw.getState(),
    setState: (s) => {
      raw.setState(s);
    },
  };
}
