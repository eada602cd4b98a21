// Imported first by the web suite: what the extension host's globals are before mocha's browser build adds its own.

/** Node's `process` global: present in the Node extension host, absent in the web worker one. */
export const HOST_HAS_PROCESS = typeof (globalThis as { process?: unknown }).process !== 'undefined';
/** `importScripts` exists only in a worker global scope: the web worker extension host is one. */
export const HOST_IS_WORKER = typeof (globalThis as { importScripts?: unknown }).importScripts === 'function';
