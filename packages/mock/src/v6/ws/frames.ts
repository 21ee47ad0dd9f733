/**
 * Framing of the JSON client protocol. Client → server: one websocket message holds one or more
 * commands, each ended by `\n` except maybe the last (the server reads lines until the message
 * ends); a message with no command at all, or a blank line between commands, fails (3501).
 * Server → client: messages written together go in one websocket message joined by `\n`.
 */

/** The command lines of one message, in order (a blank line stays: it fails to decode, as on the server). */
export function commandLines(message: string): string[] {
  if (message === '') return [];
  const lines = message.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Joins queued protocol messages into one websocket message. */
export function joinMessages(messages: readonly string[]): string {
  return messages.length === 1 ? (messages[0] as string) : messages.join('\n');
}
