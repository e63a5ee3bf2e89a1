/**
 * The id of every command the extension contributes (package.json `contributes.commands`), written once. The
 * command table registers each; views, the status bar and other commands run them by these names.
 */
export const Command = {
  askAboutSelection: 'ollamaChat.askAboutSelection',
  pickModel: 'ollamaChat.pickModel',
  newConversation: 'ollamaChat.newConversation',
  openConversation: 'ollamaChat.openConversation',
  renameConversation: 'ollamaChat.renameConversation',
  deleteConversation: 'ollamaChat.deleteConversation',
  stop: 'ollamaChat.stop',
  focusInput: 'ollamaChat.focusInput',
  pullModel: 'ollamaChat.pullModel',
  deleteModel: 'ollamaChat.deleteModel',
  setAuthHeader: 'ollamaChat.setAuthHeader',
  testConnection: 'ollamaChat.testConnection',
  diagnose: 'ollamaChat.diagnose',
  exportConversation: 'ollamaChat.exportConversation',
  importConversation: 'ollamaChat.importConversation',
  conversationSettings: 'ollamaChat.conversationSettings',
  reloadConversations: 'ollamaChat.reloadConversations',
  attachCurrentFile: 'ollamaChat.attachCurrentFile',
  attachFile: 'ollamaChat.attachFile',
  attachImage: 'ollamaChat.attachImage',
  openChatInEditor: 'ollamaChat.openChatInEditor',
  applyCode: 'ollamaChat.applyCode',
  acceptApply: 'ollamaChat.acceptApply',
  rejectApply: 'ollamaChat.rejectApply',
  regenerateWith: 'ollamaChat.regenerateWith',
} as const;

export type CommandId = (typeof Command)[keyof typeof Command];
