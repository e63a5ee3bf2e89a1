/**
 * The input box: Enter sends, Shift+Enter adds a line, Escape stops a streaming reply. Send is disabled while a
 * reply streams or the text is blank; Stop shows only while one streams. The draft survives the view being hidden.
 * Above the text, the files attached to the message; below it, buttons to attach more.
 */
import type { ContextInfo } from '../shared/contextInfo';
import type { AttachmentInfo, ImageInputState, Suggestion } from '../shared/protocol';
import { AttachmentChips } from './attachmentChips';
import { ContextMeter } from './contextMeter';
import { ThinkingToggle } from './thinkingToggle';
import { autoGrow, button, h } from './dom';
import { ImageInput } from './imageInput';
import { SuggestMenu } from './suggestMenu';
import type { HostChannel } from './vscodeApi';
import { t } from '../shared/l10n';

export class Composer {
  readonly element: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly send: HTMLButtonElement;
  private readonly stop: HTMLButtonElement;
  private readonly chips: AttachmentChips;
  /** Pasted, dropped and chosen images; says why they are off for a model that cannot see. */
  readonly images: ImageInput;
  private readonly meter = new ContextMeter();
  private readonly thinking: ThinkingToggle;
  /** `@`, `#` and a leading `/` open it. */
  private readonly suggest: SuggestMenu;
  private streaming = false;

  constructor(private readonly host: HostChannel) {
    this.input = h('textarea', { className: 'composer-input', attrs: { 'aria-label': t('Message'), rows: '1' } });
    this.send = button({ label: t('Send'), icon: 'send', className: 'button-primary', title: t('Send (Enter)') });
    this.stop = button({ label: t('Stop'), icon: 'stop', className: 'button-stop', title: t('Stop generating (Escape)') });
    const attachPick = button({ label: t('Attach file…'), icon: 'attach' });
    const attachCurrent = button({ label: t('Attach current file'), icon: 'file' });
    const hint = h('span', { className: 'composer-hint', text: t('Enter to send · Shift+Enter for a new line') });
    this.chips = new AttachmentChips(host);
    this.images = new ImageInput(host, () => this.updateSend());
    this.thinking = new ThinkingToggle(host);
    this.suggest = new SuggestMenu(this.input, host);
    this.element = h(
      'div',
      { className: 'composer' },
      this.suggest.element,
      this.chips.element,
      this.images.notice,
      this.input,
      this.meter.warning,
      h(
        'div',
        { className: 'composer-toolbar' },
        h('div', { className: 'composer-tools' }, attachPick, attachCurrent, this.images.button, hint),
        h('div', { className: 'composer-buttons' }, this.meter.element, this.thinking.element, this.stop, this.send),
      ),
    );

    this.images.acceptPaste(this.input);
    this.input.value = host.saved.draft;
    this.meter.setTyped(this.input.value.length);
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
    this.images.setAttached(attachments.filter((a) => a.kind === 'image').length);
  }

  /** Whether the model can see, so images can be attached. */
  setImageInput(state: ImageInputState | undefined): void {
    this.images.setState(state);
  }

  /** The context meter's base and the thinking switch for the conversation on screen. */
  setContext(info: ContextInfo): void {
    this.meter.setInfo(info);
    this.thinking.set(info.thinking);
  }

  setModel(model: string): void {
    this.input.placeholder = model ? t('Ask {0}…', model) : t('Ask the model…');
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
    this.meter.setTyped(this.input.value.length);
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
    if (this.streaming || text.trim() === '' || this.images.blocksSend) return;
    this.host.post({ type: 'send', text });
    this.input.value = '';
    this.onInput();
  }

  private updateSend(): void {
    // Called by the image input while it is being built, before the buttons exist.
    if (!this.send) return;
    this.send.disabled = this.streaming || this.input.value.trim() === '' || this.images.blocksSend;
  }
}
