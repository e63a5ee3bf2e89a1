/** Entry of the webview bundle (`dist/webview.js`): builds the view, then says `ready` for the host's snapshot. */
import type { HostMessage } from '../shared/protocol';
import { App } from './app';
import { reportRenderError } from './renderErrors';
import { connectToHost } from './vscodeApi';

const host = connectToHost();
const app = new App(document.getElementById('app')!, host);
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
