/**
 * Registers every command at activation, without loading what they do: the command table (and with it each
 * command's module: pickers, pull, export, diagnostics…) is in `onFirstUse`, a bundle of its own that is loaded when
 * the first command runs. Activation then reads only what the chat view needs (see the Start-up benchmark).
 */
import vscode = require('vscode');
import { Command, type CommandId } from '../vscode/commandIds';
import type * as OnFirstUse from './onFirstUse';
import type { Services } from './services';

/** Registers every command id; dispose the result to unregister them. */
export function registerCommands(s: Services): vscode.Disposable[] {
  let table: Promise<typeof OnFirstUse> | undefined;
  return Object.values(Command).map((id: CommandId) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      table ??= import('./onFirstUse');
      return (await table).COMMANDS[id](s, args);
    }));
}
