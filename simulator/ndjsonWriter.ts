/** NDJSON streaming as Ollama does it: one write per line, and no headers before the first line exists. */
import { pause, write, type Exchange } from './exchange';
import { goJson } from './wire';

/** Gap between the two halves of a split UTF-8 line, so they leave as separate TCP segments. */
const SPLIT_UTF8_GAP_MS = 10;

/** Writes NDJSON lines one write each, sending the 200 headers with the first line (never before). */
export class NdjsonWriter {
  started = false;

  /** With `splitUtf8`, a line holding a multi-byte character goes out in two writes that split that character. */
  constructor(
    private readonly ex: Exchange,
    private readonly splitUtf8: boolean,
  ) {}

  /** Writes `value` as one Go-escaped JSON line. */
  line(value: unknown): Promise<void> {
    return this.raw(`${goJson(value)}\n`);
  }

  /** Writes `text` as it is (for lines that are not valid JSON). */
  async raw(text: string): Promise<void> {
    this.start();
    const bytes = Buffer.from(text, 'utf8');
    const cut = this.splitUtf8 ? bytes.findIndex((b) => b >= 0xc0) + 1 : 0;
    if (cut > 0) {
      await write(this.ex, bytes.subarray(0, cut));
      await pause(this.ex, SPLIT_UTF8_GAP_MS);
      await write(this.ex, bytes.subarray(cut));
    } else {
      await write(this.ex, bytes);
    }
  }

  /** Ends the response (sending the headers first if no line was written). */
  end(): void {
    this.start();
    this.ex.res.end();
  }

  private start(): void {
    if (!this.started) {
      this.started = true;
      this.ex.res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
    }
  }
}
