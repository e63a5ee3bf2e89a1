/**
 * Everything the extension host loads on first use rather than at activation: every command's code, the ways
 * forward from an error, the offer to send an auth header. It is imported only with `import()`, and the build makes
 * it a bundle of its own (dist/commands.js, see esbuild.js), so activation reads and compiles only what the chat
 * view needs.
 */
export { COMMANDS } from './commandTable';
export { runErrorAction } from './errorActions';
export { offerAuthHeaderFor } from './setAuthHeader';
