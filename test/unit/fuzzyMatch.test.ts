import * as assert from 'node:assert/strict';
import { fuzzyCandidate, fuzzyFilter, fuzzyScore } from '../../src/core/mentions/fuzzyMatch';

const paths = (list: string[]) => list.map((p) => fuzzyCandidate(p, p));

describe('fuzzy matching of mentions', () => {
  it('matches letters in order, case-insensitively, and nothing else', () => {
    assert.notEqual(fuzzyScore('cvr', fuzzyCandidate('x', 'src/core/view/viewRelay.ts')), undefined);
    assert.equal(fuzzyScore('zz', fuzzyCandidate('x', 'src/core/view/viewRelay.ts')), undefined);
    assert.equal(fuzzyScore('rv', fuzzyCandidate('x', 'ab/v')), undefined, 'order matters');
    assert.deepEqual(fuzzyFilter('VIEWRELAY', paths(['a/b.ts', 'src/core/view/viewRelay.ts']), 10), ['src/core/view/viewRelay.ts']);
  });

  it('ranks a match in the file name above one spread over folders, and a name start above the middle', () => {
    const ranked = fuzzyFilter('chat', paths(['src/chat/old/x.ts', 'lib/groupchat.ts', 'src/chat.ts', 'docs/c/h/a/t.md']), 10);
    assert.deepEqual(ranked, ['src/chat.ts', 'lib/groupchat.ts', 'src/chat/old/x.ts', 'docs/c/h/a/t.md']);
  });

  it('ranks word starts and runs of letters above scattered letters', () => {
    const ranked = fuzzyFilter('vr', paths(['src/avatar.ts', 'src/view/r.ts', 'src/viewRelay.ts']), 10);
    assert.equal(ranked[ranked.length - 1], 'src/avatar.ts');
  });

  it('ignores spaces, keeps the given order for an empty query, and returns at most `limit`', () => {
    const list = paths(['a.ts', 'b.ts', 'c.ts']);
    assert.deepEqual(fuzzyFilter('', list, 2), ['a.ts', 'b.ts']);
    assert.deepEqual(fuzzyFilter(' b . ts', list, 5), ['b.ts']);
  });

  it('filters 10,000 paths', () => {
    const many = paths(Array.from({ length: 10_000 }, (_, i) => `packages/p${i % 97}/src/module${i}/file${i}.ts`));
    const found = fuzzyFilter('file9999', many, 20);
    assert.equal(found[0], 'packages/p8/src/module9999/file9999.ts');
  });
});
