import type { SentimentAnalyzer } from 'natural/lib/natural/sentiment';
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer';
import { WordTokenizer } from 'natural/lib/natural/tokenizers/regexp_tokenizer';

/**
 * Words and phrases of annoyance in Chinese; natural's analysers have no Chinese vocabulary.
 * Each counts once; a message with one is frustrated when the bot also failed to answer it.
 */
const CHINESE_NEGATIVE = [
  '没用', '没有用', '不管用', '垃圾', '太差', '很差', '真差', '差劲', '烦死', '好烦', '真烦', '气死', '无语', '失望', '废物', '笨',
  '傻', '答非所问', '听不懂', '看不懂', '浪费时间', '什么鬼', '搞什么', '不靠谱', '乱说', '胡说', '不对', '错了', '根本不', '还是不行',
  '不行啊', '没帮助', '没帮上', '不会回答', '不明白你', '有病',
];
/**
 * Words AFINN scores as negative that, in questions about filing, describe what happens to a filing or
 * a site rather than how the user feels about the bot: "servers in Singapore, is that a problem?" and
 * "my filing was rejected" are questions, not complaints. They count as neutral.
 */
const DOMAIN_WORDS = new Set([
  'problem', 'problems', 'block', 'blocked', 'blocking', 'ban', 'banned', 'illegal', 'penalty', 'penalized', 'punish', 'punished', 'fine', 'fines',
  'risk', 'risky', 'reject', 'rejected', 'rejection', 'cancel', 'cancelled', 'fail', 'failed', 'failure', 'no', 'stop', 'stopped', 'suspend',
  'suspended', 'lost', 'violation', 'violate', 'forbidden', 'restricted', 'restriction', 'deny', 'denied', 'refuse', 'refused', 'trouble', 'worry',
  'worried', 'difficult', 'hard', 'delay', 'delayed', 'missing', 'lack', 'warning', 'warn', 'warned', 'unable', 'pay', 'error', 'lawsuit', 'sue',
  'dispute', 'spam', 'crime', 'criminal', 'fraud', 'scam', 'allow', 'allowed', 'permit', 'permitted', 'accept', 'accepted', 'lose', 'loses',
  'losing', 'loss', 'empty', 'dropped', 'limited', 'offline', 'abandoned', 'miss', 'missed', 'misses', 'forget', 'forgot', 'forgotten',
]);
/** Punctuation that ends a sentence, or a clause the analyser's negation should not reach across. */
const SENTENCE_ENDS = /[.!?;,\n]+/u;
/** Average AFINN score (per word) at or below which an English message reads as negative. */
const ENGLISH_NEGATIVE = -0.2;

/**
 * Tells a frustrated message: natural's AFINN sentiment analyser for English, a small lexicon
 * for Chinese. Only ever combined with a failed answer, so "terrible question, sorry" that the bot
 * answers does not bring in a person.
 */
export class FrustrationDetector {
  private readonly english: SentimentAnalyzer;
  private readonly tokenizer = new WordTokenizer();

  constructor() {
    // Required here, not at the top: the analyser and its AFINN list take about a tenth of a second
    // to load, which a bot without handoff (which never builds a detector) should not pay at start-up.
    const Analyzer = require('natural/lib/natural/sentiment/SentimentAnalyzer') as typeof SentimentAnalyzer;
    this.english = new Analyzer('English', PorterStemmer, 'afinn');
  }

  /** Sentiment of the message: negative numbers for annoyance; 0 when nothing tells. */
  score(text: string): number {
    const normalized = text.normalize('NFKC').toLowerCase();
    const chineseHits = CHINESE_NEGATIVE.filter((word) => normalized.includes(word)).length;
    if (chineseHits > 0) return -Math.min(1, chineseHits / 2);
    // Sentence by sentence: the analyser's negation turns the words after "not" against the user, and with the punctuation
    // gone it would reach into the next sentence ("…name not allowed. i used 'Best China Deals'" read as annoyed).
    let total = 0;
    let count = 0;
    for (const sentence of normalized.split(SENTENCE_ENDS)) {
      const words = (this.tokenizer.tokenize(sentence) ?? []).map((word) => (DOMAIN_WORDS.has(word) ? '' : word));
      if (words.length === 0) continue;
      const score = this.english.getSentiment(words);
      if (Number.isFinite(score)) total += score * words.length;
      count += words.length;
    }
    return count === 0 ? 0 : total / count;
  }

  /** True when the message reads as annoyed. */
  isFrustrated(text: string): boolean {
    const score = this.score(text);
    return score < 0 && score <= ENGLISH_NEGATIVE;
  }
}

/** Folds case, width and punctuation so "Yes, connect me!" matches "yes connect me". */
function fold(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}\s]+/gu, ' ')
    .trim();
}

const YES = new Set([
  'yes', 'y', 'yeah', 'yep', 'yup', 'sure', 'ok', 'okay', 'please', 'pls', 'plz', 'yes please', 'yes pls', 'yes plz', 'ok please', 'ok pls', 'sure please',
  'yes sure', 'go ahead', 'yes go ahead', 'please do', 'connect me', 'yes connect me', 'please connect me', 'ok connect me',
  '是', '是的', '好', '好的', '好啊', '好呀', '可以', '可以的', '行', '行的', '要', '要的', '嗯', '嗯嗯', '麻烦了', '好的麻烦了', '连接', '转人工', '好的请转接', '是的请转接',
]);
const NO = new Set([
  'no', 'n', 'nope', 'nah', 'no thanks', 'no thx', 'no thank you', 'not now', 'not yet', 'stay', 'stay with the bot', 'no stay with the bot',
  '不', '不要', '不用', '不用了', '不用了谢谢', '不需要', '不了', '算了', '取消', '留在机器人', '不用继续和机器人聊',
]);

/** Reads the answer to "Shall I connect you?": yes, no, or neither (then the message is routed as usual). */
export function confirmationOf(text: string, buttons: { yes: string; no: string }): 'yes' | 'no' | undefined {
  const folded = fold(text);
  if (folded === fold(buttons.yes) || YES.has(folded)) return 'yes';
  if (folded === fold(buttons.no) || NO.has(folded)) return 'no';
  return undefined;
}

/**
 * Whether a message is the offer's own "yes" button, in either language's labels: clicked after the offer was left (a question
 * asked in between), it still says yes, and is not asked again.
 */
export function clicksYes(text: string, buttons: readonly { yes: string }[]): boolean {
  const folded = fold(text);
  return buttons.some((b) => folded === fold(b.yes));
}

const LEAVE = new Set([
  'leave', 'leave the queue', 'leave queue', 'cancel', 'stop waiting', 'end chat', 'end the chat', 'back to the bot', 'back to bot', 'quit',
  '离开队列', '退出队列', '取消', '不等了', '结束对话', '结束聊天', '返回机器人', '回到机器人', '退出',
]);

/**
 * Whether a message during a handoff asks to leave it. Only exact short phrases (and the
 * buttons) count: anything longer is for the person, even "cancel my filing".
 */
export function isLeaveRequest(text: string, buttons: readonly string[]): boolean {
  const folded = fold(text);
  return LEAVE.has(folded) || buttons.some((button) => fold(button) === folded);
}
