/**
 * Reads conversations from untrusted data: `workspaceState` written by any version of the extension, or an imported
 * file. Every field of every record is checked by type; a wrong field is dropped or repaired (a message without a
 * role or text is dropped whole) and reported, so only the declared types reach the chat service and the view.
 * Unknown fields are left out. No `vscode` import.
 */
import type {
  AttachmentKind, ChatMessage, Conversation, ConversationSettings, GenerationStats, MessageReference, MessageStatus, ReplyVersion, Role,
} from '../../shared/types';
import { ATTACHMENT_KINDS, MESSAGE_STATUSES, ROLES } from '../../shared/types';
import type { ImageRef } from '../../shared/images';
import { MAX_IMAGES_PER_MESSAGE } from '../../shared/images';
import { validImageRef } from './imageRefSchema';
import { t } from '../../shared/l10n';
import { MAX_HOST_NAME_LENGTH } from '../settings/hosts';

const STAT_COUNTS = ['evalCount', 'promptEvalCount', 'totalDurationMs', 'loadDurationMs', 'evalDurationMs', 'tokensPerSecond'] as const;
const TITLE_LENGTH = 60;
const MAX_TITLE_LENGTH = 200;
/** Problems named one by one in the log line; the rest are counted. */
const PROBLEMS_LISTED = 8;

/** Longest id accepted for a conversation or a message. */
export const MAX_ID_LENGTH = 200;

/** Title from the first line of a user's first message. */
export function titleFrom(text: string): string {
  const line = text.split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('```')) ?? '';
  const clean = line.replace(/\s+/g, ' ');
  if (!clean) return t('New conversation');
  return clean.length > TITLE_LENGTH ? `${clean.slice(0, TITLE_LENGTH - 1)}…` : clean;
}

type Fields = Record<string, unknown>;

const isRecord = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string';
/** A count, a duration or a time: a finite number, not negative. */
const isAmount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_ID_LENGTH;

/** Collects what was wrong in one conversation, each named by its path (`messages[3].stats`). */
class Problems {
  readonly list: string[] = [];

  /** `raw[key]` when it passes `check`; reports it (at `path.key`) when it is present but does not. */
  field<T>(raw: Fields, key: string, check: (v: unknown) => v is T, path: string): T | undefined {
    const value = raw[key];
    if (value === undefined) return undefined;
    if (check(value)) return value;
    this.add(`${path}${key}`);
    return undefined;
  }

  add(path: string): void {
    this.list.push(path);
  }
}

/** Stats are kept only whole: a reply's figures with one of them wrong would show a wrong line under it. */
function validStats(raw: unknown, path: string, problems: Problems): GenerationStats | undefined {
  if (raw === undefined) return undefined;
  if (!isRecord(raw) || !STAT_COUNTS.every((key) => isAmount(raw[key]))) {
    problems.add(`${path}stats`);
    return undefined;
  }
  const stats: GenerationStats = {
    evalCount: raw.evalCount as number, promptEvalCount: raw.promptEvalCount as number,
    totalDurationMs: raw.totalDurationMs as number, loadDurationMs: raw.loadDurationMs as number,
    evalDurationMs: raw.evalDurationMs as number, tokensPerSecond: raw.tokensPerSecond as number,
  };
  const timeToFirstTokenMs = problems.field(raw, 'timeToFirstTokenMs', isAmount, `${path}stats.`);
  if (timeToFirstTokenMs !== undefined) stats.timeToFirstTokenMs = timeToFirstTokenMs;
  const doneReason = problems.field(raw, 'doneReason', isText, `${path}stats.`);
  if (doneReason !== undefined) stats.doneReason = doneReason;
  const promptEstimate = problems.field(raw, 'promptEstimate', isAmount, `${path}stats.`);
  if (promptEstimate !== undefined) stats.promptEstimate = promptEstimate;
  return stats;
}

/**
 * The fields of one reply (a message's own, or an earlier version's), or undefined without text. Only the reply being
 * written may be `streaming`, so `streamingAllowed` is false for earlier versions (theirs become `stopped`).
 */
function validReply(raw: Fields, path: string, problems: Problems, streamingAllowed: boolean): ReplyVersion | undefined {
  if (!isText(raw.content)) return undefined;
  const reply: ReplyVersion = { content: raw.content, timestamp: problems.field(raw, 'timestamp', isAmount, path) ?? 0 };
  const model = problems.field(raw, 'model', isText, path);
  if (model !== undefined) reply.model = model;
  const status = problems.field(raw, 'status', (v): v is MessageStatus => MESSAGE_STATUSES.includes(v as MessageStatus), path);
  if (status === 'streaming' && !streamingAllowed) {
    problems.add(`${path}status`);
    reply.status = 'stopped';
  } else if (status !== undefined) {
    reply.status = status;
  }
  const stats = validStats(raw.stats, path, problems);
  if (stats) reply.stats = stats;
  for (const key of ['thinking', 'error', 'notice'] as const) {
    const text = problems.field(raw, key, isText, path);
    if (text !== undefined) reply[key] = text;
  }
  return reply;
}

/** The earlier versions of a reply, and which of all is shown (the message's own fields). */
function validVersions(raw: Fields, path: string, problems: Problems): Pick<ChatMessage, 'versions' | 'versionIndex'> {
  const versions = problems.field(raw, 'versions', Array.isArray, path);
  const valid: ReplyVersion[] = [];
  versions?.forEach((v: unknown, i) => {
    const version = isRecord(v) ? validReply(v, `${path}versions[${i}].`, problems, false) : undefined;
    if (version) valid.push(version);
    else problems.add(`${path}versions[${i}]`);
  });
  const index = problems.field(raw, 'versionIndex', (v): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= valid.length, path);
  return valid.length ? { versions: valid, versionIndex: index ?? valid.length } : {};
}

/** The images of a user message: each reference checked, at most `MAX_IMAGES_PER_MESSAGE`. */
function validImages(raw: Fields, path: string, problems: Problems): ImageRef[] | undefined {
  const images = problems.field(raw, 'images', Array.isArray, path);
  const valid: ImageRef[] = [];
  images?.forEach((v: unknown, i) => {
    const ref = validImageRef(v);
    if (ref && valid.length < MAX_IMAGES_PER_MESSAGE) valid.push(ref);
    else problems.add(`${path}images[${i}]`);
  });
  return valid.length ? valid : undefined;
}

/** What went with a user message; an entry with a wrong field is left out whole (the list would say something wrong). */
function validReferences(raw: Fields, path: string, problems: Problems): MessageReference[] | undefined {
  const list = problems.field(raw, 'references', Array.isArray, path);
  const valid: MessageReference[] = [];
  list?.forEach((r: unknown, i) => {
    const ok = isRecord(r) && isText(r.name) && ATTACHMENT_KINDS.includes(r.kind as AttachmentKind)
      && (r.truncated === undefined || typeof r.truncated === 'boolean') && (r.missing === undefined || isText(r.missing));
    if (!ok) {
      problems.add(`${path}references[${i}]`);
      return;
    }
    const reference: MessageReference = { name: r.name as string, kind: r.kind as AttachmentKind };
    if (r.truncated) reference.truncated = true;
    if (r.missing !== undefined) reference.missing = r.missing as string;
    valid.push(reference);
  });
  return valid.length ? valid : undefined;
}

/** Where a message is: its path for reports, its index in its list, and how deep in branches (0: the shown path). */
interface Place {
  path: string;
  index: number;
  depth: number;
}

/**
 * A message, or undefined when it has no valid role or text. `ids` holds the ids taken so far in the whole tree
 * (made unique). Only a message of the shown path may be `streaming`; only a user message may start branches, and not
 * the first message of a branch (the branches at a question are kept by the one shown).
 */
function validMessage(raw: unknown, place: Place, ids: Set<string>, problems: Problems, branchesAllowed = true): ChatMessage | undefined {
  const { path, index } = place;
  if (!isRecord(raw) || !ROLES.includes(raw.role as Role)) return undefined;
  const reply = validReply(raw, path, problems, place.depth === 0);
  if (!reply) return undefined;
  let id = problems.field(raw, 'id', isId, path) ?? `m${index}`;
  if (ids.has(id)) {
    problems.add(`${path}id`);
    let n = index;
    while (ids.has(`${id.slice(0, MAX_ID_LENGTH - 8)}-${n}`)) n++;
    id = `${id.slice(0, MAX_ID_LENGTH - 8)}-${n}`;
  }
  ids.add(id);
  const role = raw.role as Role;
  const message: ChatMessage = { id, role, ...reply };
  if (role === 'assistant') Object.assign(message, validVersions(raw, path, problems));
  else if (raw.versions !== undefined) problems.add(`${path}versions`);
  const images = role === 'user' ? validImages(raw, path, problems) : undefined;
  if (images) message.images = images;
  else if (role !== 'user' && raw.images !== undefined) problems.add(`${path}images`);
  if (role === 'user') {
    const references = validReferences(raw, path, problems);
    if (references) message.references = references;
  } else if (raw.references !== undefined) problems.add(`${path}references`);
  if (role === 'user' && branchesAllowed) Object.assign(message, validBranches(raw, place, ids, problems));
  else if (raw.branches !== undefined || raw.branchIndex !== undefined) problems.add(`${path}branches`);
  return message;
}

/** Deepest nesting of branches read; deeper ones are left out (and reported), so no file can exhaust the stack. */
export const MAX_BRANCH_DEPTH = 64;

/**
 * The other branches at a user message, and which of all is shown. A branch is kept when its first message is a
 * readable user message; one that is not is left out whole and reported, and the rest of the conversation loads.
 */
function validBranches(raw: Fields, place: Place, ids: Set<string>, problems: Problems): Pick<ChatMessage, 'branches' | 'branchIndex'> {
  const list = problems.field(raw, 'branches', Array.isArray, place.path);
  const valid: ChatMessage[][] = [];
  list?.forEach((branch: unknown, i) => {
    const path = `${place.path}branches[${i}]`;
    const messages: ChatMessage[] = [];
    if (Array.isArray(branch) && place.depth < MAX_BRANCH_DEPTH) {
      branch.forEach((m: unknown, k) => {
        const where: Place = { path: `${path}[${k}].`, index: k, depth: place.depth + 1 };
        const message = validMessage(m, where, ids, problems, k > 0);
        if (message) messages.push(message);
        else problems.add(`${path}[${k}]`);
      });
    }
    if (messages[0]?.role === 'user') valid.push(messages);
    else problems.add(path);
  });
  const index = problems.field(raw, 'branchIndex', (v): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= valid.length, place.path);
  return valid.length ? { branches: valid, branchIndex: index ?? valid.length } : {};
}

function validSettings(raw: unknown, problems: Problems): ConversationSettings | undefined {
  if (raw === undefined) return undefined;
  if (!isRecord(raw)) {
    problems.add('settings');
    return undefined;
  }
  const settings: ConversationSettings = {};
  const model = problems.field(raw, 'model', isText, 'settings.');
  if (model !== undefined) settings.model = model;
  const systemPrompt = problems.field(raw, 'systemPrompt', isText, 'settings.');
  if (systemPrompt !== undefined) settings.systemPrompt = systemPrompt;
  const temperature = problems.field(raw, 'temperature', isAmount, 'settings.');
  if (temperature !== undefined) settings.temperature = temperature;
  const numCtx = problems.field(raw, 'numCtx', (v): v is number => Number.isSafeInteger(v) && (v as number) > 0, 'settings.');
  if (numCtx !== undefined) settings.numCtx = numCtx;
  const think = problems.field(raw, 'think', (v): v is boolean => typeof v === 'boolean', 'settings.');
  if (think !== undefined) settings.think = think;
  return Object.keys(settings).length ? settings : undefined;
}

/**
 * Reads a conversation from untrusted data (storage, an imported file): keeps every valid field, repairs or drops
 * the others, gives duplicate message ids new ones, and returns undefined when there is nothing usable. What was
 * dropped or repaired is reported to `log` in one line naming the fields.
 */
export function validateConversation(raw: unknown, id: string, log: (message: string) => void = () => undefined): Conversation | undefined {
  if (!isRecord(raw) || !Array.isArray(raw.messages)) return undefined;
  const problems = new Problems();
  const ids = new Set<string>();
  const messages: ChatMessage[] = [];
  raw.messages.forEach((m: unknown, i) => {
    const valid = validMessage(m, { path: `messages[${i}].`, index: i, depth: 0 }, ids, problems);
    if (valid) messages.push(valid);
  });
  if (messages.length !== raw.messages.length) {
    log(`Conversation ${id}: dropped ${raw.messages.length - messages.length} unreadable message(s).`);
  }
  const title = problems.field(raw, 'title', isText, '')?.slice(0, MAX_TITLE_LENGTH);
  const firstUser = messages.find((m) => m.role === 'user');
  const createdAt = problems.field(raw, 'createdAt', isAmount, '') ?? messages[0]?.timestamp ?? 0;
  const conversation: Conversation = {
    id,
    title: title || (firstUser ? titleFrom(firstUser.content) : t('New conversation')),
    createdAt,
    updatedAt: problems.field(raw, 'updatedAt', isAmount, '') ?? createdAt,
    messages,
  };
  const settings = validSettings(raw.settings, problems);
  if (settings) conversation.settings = settings;
  const host = problems.field(raw, 'host', (v): v is string => isText(v) && v.trim().length > 0 && v.length <= MAX_HOST_NAME_LENGTH, '');
  if (host !== undefined) conversation.host = host;
  if (problems.list.length) {
    const listed = problems.list.slice(0, PROBLEMS_LISTED).join(', ');
    const more = problems.list.length > PROBLEMS_LISTED ? ` and ${problems.list.length - PROBLEMS_LISTED} more` : '';
    log(`Conversation ${id}: repaired or left out ${problems.list.length} field(s) with a wrong type or value: ${listed}${more}.`);
  }
  return conversation;
}

/**
 * Marks replies that were streaming when their window closed (or when they were exported) as `stopped`: no request
 * writes them any more. Returns how many there were.
 */
export function markInterrupted(conversation: Conversation): number {
  const streaming = conversation.messages.filter((m) => m.status === 'streaming');
  for (const m of streaming) m.status = 'stopped';
  return streaming.length;
}
