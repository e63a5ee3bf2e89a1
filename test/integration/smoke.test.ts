// Smoke test for the integration launcher: these run inside the real extension host with the extension under
// development loaded from the repository.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
  publisher: string;
  name: string;
};
const extensionId = `${manifest.publisher}.${manifest.name}`;

describe('smoke: extension host', () => {
  it('runs inside VS Code', () => {
    assert.match(vscode.version, /^\d+\.\d+\.\d+/);
  });

  it(`loads the development extension ${extensionId}`, () => {
    assert.ok(vscode.extensions.getExtension(extensionId), `${extensionId} is not among the installed extensions`);
  });

  it('activates the extension', async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });
});
