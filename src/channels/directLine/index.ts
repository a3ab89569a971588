export { registerDirectLine, type DirectLineBot, type DirectLineEndpoint, type SharedConversations } from './register.js';
export { DirectLineOptions } from './options.js';
export type { TokenGrant, ConversationGrant, UserInput } from './service.js';
export type { DirectLineLimits } from './limits.js';
export { isClientPath } from './preHandlers.js';
