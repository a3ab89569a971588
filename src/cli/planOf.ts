import type { Core } from '../app.js';
import type { MessageReading } from '../nlu/facts/index.js';
import { type ConversationTopic, planInConversation } from '../nlu/followUp.js';
import type { Language } from '../nlu/language.js';
import type { MessagePlan } from '../nlu/plan.js';
import type { Profile } from '../rules/index.js';

/** Where a message stands in its conversation, for {@link planOf}: the last reply's topic, the facts told before. */
export interface ConversationSoFar {
  topic?: ConversationTopic;
  known?: Profile;
}

/**
 * The reply the bot plans for a message, as the root dialog plans it ({@link planInConversation}). `reading`: the message read
 * already, when the caller has it.
 */
export function planOf(core: Core, text: string, language: Language, reading?: MessageReading, so: ConversationSoFar = {}): MessagePlan {
  return planInConversation(text, language, core, { ...so, ...(reading ? { reading } : {}) }).plan;
}
