// Integration: after every panel of the suite has loaded and trained, the webview reported no CSP violation.
import * as assert from 'node:assert/strict';
import { api } from './context';

export function cspTests(): void {
  describe('content security policy', () => {
    it('no panel reported a CSP violation during the suite', async () => {
      assert.equal((await api()).cspViolations(), 0, 'see the "Init Lab" output channel for the blocked resources');
    });
  });
}
