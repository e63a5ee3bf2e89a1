/**
 * Adding images to the next message: pasting (Ctrl+V of an image), dropping files on the chat, or the image button
 * (a file dialog in the host). The view checks what it can before reading a file (the model can see, the size, the
 * count); the host checks the bytes again (magic bytes, not the name). What is refused is said in a line next to the
 * message box, and with a model that cannot see, that line offers Pick Model. Images attached before the model
 * changed to one that cannot see stay attached, and Send waits until they are removed or the model can see.
 */
import type { ImageInputState } from '../shared/protocol';
import { cannotSeeText, MAX_IMAGE_BYTES, MAX_IMAGES_PER_MESSAGE, tooBigText, tooManyText } from '../shared/images';
import { button, h } from './dom';
import type { HostChannel } from './vscodeApi';
import { t } from '../shared/l10n';

/** Base64 of bytes, in slices (a spread of millions of arguments would overflow the stack). */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export class ImageInput {
  /** Opens the host's file dialog for images. */
  readonly button: HTMLButtonElement;
  /** Why an image was refused or will not be sent; hidden when there is nothing to say. */
  readonly notice: HTMLElement;
  private readonly noticeText: HTMLElement;
  private readonly pickModel: HTMLButtonElement;
  private readonly dismiss: HTMLButtonElement;
  private state: ImageInputState = { model: '', canSee: null };
  private attached = 0;
  /** A refusal said once (too big, not an image), until the next action replaces or dismisses it. */
  private message = '';

  /** `changed` runs when whether Send may go changes. */
  constructor(private readonly host: HostChannel, private readonly changed: () => void) {
    this.button = button({ label: t('Attach image…'), icon: 'image' });
    this.button.addEventListener('click', () => {
      if (this.refuseBlind()) return;
      this.host.post({ type: 'attachImage' });
    });
    this.noticeText = h('span', { className: 'image-notice-text' });
    this.pickModel = button({ label: t('Pick a model that can see images'), text: t('Pick Model'), className: 'image-notice-pick' });
    this.pickModel.addEventListener('click', () => this.host.post({ type: 'pickModel' }));
    this.dismiss = button({ label: t('Dismiss'), icon: 'close', className: 'image-notice-dismiss' });
    this.dismiss.addEventListener('click', () => this.say(''));
    this.notice = h('div', { className: 'image-notice', attrs: { role: 'status' }, hidden: true }, this.noticeText, this.pickModel, this.dismiss);
    this.update();
  }

  /** Accepts images pasted into `input`. */
  acceptPaste(input: HTMLElement): void {
    input.addEventListener('paste', (e) => {
      const files = [...(e.clipboardData?.files ?? [])];
      if (!files.length) return;
      // Text copied together with a picture (e.g. from a web page) is still pasted as text.
      if (!e.clipboardData?.types.includes('text/plain')) e.preventDefault();
      void this.add(files);
    });
  }

  /** Accepts files dropped anywhere in `area` (the whole chat view). */
  acceptDrops(area: HTMLElement): void {
    area.addEventListener('dragover', (e) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      area.classList.add('is-drop-target');
    });
    area.addEventListener('dragleave', (e) => {
      if (!area.contains(e.relatedTarget as Node | null)) area.classList.remove('is-drop-target');
    });
    area.addEventListener('drop', (e) => {
      area.classList.remove('is-drop-target');
      const files = [...(e.dataTransfer?.files ?? [])];
      if (!files.length) return;
      e.preventDefault();
      void this.add(files);
    });
  }

  /** Whether the model shown can see (from the host). */
  setState(state: ImageInputState | undefined): void {
    this.state = state ?? { model: '', canSee: null };
    this.update();
  }

  /** How many images are attached to the next message now. */
  setAttached(count: number): void {
    this.attached = count;
    this.update();
  }

  /** Something the host refused (e.g. not an image). */
  say(text: string): void {
    this.message = text;
    this.update();
  }

  /** True while images are attached that the model cannot see: Send waits. */
  get blocksSend(): boolean {
    return this.attached > 0 && this.state.canSee === false;
  }

  /** Reads the files and sends them to the host, after the checks the view can make without reading them. */
  private async add(files: File[]): Promise<void> {
    if (this.refuseBlind()) return;
    let room = MAX_IMAGES_PER_MESSAGE - this.attached;
    const refused: string[] = [];
    for (const file of files) {
      const name = file.name || 'pasted image';
      if (file.size > MAX_IMAGE_BYTES) {
        refused.push(tooBigText(name, file.size));
        continue;
      }
      if (room <= 0) {
        refused.push(tooManyText());
        break;
      }
      room--;
      try {
        this.host.post({ type: 'addImage', name, data: toBase64(new Uint8Array(await file.arrayBuffer())) });
      } catch {
        refused.push(`${name} could not be read. Save it as a file and attach it with the image button.`);
      }
    }
    this.say(refused.join(' '));
  }

  /** With a model that cannot see, says so (with Pick Model) instead of adding images. */
  private refuseBlind(): boolean {
    if (this.state.canSee !== false) return false;
    this.say(`${cannotSeeText(this.state.model)} Pick a model that can see (for example gemma3 or llava) to attach images.`);
    return true;
  }

  private update(): void {
    const blind = this.state.canSee === false;
    this.button.setAttribute('aria-disabled', String(blind));
    const reason = blind ? `${cannotSeeText(this.state.model)} Pick a model that can see to attach images.` : 'Attach image… (or paste or drop one)';
    this.button.title = reason;
    this.button.setAttribute('aria-label', blind ? t('Attach image (off: {0})', cannotSeeText(this.state.model)) : t('Attach image…'));
    const kept = this.blocksSend
      ? `${cannotSeeText(this.state.model)} The attached ${this.attached === 1 ? 'image is' : 'images are'} kept but cannot be sent: remove ${this.attached === 1 ? 'it' : 'them'}, or pick a model that can see.`
      : '';
    const text = this.message || kept;
    this.noticeText.textContent = text;
    this.notice.hidden = !text;
    this.pickModel.hidden = !blind;
    // The line about kept images stays until they are removed or the model changes; a one-time refusal can be closed.
    this.dismiss.hidden = !this.message;
    this.changed();
  }
}
