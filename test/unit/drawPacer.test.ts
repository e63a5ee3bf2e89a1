import * as assert from 'node:assert/strict';
import { DrawPacer, type PacerTimers } from '../../src/webview/drawPacer';
import { BURST_CHARS } from '../../src/shared/streamPace';

/** Timers a test moves by hand: animation frames run on `frame()`, timeouts when the clock passes them. */
class ManualTimers implements PacerTimers {
  time = 0;
  private frames: (() => void)[] = [];
  private timeouts: { at: number; callback: () => void }[] = [];

  now(): number {
    return this.time;
  }

  frame(callback: () => void): () => void {
    this.frames.push(callback);
    return () => (this.frames = this.frames.filter((f) => f !== callback));
  }

  after(ms: number, callback: () => void): () => void {
    const timeout = { at: this.time + ms, callback };
    this.timeouts.push(timeout);
    return () => (this.timeouts = this.timeouts.filter((t) => t !== timeout));
  }

  /** Moves the clock by `ms`, running the timeouts due, then one animation frame. */
  tick(ms: number): void {
    this.time += ms;
    const due = this.timeouts.filter((t) => t.at <= this.time);
    this.timeouts = this.timeouts.filter((t) => t.at > this.time);
    for (const t of due) t.callback();
    const frames = this.frames;
    this.frames = [];
    for (const f of frames) f();
  }
}

/** A pacer whose draws record the time and apply `chars()` characters. */
function pacerWith(timers: ManualTimers, chars: () => number): { pacer: DrawPacer; draws: number[] } {
  const draws: number[] = [];
  const pacer: DrawPacer = new DrawPacer(() => {
    draws.push(timers.time);
    pacer.drawn(chars());
  }, 100, timers);
  return { pacer, draws };
}

describe('DrawPacer', () => {
  it('draws streamed text on the next frame, once however often it was asked, and at most every other frame', () => {
    const timers = new ManualTimers();
    const { pacer, draws } = pacerWith(timers, () => 40);
    pacer.request();
    pacer.request();
    timers.tick(16);
    assert.deepEqual(draws, [16], 'text after a pause is drawn on the next frame');
    for (let frame = 2; frame <= 5; frame++) {
      pacer.request();
      timers.tick(16);
    }
    assert.deepEqual(draws, [16, 48, 80], 'text that comes every frame is drawn every other frame');
    timers.tick(100);
    pacer.request();
    timers.tick(16);
    assert.deepEqual(draws, [16, 48, 80, 196], 'a token after a pause is not held back');
  });

  it('a request made just after a draw waits for the frame a spacing later, not a frame more', () => {
    const timers = new ManualTimers();
    const { pacer, draws } = pacerWith(timers, () => 40);
    pacer.request();
    timers.tick(17); // drawn at 17
    timers.time += 1;
    pacer.request(); // at 18: due at 17 + 33 − 8 = 42, a timeout first
    timers.tick(16); // 34: the timeout is not due, no frame asked for yet
    timers.tick(17); // 51: the timeout ran (42), then its frame
    assert.deepEqual(draws, [17, 51]);
  });

  it('after a burst waits before the next draw, then goes back to the pace of streamed text', () => {
    const timers = new ManualTimers();
    let chars = BURST_CHARS;
    const { pacer, draws } = pacerWith(timers, () => chars);
    pacer.request();
    timers.tick(16); // the burst is drawn at 16
    pacer.request();
    for (let i = 0; i < 6; i++) timers.tick(16); // 32 … 112: within 100 ms of the burst's draw
    assert.deepEqual(draws, [16], 'no draw within 100 ms of a burst');
    assert.ok(pacer.burstLeftMs() > 0, 'a streaming reply is formatted after the burst');
    chars = 40;
    timers.tick(16); // 128: the pause is over, the frame after it draws
    assert.deepEqual(draws, [16, 128]);
    assert.equal(pacer.burstLeftMs(), 0, 'text at reading speed: formatted as it comes');
    pacer.request();
    timers.tick(16);
    timers.tick(16);
    assert.deepEqual(draws, [16, 128, 160], 'streamed text is drawn every other frame again');
  });

  it('counts a burst as over once its pause and half as long again have passed without another burst', () => {
    const timers = new ManualTimers();
    const { pacer } = pacerWith(timers, () => BURST_CHARS);
    pacer.request();
    timers.tick(16); // the burst is drawn at 16; with text still pouring in, the next comes 100 ms later
    assert.equal(pacer.burstLeftMs(), 150, 'over at 166 unless another burst is drawn');
    timers.tick(149);
    assert.equal(pacer.burstLeftMs(), 1, 'still a burst a millisecond before');
    timers.tick(1);
    assert.equal(pacer.burstLeftMs(), 0, 'no more text came: the reply is formatted now');
  });

  it('a draw that cannot wait (a message after the text) cancels the paced one and starts the pause anew', () => {
    const timers = new ManualTimers();
    const { pacer, draws } = pacerWith(timers, () => BURST_CHARS);
    pacer.request();
    timers.tick(16);
    pacer.request();
    timers.tick(50);
    pacer.drawn(BURST_CHARS); // drawn by the message at 66
    timers.tick(50); // 116: the paced draw was cancelled
    assert.deepEqual(draws, [16]);
    pacer.request();
    timers.tick(40); // 156: 90 ms after the draw at 66, still waiting
    assert.deepEqual(draws, [16]);
    timers.tick(16); // 172
    assert.deepEqual(draws, [16, 172]);
  });
});
