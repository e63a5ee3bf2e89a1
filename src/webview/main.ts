/**
 * Entry of the webview bundle (`dist/webview.js`): builds the view, says `ready` for the host's snapshot, and warms up
 * the renderer in idle time.
 */
import { setL10nBundle } from '../shared/l10n';
import type { HostMessage } from '../shared/protocol';
import { App } from './app';
import { reportRenderError } from './renderErrors';
import { warmUpRenderer } from './rendererWarmUp';
import { connectToHost } from './vscodeApi';

const host = connectToHost();
const root = document.getElementById('app')!;
// The host's translations, before anything is drawn; a page without them (or with bad ones) shows English.
try {
  setL10nBundle(JSON.parse(root.dataset.l10n ?? '{}'), document.documentElement.lang);
} catch (err) {
  reportRenderError(host, 'the translations', err);
}
const app = new App(root, host);
window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const data = event.data as Partial<HostMessage> | null;
  if (!data || typeof data !== 'object' || typeof data.type !== 'string') return;
  try {
    app.handle(data as HostMessage);
  } catch (err) {
    reportRenderError(host, `a "${data.type.slice(0, 40)}" message from the extension`, err);
  }
});
host.post({ type: 'ready' });
warmUpRenderer();
