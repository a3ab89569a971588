/**
 * What a message typed while the check waits, and not read as the answer, asks of the check: decided here, from the rules and
 * the recognizer, and replied to by the dialog (`dialogs/eligibilityDialog.ts`).
 */
import type { KnowledgeBase } from '../knowledge/types.js';
import type { Facts } from '../nlu/facts/index.js';
import type { Language } from '../nlu/language.js';
import { entryForCase, isBare } from '../nlu/plan.js';
import { isQuestionShaped } from '../nlu/questionShape.js';
import type { Recognition, Recognizer } from '../nlu/recognizer.js';
import { decideSituation, readField, type Profile, type ProfileField, type SituationDecision } from '../rules/index.js';

export type CheckInterruption =
  /** A question about a case the rules settle with what the check knows and the message tells. */
  | { kind: 'verdict'; decision: Extract<SituationDecision, { kind: 'verdict' }>; profile: Profile }
  /** What the check is working out: asked to be guided, or the rules' own question in bare words. */
  | { kind: 'works-out' }
  /** A question an entry answers outright, with the entry for the case the check knows. */
  | { kind: 'answer'; entryId: string }
  /** A question that tells what the check asked, which no entry answers and the rules cannot settle yet: the user's plan, the answer. */
  | { kind: 'tells-answer' }
  /** Anything else: a request for a person, a question the bot cannot answer, a misread answer (the dialog tells them apart). */
  | { kind: 'other' };

/**
 * Reads a message typed in the middle of the check. `checkProfile` is what the check's answers say so far; it is not changed.
 * In order: a case the rules settle ("can a US company without an entity file?", or a case told with no question of its own: "what
 * if the server were in Singapore instead?", which asks whether one can apply); the rules' own question in bare words ("do we
 * need a filing then?", "where do I file?", 要备案吗); an entry answering outright (the user asked in general words); asked to be
 * guided ("what do we need to do?", 接下来要做什么); a question that tells the fact the check waits on.
 */
export function readInterruption(
  text: string,
  language: Language,
  recognition: Recognition,
  stated: Facts,
  checkProfile: Profile,
  parts: { recognizer: Recognizer; knowledge: KnowledgeBase },
  /** The field of the question the check waits on. */
  pendingField?: ProfileField,
): CheckInterruption {
  const tells = Object.keys(stated.profile).length > 0;
  const asked = stated.asks ?? (isQuestionShaped(text) ? 'can-apply' : undefined);
  if (recognition.outcome !== 'answer' && asked && tells) {
    const profile = { ...checkProfile, ...stated.profile };
    const decision = decideSituation(profile, asked);
    if (decision.kind === 'verdict') return { kind: 'verdict', decision, profile };
  }
  if (stated.asks !== undefined && !tells && isBare(parts.recognizer.normalizer.terms(text), parts.recognizer.topic)) return { kind: 'works-out' };
  if (recognition.outcome === 'answer' && recognition.top) {
    // "What documents do we need?" from a company gets the company's documents.
    return { kind: 'answer', entryId: entryForCase(parts.knowledge, language, recognition.top.id, { ...checkProfile, ...stated.profile }) };
  }
  if (stated.asksGuide === true || stated.asksGuideOfToldCase === true) return { kind: 'works-out' };
  // "What if I move to an Aliyun server in Hangzhou?" asked where the server is. Not a request for a person, which the dialog takes.
  const asksForPerson = recognition.outcome === 'intent' && recognition.intent === 'human';
  if (pendingField !== undefined && !asksForPerson && isQuestionShaped(text) && readField(stated.profile, pendingField) !== undefined) return { kind: 'tells-answer' };
  return { kind: 'other' };
}
