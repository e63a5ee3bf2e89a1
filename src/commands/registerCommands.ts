/**
 * Registers every command at activation, without loading what they do: the command table (and with it each
 * command's module: pickers, pull, export, diagnostics…) is loaded when the first command runs. Activation then
 * evaluates only what the chat view needs (see the Start-up benchmark).
 */
import vscode = require('vscode');
import { Command, type CommandId } from '../vscode/commandIds';
import type * as CommandTable from './commandTable';
import type { Services } from './services';

/** Registers every command id; dispose the result to unregister them. */
export function registerCommands(s: Services): vscode.Disposable[] {
  let table: Promise<typeof CommandTable> | undefined;
  return Object.values(Command).map((id: CommandId) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      table ??= import('./commandTable');
      return (await table).COMMANDS[id](s, args);
    }));
}
