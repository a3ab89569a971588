import type { Core } from '../app.js';
import type { Facts } from '../nlu/facts/index.js';
import { type ConversationTopic, fittedToCase, inConversation } from '../nlu/followUp.js';
import type { Language } from '../nlu/language.js';
import { type MessagePlan, planMessage, shapeOf } from '../nlu/plan.js';
import type { Profile } from '../rules/index.js';

/** Where a message stands in its conversation, for {@link planOf}: the last reply's topic, the facts told before. */
export interface ConversationSoFar {
  topic?: ConversationTopic;
  known?: Profile;
}

/**
 * The reply the bot plans for a message, read as the root dialog reads it: normalised once for the recognizer and the shape,
 * a follow-up in the topic of the reply before it. `read`: the facts, when the caller has read them already.
 */
export function planOf(core: Core, text: string, language: Language, read: Facts = core.facts.read(text), so: ConversationSoFar = {}): MessagePlan {
  const message = inConversation(text, language, core.recognizer.normalizer.read(text), read, so.topic, core.recognizer);
  const recognition = core.recognizer.recognize(text, language, message.normalized);
  const shape = shapeOf(text, language, core.recognizer, core.knowledge, recognition, message.normalized.terms, (t, only) => core.facts.withoutCase(t, only));
  return fittedToCase(planMessage(recognition, message.stated, shape, so.known), message, so.topic, shape, so.known);
}
