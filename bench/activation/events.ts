/**
 * Which events load the extension, from its manifest: the declared `activationEvents` plus those VS Code derives
 * from contributions (since 1.74 a contributed view, command, chat participant… activates its extension when used).
 */

/** The parts of package.json read here. */
export interface Manifest {
  publisher: string;
  name: string;
  displayName?: string;
  activationEvents?: string[];
  contributes?: {
    views?: Record<string, { id: string }[]>;
    commands?: { command: string }[];
    chatParticipants?: { id: string }[];
    languageModelChatProviders?: { vendor: string }[];
    customEditors?: { viewType: string }[];
  };
}

/** Events that load an extension while VS Code starts, whether or not its UI is used. */
const EAGER = [/^\*$/, /^onStartupFinished$/, /^workspaceContains:/];

/** Declared and derived activation events, and those among them that run at start-up. */
export function activationEvents(manifest: Manifest): { declared: string[]; implied: string[]; eager: string[] } {
  const c = manifest.contributes ?? {};
  const implied = [
    ...Object.values(c.views ?? {}).flat().map((v) => `onView:${v.id}`),
    ...(c.commands ?? []).map((cmd) => `onCommand:${cmd.command}`),
    ...(c.chatParticipants ?? []).map((p) => `onChatParticipant:${p.id}`),
    ...(c.languageModelChatProviders ?? []).map((p) => `onLanguageModelChatProvider:${p.vendor}`),
    ...(c.customEditors ?? []).map((e) => `onCustomEditor:${e.viewType}`),
  ];
  const declared = manifest.activationEvents ?? [];
  const eager = [...declared, ...implied].filter((event) => EAGER.some((re) => re.test(event)));
  return { declared, implied, eager };
}
