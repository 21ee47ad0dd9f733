export { startChatService } from './chat-service.js';
export type { ChatMessage, ChatService } from './chat-service.js';
