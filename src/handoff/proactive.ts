import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { DirectLineEndpoint } from '../channels/directLine/index.js';

/**
 * Starts proactive turns (an agent's message, the end of a handoff) in a user's conversation:
 * through the self-hosted Direct Line endpoint for its own conversations, otherwise through the
 * adapter to the channel's serviceUrl, as Teams and Azure's Direct Line expect.
 */
export class ProactiveSender {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly botAppId: string,
    /** The self-hosted Direct Line endpoint, when the server serves one. */
    private readonly directLine?: DirectLineEndpoint,
  ) {}

  /** Runs `logic` in a new turn of the referenced conversation; rejects when the conversation cannot be reached. */
  async continue(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    if (this.directLine?.owns(reference)) return this.directLine.continueConversation(reference, logic);
    await this.adapter.continueConversationAsync(this.botAppId, reference, logic);
  }
}
