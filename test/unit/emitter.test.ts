import * as assert from 'node:assert/strict';
import { Emitter } from '../../src/shared/emitter';

describe('Emitter', () => {
  it('tells each listener once, in order; a listener added or removed while it fires counts from the next event', () => {
    const emitter = new Emitter<number>();
    const heard: string[] = [];
    const late = (n: number): void => void heard.push(`late ${n}`);
    const first = (n: number): void => {
      heard.push(`first ${n}`);
      if (n === 1) {
        emitter.event(late);
        second.dispose();
      }
    };
    emitter.event(first);
    emitter.event(first); // the same listener twice is one subscription
    const second = emitter.event((n) => void heard.push(`second ${n}`));
    emitter.fire(1);
    emitter.fire(2);
    assert.deepEqual(heard, ['first 1', 'second 1', 'first 2', 'late 2']);
  });

  it('stops telling a listener once its subscription is disposed, and everyone once the emitter is', () => {
    const emitter = new Emitter<string>();
    const heard: string[] = [];
    const a = emitter.event((e) => void heard.push(`a ${e}`));
    emitter.event((e) => void heard.push(`b ${e}`));
    a.dispose();
    a.dispose();
    emitter.fire('x');
    emitter.dispose();
    emitter.fire('y');
    assert.deepEqual(heard, ['b x']);
  });
});
