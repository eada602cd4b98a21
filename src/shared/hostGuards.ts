// Runtime validation of messages the host receives from the webview and from training workers (payloads: protocolGuards).
import type { ExportFormat, WebviewToHost, WorkerToHost } from './protocol';
import { isCount, isObj as isRecord, isPanelState, isRunProgress, isStr as isString, isWireRunResult } from './guards';

/** Restored webview state is checked like any message (re-exported for the serializer). */
export { isPanelState };

// The webview is a browser page and a worker is separate code: neither is trusted to send well-formed data,
// so every field the host reads is checked here once, and the rest of the host works with typed values.

const EXPORT_FORMATS: readonly ExportFormat[] = ['json', 'csv'];

/** PNG exports arrive as data URLs; anything else (other schemes, other types) is refused. */
const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/;
/** A chart PNG is far below this; the cap keeps a misbehaving page from making the host decode huge strings. */
const MAX_PNG_DATA_URL = 64 * 1024 * 1024;

export function isWebviewToHost(x: unknown): x is WebviewToHost {
  if (!isRecord(x) || typeof x.kind !== 'string') return false;
  const kind = x.kind as WebviewToHost['kind'];
  switch (kind) {
    case 'ready':
    case 'stop':
    case 'rerun':
    case 'openFile':
      return true;
    case 'export':
      return EXPORT_FORMATS.includes(x.format as ExportFormat);
    case 'savePng':
      return isString(x.name, 200) && isString(x.dataUrl, MAX_PNG_DATA_URL) && PNG_DATA_URL.test(x.dataUrl);
    case 'cspViolation':
      return isString(x.directive, 1000) && isString(x.blockedUri, 4000);
    default: {
      // Unknown kinds are rejected; the `never` check keeps this switch exhaustive when the union grows.
      const unknownKind: never = kind;
      void unknownKind;
      return false;
    }
  }
}

export function isWorkerToHost(x: unknown): x is WorkerToHost {
  if (!isRecord(x) || typeof x.kind !== 'string') return false;
  const kind = x.kind as WorkerToHost['kind'];
  switch (kind) {
    case 'progress':
      return isRunProgress(x.progress);
    case 'done':
      return isCount(x.runIndex) && isWireRunResult(x.result);
    case 'error':
      return isCount(x.runIndex) && isString(x.message);
    default: {
      const unknownKind: never = kind;
      void unknownKind;
      return false;
    }
  }
}
