/**
 * The one place where an error's ways forward (the buttons under it, in the chat view or in a notification) are
 * carried out. What "Retry" tries again depends on what failed, so the caller says.
 */
import vscode = require('vscode');
import type { ErrorActionId } from '../shared/types';
import { assertNever } from '../shared/protocol';
import { Command } from '../vscode/commandIds';
import type { Services } from './services';

/** What an action needs to know about the failure it answers. */
export interface ErrorActionContext {
  /** The model the failure was about (Pull offers it). */
  model: string;
  /** Tries again what failed; absent when there is nothing to try again. */
  retry?: () => Promise<unknown>;
  /** For `useHost`: the host to switch to, and the conversation whose reply failed. */
  host?: string;
  conversationId?: string;
}

/** Carries out `action`. */
export async function runErrorAction(s: Services, action: ErrorActionId, context: ErrorActionContext): Promise<void> {
  switch (action) {
    case 'retry':
      await context.retry?.();
      return;
    case 'pullModel':
      await vscode.commands.executeCommand(Command.pullModel, context.model);
      return;
    case 'pickModel':
      await vscode.commands.executeCommand(Command.pickModel);
      return;
    case 'openSettings':
      await vscode.commands.executeCommand('workbench.action.openSettings', 'ollamaChat');
      return;
    case 'showLog':
      s.log.show();
      return;
    case 'useHost':
      if (context.host === undefined || context.conversationId === undefined) return;
      await s.chat.setHost(context.conversationId, context.host);
      await context.retry?.();
      return;
    default:
      assertNever(action);
  }
}
