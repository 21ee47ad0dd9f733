export { startChatApp } from './chat-app.js';
export type { ChatApp, ChatAppOptions, ChatMessage } from './chat-app.js';
