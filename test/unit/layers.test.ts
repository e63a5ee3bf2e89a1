/**
 * The layer rule of `npm run lint` (eslint/layers.mjs) catches wrong-way imports: each case is a file that imports
 * what its folder may not, linted with the project's own ESLint configuration.
 */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { repoRoot } from '../harness/install';

/** The layer-rule messages ESLint reports for `code` as if it were the file `path`. */
async function layerProblems(eslint: ESLint, path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(repoRoot, path) });
  return result.messages.filter((m) => m.ruleId === 'local/layers').map((m) => m.message);
}

describe('the layer rule', function () {
  this.timeout(60_000);
  const eslint = new ESLint({ cwd: repoRoot });

  const wrongWay: [string, string, RegExp][] = [
    ['src/core/chat/x.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n", /core may not import `vscode` at runtime/],
    ['src/core/chat/x.ts', "import { openLinkSafely } from '../../vscode/links';\nexport const x = openLinkSafely;\n", /core may not import from vscode/],
    ['src/core/chat/x.ts', "import { Command } from '../../commands/commandTable';\nexport const x = Command;\n", /core may not import from commands/],
    ['src/shared/x.ts', "import { newId } from '../core/chat/ids';\nexport const x = newId;\n", /shared may not import from core/],
    ['src/webview/x.ts', "import { newId } from '../core/chat/ids';\nexport const x = newId;\n", /webview may not import from core/],
    ['src/webview/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", /may not import the Node module `node:fs`/],
    ['src/webview/x.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n", /webview may not import `vscode` at all/],
    ['src/vscode/x.ts', "import { COMMANDS } from '../commands/commandTable';\nexport const x = COMMANDS;\n", /vscode may not import from commands/],
    ['src/core/chat/x.ts', "import { MemoryStore } from '../../../test/fixtures/memoryStore';\nexport const x = MemoryStore;\n", /never imports tests, benchmarks or the simulator/],
  ];
  for (const [path, code, expected] of wrongWay) {
    it(`refuses in ${path}: ${code.split('\n')[0]}`, async () => {
      const problems = await layerProblems(eslint, path, code);
      assert.ok(problems.some((p) => expected.test(p)), `got: ${JSON.stringify(problems)}`);
    });
  }

  it('allows the arrows that run one way, and type-only imports of vscode in the core', async () => {
    const allowed: [string, string][] = [
      ['src/core/chat/x.ts', "import type * as vscode from 'vscode';\nimport type { Role } from '../../shared/types';\nexport type X = [vscode.Uri, Role];\n"],
      ['src/vscode/x.ts', "import vscode = require('vscode');\nimport { newId } from '../core/chat/ids';\nexport const x = [vscode, newId];\n"],
      ['src/commands/x.ts', "import { Command } from '../vscode/commandIds';\nimport { newId } from '../core/chat/ids';\nexport const x = [Command, newId];\n"],
      ['src/webview/x.ts', "import type { Role } from '../shared/types';\nimport { marked } from 'marked';\nexport const x: [Role, unknown] = ['user', marked];\n"],
    ];
    for (const [path, code] of allowed) assert.deepEqual(await layerProblems(eslint, path, code), [], path);
  });

  it('refuses a namespace import of vscode in the extension (the bundle would copy the API per file at activation)', async () => {
    const problems = async (code: string) => (await eslint.lintText(code, { filePath: join(repoRoot, 'src/vscode/x.ts') }))[0].messages
      .filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
    assert.match((await problems("import * as vscode from 'vscode';\nexport const x = vscode.window;\n")).join('\n'), /import vscode = require\('vscode'\)/);
    assert.deepEqual(await problems("import vscode = require('vscode');\nexport const x = vscode.window;\n"), []);
    assert.deepEqual(await problems("import type * as vscode from 'vscode';\nexport type X = vscode.Uri;\n"), []);
  });
});
