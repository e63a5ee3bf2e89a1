/**
 * The host side of the chat view without VS Code: what `ChatViewProvider` does with the chat service's events,
 * so the benchmarks pay the same costs. Deltas go through the real `DeltaBatcher`; every posted message is
 * serialized with `JSON.stringify`, as `webview.postMessage` does before it crosses to the webview.
 */
import type { ChatEvent, ChatService } from '../src/chat/chatService';
import { DeltaBatcher } from '../src/chat/deltaBatcher';
import type { HostMessage, ViewState } from '../src/shared/protocol';

export class HostViewRelay {
  /** Messages posted to the (imaginary) webview. */
  posts = 0;
  /** Their size as serialized for the trip to the webview. */
  bytesPosted = 0;
  private readonly deltas = new DeltaBatcher((delta) => this.send(delta));
  private readonly subscription: { dispose(): void };

  constructor(private readonly chat: ChatService, private readonly model: string) {
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

  private send(message: HostMessage): void {
    this.posts++;
    this.bytesPosted += JSON.stringify(message).length;
  }
}
