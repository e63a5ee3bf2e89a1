/**
 * The chat view: lays out its parts and applies the host's messages to them. The host owns all state; this only
 * draws it and reports the user's intents. Rendering a snapshot is idempotent (it is sent again on every show), and
 * each part of it is drawn on its own: one that fails (reported to the host) does not keep the others from showing.
 */
import type { HostMessage, ViewState } from '../shared/protocol';
import { assertNever } from '../shared/protocol';
import { Announcer } from './announcer';
import { Composer } from './composer';
import { h } from './dom';
import { ErrorBanner } from './errorBanner';
import { Header } from './header';
import { HistoryPanel } from './historyPanel';
import { setImageBase } from './imageUrls';
import { MessageList } from './messageList';
import { reportRenderError } from './renderErrors';
import { ReplyAnnouncements } from './replyAnnouncements';
import { setNoticeContext } from './replyNotices';
import type { HostChannel } from './vscodeApi';

export class App {
  private readonly header: Header;
  private readonly messages: MessageList;
  private readonly history: HistoryPanel;
  private readonly banner: ErrorBanner;
  private readonly composer: Composer;
  private readonly announcer = new Announcer();
  private readonly replies: ReplyAnnouncements;
  private conversationId: string | null = null;
  private model = '';

  constructor(
    root: HTMLElement,
    private readonly host: HostChannel,
  ) {
    this.header = new Header(host, () => this.setHistoryOpen(!this.history.isOpen));
    this.messages = new MessageList(host);
    this.history = new HistoryPanel(host, (opened) => {
      this.setHistoryOpen(false, !opened);
      if (opened) this.composer.focus();
    });
    this.banner = new ErrorBanner(host, this.announcer);
    this.replies = new ReplyAnnouncements(this.announcer, () => this.model);
    this.composer = new Composer(host);
    root.classList.add('chat');
    root.append(
      this.header.element,
      h('main', { className: 'chat-main' }, this.messages.element, this.history.element),
      this.banner.element,
      this.composer.element,
      this.announcer.element,
    );
    this.composer.images.acceptDrops(root);
  }

  /** Applies one message from the host. */
  handle(message: HostMessage): void {
    switch (message.type) {
      case 'snapshot':
        return this.showSnapshot(message.state, message.earlier === true);
      case 'earlierMessages':
        return this.drawSafely('the conversation', () => this.messages.prepend(message.conversationId, message.before, message.messages, message.earlier));
      case 'delta':
        return this.messages.queueDelta(message.conversationId, message.messageId, message.content, message.thinking);
      case 'message':
        this.messages.upsert(message.conversationId, message.message);
        if (message.conversationId === this.conversationId) this.replies.messageChanged(message.message);
        return;
      case 'stream':
        this.replies.streamChanged(message.stream, true);
        this.messages.setStream(message.stream);
        return this.composer.setStreaming(message.stream !== null);
      case 'history':
        return this.history.setConversations(message.conversations, this.conversationId);
      case 'error':
        return this.banner.show(message.error);
      case 'focusInput':
        return this.composer.focus();
      case 'searchResults':
        return this.history.setSearchResults(message.query, message.ids);
      case 'attachments':
        return this.composer.setAttachments(message.attachments);
      case 'imageInput':
        return this.composer.setImageInput(message.imageInput);
      case 'imageNotice':
        return this.composer.images.say(message.text);
      case 'context':
        this.composer.setContext(message.context);
        return setNoticeContext(message.context);
      case 'suggestions':
        return this.composer.showSuggestions(message.requestId, message.items);
      case 'restoreDraft':
        return this.composer.restoreDraft(message.text);
      default:
        assertNever(message);
    }
  }

  private showSnapshot(state: ViewState, earlier: boolean): void {
    this.conversationId = state.conversation?.id ?? null;
    setImageBase(state.imageBase);
    this.drawSafely('the model', () => this.setModel(state.model));
    this.drawSafely('the conversation', () => this.messages.showConversation(state.conversation, state.stream, state.systemPrompt, earlier));
    this.replies.streamChanged(state.stream, false);
    this.drawSafely('the message box', () => {
      this.composer.setStreaming(state.stream !== null);
      this.composer.setAttachments(state.attachments);
      this.composer.setImageInput(state.imageInput);
    });
    this.drawSafely('the history', () => this.history.setConversations(state.conversations, this.conversationId));
    this.drawSafely('the error banner', () => this.banner.show(state.error));
  }

  private drawSafely(what: string, draw: () => void): void {
    try {
      draw();
    } catch (err) {
      reportRenderError(this.host, what, err);
    }
  }

  private setModel(model: string): void {
    this.model = model;
    this.header.setModel(model);
    this.messages.setModel(model);
    this.composer.setModel(model);
  }

  /** Opens or closes the history; closing by keyboard puts focus back on the toggle. */
  private setHistoryOpen(open: boolean, restoreFocus = false): void {
    this.history.setOpen(open);
    this.header.setHistoryOpen(open);
    if (!open && restoreFocus) this.header.historyButton.focus();
  }
}
