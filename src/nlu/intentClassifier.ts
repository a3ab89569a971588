import { CHAT_INTENTS, type ChatIntent, type IntentExamples } from '../knowledge/types.js';
import { LANGUAGES } from './language.js';
import { NaiveBayes } from './naiveBayes.js';
import { plainWords, type Normalizer } from './normalize.js';
import { TermIndex, type IndexedText } from './termIndex.js';

/** Label the classifier gives to anything that reads like an FAQ question rather than a chat intent. */
const QUESTION_LABEL = 'question';

/**
 * "live" as the verb of where someone lives ("I live in Canada", "we're living abroad"), not the "live" of "live agent" or
 * "live chat": said so, the word is no evidence for a chat intent (it would offer a person to someone saying where they live).
 */
const LIVES_SOMEWHERE = /\b(?:(?:i|we|they|he|she|who|i m|we re|they re|currently|still|now)\s+(?:live|lived|living)|(?:live|lives|lived|living)\s+(?:in|at|near|abroad|overseas|outside|here|there|between))\b/u;

/**
 * A request for a person in Chinese: a verb of asking or switching, then 真人 or 人工, said as what is wanted (找个真人问问,
 * 我要转人工, 机器人答不了，我想找个真人问问). The classifier alone sent the last to help, whose examples hold 机器人
 * (你是人工还是机器人), and more human examples tipped English requests under the threshold. Not 你是真人吗 (no verb of asking),
 * nor 要人工审核吗 (人工 as "by hand", with a verb of its own after it).
 */
const ASKS_FOR_PERSON_ZH = /(?:找|转|要|联系|换|接|叫)(?:个|一个|一位|位)?(?:真人|人工(?:客服|服务)?)(?=$|[\s，。！？,.!?~～]|问|聊|说|帮|解答|回答|沟通|对话|来|吧|呢|吗|啊|呀)/u;

/** Intents taken only from a message that is one of their examples, as typed (ignoring case and punctuation). */
const EXACT_ONLY: ReadonlySet<ChatIntent> = new Set(['acknowledge']);

/** The chat intent a text most likely expresses, with the classifier's probability and the closest example's similarity. */
export interface IntentGuess {
  intent: ChatIntent;
  probability: number;
  similarity: number;
}

/**
 * Naive Bayes (natural's, made sparse: {@link NaiveBayes}) over the chat-intent examples, with every
 * FAQ phrasing as a competing "question" class so that "help with bbs filing" stays a question. A guess also
 * reports its similarity to the nearest example, so a stray word cannot trigger an intent.
 */
export class IntentClassifier {
  // Laplace smoothing of 1 is as large as a real count in classes of ~20 examples; a small value
  // lets one telling word ("hello") decide.
  private readonly classifier = new NaiveBayes(0.05);
  private readonly examples: TermIndex;
  /** Examples by their plain form, so that "what can you do" (all stop words) still counts. */
  private readonly exact = new Map<string, ChatIntent>();

  constructor(
    intents: IntentExamples,
    /** The normalised terms of every FAQ question and alternate (the competing "question" class). */
    questionTerms: readonly (readonly string[])[],
    private readonly normalizer: Normalizer,
  ) {
    const texts: IndexedText[] = [];
    for (const intent of CHAT_INTENTS) {
      for (const language of LANGUAGES) {
        for (const example of intents[intent][language]) {
          this.exact.set(plainWords(example), intent);
          // An acknowledgement ("ok", "I see", 嗯嗯) is one only as the whole message: its words are common in questions ("how can I
          // see the progress?", "cool, how long does it take?").
          if (EXACT_ONLY.has(intent)) continue;
          const terms = normalizer.terms(example);
          if (terms.length === 0) continue;
          this.classifier.addDocument(terms, intent);
          texts.push({ label: intent, terms, channel: 0 });
        }
      }
    }
    for (const terms of questionTerms) this.addQuestion(terms);
    this.examples = new TermIndex(texts);
  }

  /** Whether a normalised term occurs in a chat-intent example. */
  knows(term: string): boolean {
    return this.examples.has(term);
  }

  /** Adds the normalised terms of one more FAQ question or alternate to the competing "question" class. */
  addQuestion(terms: readonly string[]): void {
    if (terms.length > 0) this.classifier.addDocument(terms, QUESTION_LABEL);
  }

  /** The most likely chat intent of already-normalised terms, or undefined when the text reads as a question. */
  guess(terms: readonly string[]): IntentGuess | undefined {
    if (terms.length === 0) return undefined;
    // natural multiplies in the class prior; the "question" class holds far more examples than any
    // intent, which would drown a bare "hello". Divide it out so each class is judged on its words.
    const best = this.classifier.bestWithoutPrior(terms);
    if (!best || best.total === 0 || best.label === QUESTION_LABEL) return undefined;
    const intent = best.label as ChatIntent;
    const similarity = this.examples.rank(terms, CHAT_INTENTS.length).find((s) => s.label === intent)?.score ?? 0;
    return { intent, probability: best.value / best.total, similarity };
  }

  /**
   * The chat intent of a raw text: an example typed exactly (ignoring case and punctuation) is certain.
   * `terms` are the text's normalised terms, when the caller has them already.
   */
  guessText(text: string, terms?: readonly string[]): IntentGuess | undefined {
    const plain = plainWords(text);
    const exact = this.exact.get(plain);
    if (exact) return { intent: exact, probability: 1, similarity: 1 };
    if (ASKS_FOR_PERSON_ZH.test(text)) return { intent: 'human', probability: 1, similarity: 1 };
    const all = terms ?? this.normalizer.terms(text);
    if (!LIVES_SOMEWHERE.test(plain)) return this.guess(all);
    const live = this.normalizer.termOf('live');
    return this.guess(all.filter((term) => term !== live));
  }
}

