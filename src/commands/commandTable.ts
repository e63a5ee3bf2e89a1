/**
 * Every command of the extension in one table: its id, how its arguments are read (they come from the palette,
 * menus, keybindings and other extensions, so each is checked), and what it does. A contributed command that is
 * missing here does not compile (see `CommandId`). `registerCommands.ts` registers them and loads this table (and
 * with it every command's code) when the first command runs, not at activation.
 */
import type { CommandId } from '../vscode/commandIds';
import { Command } from '../vscode/commandIds';
import { objectArg, oneOf, stringArg, uriArg } from './args';
import { askAboutSelection } from './askAboutSelection';
import { attachFile } from './attachFile';
import { attachImage } from './attachImage';
import { editConversationSettings, parseSettingsChanges } from './conversationSettings';
import { deleteConversation } from './deleteConversation';
import { deleteModel } from './deleteModel';
import { diagnose } from './diagnose';
import { exportConversation } from './exportConversation';
import { importConversation } from './importConversation';
import { newConversation } from './newConversation';
import { openConversation } from './openConversation';
import { pickModel } from './pickModel';
import { pickModelOnHosts } from './pickModelOnHosts';
import { pullModel } from './pullModel';
import { regenerateWith } from './regenerateWith';
import { renameConversation } from './renameConversation';
import type { Services } from './services';
import { setAuthHeader } from './setAuthHeader';
import { testConnection } from './testConnection';

/** What a command does with the services and its (unchecked) arguments. */
export type Handler = (s: Services, args: unknown[]) => unknown;

/** The table: one handler per command id, checked by the compiler for completeness. */
export const COMMANDS = {
  [Command.askAboutSelection]: (s, [args]) => askAboutSelection(s, { question: stringArg(objectArg(args)?.question) }),
  [Command.pickModel]: (s) => (s.hosts.list().length > 1 ? pickModelOnHosts(s) : pickModel(s)),
  [Command.pullModel]: (s, [name]) => pullModel(s, stringArg(name)),
  [Command.deleteModel]: (s, [name]) => deleteModel(s, stringArg(name)),
  [Command.newConversation]: (s) => newConversation(s),
  [Command.openConversation]: (s, [id]) => openConversation(s, stringArg(id)),
  [Command.renameConversation]: (s, [id, title]) => renameConversation(s, stringArg(id), stringArg(title)),
  [Command.deleteConversation]: (s, [id]) => deleteConversation(s, stringArg(id)),
  [Command.stop]: (s, [id]) => s.chat.stop(stringArg(id) ?? s.chat.activeConversationId()),
  [Command.focusInput]: async (s) => {
    await s.view.reveal();
    s.view.focusInput();
  },
  [Command.setAuthHeader]: (s, [text, host]) => setAuthHeader(s, stringArg(text), stringArg(host)),
  [Command.testConnection]: (s, [host]) => testConnection(s, stringArg(host)),
  [Command.diagnose]: (s) => diagnose(s),
  [Command.exportConversation]: (s, [id, format]) => exportConversation(s, stringArg(id), oneOf(format, ['markdown', 'json'] as const)),
  [Command.importConversation]: (s, [uri]) => importConversation(s, uriArg(uri)),
  [Command.conversationSettings]: (s, [id, changes]) => editConversationSettings(s, stringArg(id), parseSettingsChanges(changes)),
  [Command.reloadConversations]: (s) => s.chat.reloadFromStorage(),
  [Command.attachCurrentFile]: (s) => attachFile(s, 'current'),
  [Command.attachFile]: (s, [uri]) => attachFile(s, 'pick', uriArg(uri)),
  [Command.attachImage]: (s, [uri]) => {
    const one = uriArg(uri);
    return attachImage(s, one ? [one] : undefined);
  },
  [Command.openChatInEditor]: (s) => s.panel.open(),
  [Command.applyCode]: (s, [code, messageId]) => {
    const text = stringArg(code);
    const id = stringArg(messageId);
    return text !== undefined && id !== undefined ? s.apply.show(text, id) : undefined;
  },
  [Command.acceptApply]: (s) => s.apply.accept(),
  [Command.rejectApply]: (s) => s.apply.reject(),
  [Command.regenerateWith]: (s, [id, model]) => regenerateWith(s, stringArg(id), stringArg(model)),
} satisfies Record<CommandId, Handler>;
