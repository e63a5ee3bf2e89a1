/**
 * The host side of the chat view without VS Code, for the streaming and store benchmarks: the extension's own
 * `ViewRelay`, connected to a webview stand-in that counts what is posted and serializes it as `postMessage` does.
 */
import type { ChatService } from '../src/core/chat/chatService';
import { ViewRelay } from '../src/core/view/viewRelay';
import type { HostMessage } from '../src/shared/protocol';

/** The webview end: counts what is posted, serialized with `JSON.stringify` as `webview.postMessage` does. */
export class CountingWebview {
  /** Messages posted. */
  posts = 0;
  /** Their size as serialized for the trip to the webview. */
  bytesPosted = 0;

  readonly post = (message: HostMessage): void => {
    this.posts++;
    this.bytesPosted += JSON.stringify(message).length;
  };
}

/** The real relay, connected to `webview` and past the ready handshake, as when the chat view is open. */
export function openViewRelay(chat: ChatService, model: string, webview: CountingWebview): ViewRelay {
  const relay = new ViewRelay(chat, { model: () => model, systemPrompt: () => undefined });
  relay.connect(webview.post);
  relay.viewReady();
  return relay;
}
