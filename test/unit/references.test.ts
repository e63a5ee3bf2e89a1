import * as assert from 'node:assert/strict';
import { createAttachment, MAX_ATTACHMENT_CHARS, withAttachments } from '../../src/core/prompts/attachments';
import type { Reference, ReferenceContent } from '../../src/core/prompts/references';
import { missingNotice, resolveReferences } from '../../src/core/prompts/references';

function reference(name: string, read: () => Promise<ReferenceContent>, kind: Reference['kind'] = 'file'): Reference {
  return { id: name, name, kind, languageId: '', chars: 0, truncated: false, readOnSend: true, read };
}

describe('mentions read when the message is sent', () => {
  it('reads each mention then, not before, and keeps the chips\' order beside attached files', async () => {
    let reads = 0;
    const mention = reference('src/a.ts', async () => {
      reads++;
      return { text: 'const a = 1;\n', languageId: 'typescript' };
    });
    const attached = createAttachment('b.md', 'markdown', '# B');
    assert.equal(reads, 0);
    const { attachments, references } = await resolveReferences([mention, attached]);
    assert.equal(reads, 1);
    assert.deepEqual(attachments.map((a) => [a.name, a.languageId, a.text, a.kind]), [['src/a.ts', 'typescript', 'const a = 1;\n', 'file'], ['b.md', 'markdown', '# B', undefined]]);
    assert.deepEqual(references, [{ name: 'src/a.ts', kind: 'file' }, { name: 'b.md', kind: 'file' }]);
  });

  it('cuts a long one like an attached file and lists it as cut', async () => {
    const long = 'x\n'.repeat(MAX_ATTACHMENT_CHARS);
    const { attachments, references } = await resolveReferences([reference('big.txt', async () => ({ text: long, languageId: 'plaintext' }))]);
    assert.equal(attachments[0]!.truncated, true);
    assert.ok(attachments[0]!.text.length <= MAX_ATTACHMENT_CHARS);
    assert.deepEqual(references, [{ name: 'big.txt', kind: 'file', truncated: true }]);
  });

  it('leaves out a deleted, binary or failing one with the reason, and sends the rest', async () => {
    const { attachments, references } = await resolveReferences([
      reference('gone.ts', async () => ({ unavailable: 'the file no longer exists' })),
      reference('logo.png', async () => ({ unavailable: 'it is a binary file, not text' })),
      reference('broken', async () => {
        throw new Error('EACCES');
      }, 'folder'),
      reference('ok.ts', async () => ({ text: 'ok', languageId: 'typescript' })),
    ]);
    assert.deepEqual(attachments.map((a) => a.name), ['ok.ts']);
    assert.deepEqual(references, [
      { name: 'gone.ts', kind: 'file', missing: 'the file no longer exists' },
      { name: 'logo.png', kind: 'file', missing: 'it is a binary file, not text' },
      { name: 'broken', kind: 'folder', missing: 'it could not be read (EACCES)' },
      { name: 'ok.ts', kind: 'file' },
    ]);
    assert.equal(missingNotice(references), 'Sent without gone.ts (the file no longer exists), logo.png (it is a binary file, not text), broken (it could not be read (EACCES)).');
    assert.equal(missingNotice([{ name: 'ok.ts', kind: 'file' }]), undefined);
  });
});

describe('how a mention is named in the message', () => {
  it('says "file" for a file only; a selection or problems are named by what they are', async () => {
    const { attachments } = await resolveReferences([
      reference('src/a.ts', async () => ({ text: 'a', languageId: 'typescript' })),
      reference('Selection src/a.ts:3', async () => ({ text: 'b', languageId: 'typescript' }), 'selection'),
    ]);
    assert.equal(withAttachments('Q', attachments), 'Q\n\nAttached file `src/a.ts`:\n\n```typescript\na\n```\n\nAttached `Selection src/a.ts:3`:\n\n```typescript\nb\n```');
  });
});
