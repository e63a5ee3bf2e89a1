/**
 * package.json and the code agree: every contributed command has an id in the command table's list and the other
 * way round, and every menu and keybinding names a contributed command.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from '../../src/vscode/commandIds';
import { repoRoot } from '../harness/install';

interface Manifest {
  contributes: {
    commands: { command: string }[];
    menus: Record<string, { command: string }[]>;
    keybindings: { command: string }[];
  };
}

describe('package.json and the command ids', () => {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Manifest;
  const contributed = manifest.contributes.commands.map((c) => c.command).sort();

  it('contributes exactly the commands the extension registers', () => {
    assert.deepEqual(contributed, Object.values(Command).sort());
  });

  it('names only contributed commands in menus and keybindings', () => {
    const used = [...Object.values(manifest.contributes.menus).flat(), ...manifest.contributes.keybindings].map((m) => m.command);
    assert.deepEqual(used.filter((id) => !contributed.includes(id)), []);
  });
});
