/**
 * The host side of the chat view without VS Code, for the streaming and store benchmarks.
 *
 * NOTE (issue 13): `HostViewRelay` is still a COPY of what `ChatViewProvider` (src/chat/chatViewProvider.ts) does
 * with the chat service's events: the real relay lives inside the provider, which imports `vscode`, and cannot run
 * here without changing src/. Once the relay is a module of its own without `vscode` (taking the chat service and
 * a post function), replace `new HostViewRelay(...)` in streaming.ts and store.ts with it and delete the class
 * below; `CountingWebview` stays as the post function. (The burst, snapshot and reopen benchmarks run the real
 * relay already, in real VS Code.) Deltas go through the real `DeltaBatcher`.
 */
import type { ChatEvent, ChatService } from '../src/core/chat/chatService';
import { DeltaBatcher } from '../src/core/view/deltaBatcher';
import type { HostMessage, ViewState } from '../src/shared/protocol';

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

/** A copy of the provider's relay (see the note above). */
export class HostViewRelay {
  private readonly deltas = new DeltaBatcher((delta) => this.send(delta));
  private readonly subscription: { dispose(): void };

  constructor(private readonly chat: ChatService, private readonly model: string, private readonly send: (message: HostMessage) => void) {
    this.subscription = chat.onEvent((event) => this.onChatEvent(event));
  }

  /** The snapshot the view sends after `ready` and whenever another conversation is shown. */
  private snapshot(): ViewState {
    const active = this.chat.activeConversationId();
    return {
      conversation: active ? this.chat.getConversation(active) ?? null : null,
      conversations: this.chat.listConversations(),
      model: this.model,
      stream: this.chat.streamInfo(active),
      error: this.chat.currentError(active),
      attachments: [], // the benchmark attaches no files
      systemPrompt: null,
    };
  }

  dispose(): void {
    this.subscription.dispose();
    this.deltas.clear();
  }

  private onChatEvent(event: ChatEvent): void {
    const active = this.chat.activeConversationId();
    if (event.type === 'delta') {
      if (event.conversationId === active) this.deltas.add(event);
      return;
    }
    if (event.type === 'history') {
      this.post({ type: 'history', conversations: this.chat.listConversations() });
    } else if (event.type === 'active') {
      this.post({ type: 'snapshot', state: this.snapshot() });
    } else if (event.conversationId === active) {
      if (event.type === 'message') this.post(event);
      else if (event.type === 'stream') this.post({ type: 'stream', stream: event.stream });
      else this.post({ type: 'error', error: event.error });
    }
  }

  /** Pending deltas first, as the provider does, so a final message never overtakes the text before it. */
  private post(message: HostMessage): void {
    this.deltas.flush();
    this.send(message);
  }
}
