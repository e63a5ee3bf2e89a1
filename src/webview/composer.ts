/**
 * The input box: Enter sends, Shift+Enter adds a line, Escape stops a streaming reply. Send is disabled while a
 * reply streams or the text is blank; Stop shows only while one streams. The draft survives the view being hidden.
 * Above the text, the files attached to the message; below it, buttons to attach more.
 */
import type { AttachmentInfo, Suggestion } from '../shared/protocol';
import { AttachmentChips } from './attachmentChips';
import { autoGrow, button, h } from './dom';
import { SuggestMenu } from './suggestMenu';
import type { HostChannel } from './vscodeApi';

export class Composer {
  readonly element: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly send: HTMLButtonElement;
  private readonly stop: HTMLButtonElement;
  private readonly chips: AttachmentChips;
  /** `@`, `#` and a leading `/` open it. */
  private readonly suggest: SuggestMenu;
  private streaming = false;

  constructor(private readonly host: HostChannel) {
    this.input = h('textarea', { className: 'composer-input', attrs: { 'aria-label': 'Message', rows: '1' } });
    this.send = button({ label: 'Send', icon: 'send', className: 'button-primary', title: 'Send (Enter)' });
    this.stop = button({ label: 'Stop', icon: 'stop', className: 'button-stop', title: 'Stop generating (Escape)' });
    const attachPick = button({ label: 'Attach file…', icon: 'attach' });
    const attachCurrent = button({ label: 'Attach current file', icon: 'file' });
    const hint = h('span', { className: 'composer-hint', text: 'Enter to send · Shift+Enter for a new line' });
    this.chips = new AttachmentChips(host);
    this.suggest = new SuggestMenu(this.input, host);
    this.element = h(
      'div',
      { className: 'composer' },
      this.suggest.element,
      this.chips.element,
      this.input,
      h(
        'div',
        { className: 'composer-toolbar' },
        h('div', { className: 'composer-tools' }, attachPick, attachCurrent, hint),
        h('div', { className: 'composer-buttons' }, this.stop, this.send),
      ),
    );

    this.input.value = host.saved.draft;
    this.input.addEventListener('input', () => this.onInput());
    this.input.addEventListener('keydown', (e) => this.onKeyDown(e));
    this.send.addEventListener('click', () => this.submit());
    this.stop.addEventListener('click', () => this.host.post({ type: 'stop' }));
    attachPick.addEventListener('click', () => this.host.post({ type: 'attachFile', source: 'pick' }));
    attachCurrent.addEventListener('click', () => this.host.post({ type: 'attachFile', source: 'current' }));
    this.setModel('');
    this.setStreaming(false);
    // Sizes are known only once the element is in the document.
    requestAnimationFrame(() => autoGrow(this.input));
  }

  /** While a reply streams: Send off, Stop on. */
  setStreaming(streaming: boolean): void {
    const focused = document.activeElement;
    this.streaming = streaming;
    this.stop.hidden = !streaming;
    this.stop.disabled = !streaming;
    this.updateSend();
    // A button that just went away or off must not take the keyboard focus with it.
    if ((focused === this.stop || focused === this.send) && (focused as HTMLButtonElement).disabled) this.input.focus();
  }

  /** The files that will go with the next message. */
  setAttachments(attachments: AttachmentInfo[]): void {
    this.chips.show(attachments);
  }

  setModel(model: string): void {
    this.input.placeholder = `Ask ${model || 'the model'}…`;
  }

  focus(): void {
    this.input.focus();
  }

  /** The host's answer to what was typed after `@`, `#` or `/`. */
  showSuggestions(requestId: number, items: Suggestion[]): void {
    this.suggest.show(requestId, items);
  }

  /** A message the host could not send comes back, unless something new was typed meanwhile. */
  restoreDraft(text: string): void {
    if (this.input.value.trim()) return;
    this.input.value = text;
    this.onInput();
    this.input.focus();
  }

  private onInput(): void {
    autoGrow(this.input);
    this.updateSend();
    this.host.save({ draft: this.input.value });
    this.suggest.update();
  }

  private onKeyDown(e: KeyboardEvent): void {
    if (this.suggest.handleKey(e)) return;
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      this.submit();
    } else if (e.key === 'Escape' && this.streaming) {
      e.preventDefault();
      this.host.post({ type: 'stop' });
    }
  }

  private submit(): void {
    const text = this.input.value;
    if (this.streaming || text.trim() === '') return;
    this.host.post({ type: 'send', text });
    this.input.value = '';
    this.onInput();
  }

  private updateSend(): void {
    this.send.disabled = this.streaming || this.input.value.trim() === '';
  }
}
