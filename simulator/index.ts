/** What tests, benchmarks and the demo use of the Ollama simulator. */
export { OllamaSimulator, type OllamaSimulatorOptions } from './ollamaSimulator';
export type { RecordedRequest, RequestOutcome } from './requestLog';
export type { ReplyScript } from './replyScript';
export type { Fault, Redirect } from './faults';
export { DEFAULT_MODELS, type SimulatedModel } from './modelRegistry';
export { XSS_CORPUS, defaultReply, defaultThinking, longReplyTokens, splitIntoTokens, xssReply } from './replies';
export { magicScript } from './magicMarkers';
