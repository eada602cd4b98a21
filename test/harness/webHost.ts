// The user setting that moves the extension into code-server's web worker extension host (it has `main` and `browser`).
export const WEB_HOST_SETTINGS = { 'remote.extensionKind': { 'initlab.initlab': ['web'] } };
