// Smoke test for the UI driver: the extension's activity-bar container opens and its webview renders.
import * as assert from 'node:assert/strict';
import { useWorkbench } from './driver';

describe('smoke: workbench UI', () => {
  const workbench = useWorkbench();

  it('opens the Ollama Chat view with its message list', async () => {
    const wb = workbench();
    await wb.openChatView();
    assert.match((await wb.sideBarTitle().textContent()) ?? '', /^Ollama Chat/);
    await wb.waitInChat('.message-log');
  });
});
