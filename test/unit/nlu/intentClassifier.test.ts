import { IntentClassifier } from '../../../src/nlu/intentClassifier';
import { sharedCore } from '../../helpers';

const { knowledge, recognizer } = sharedCore();
const questions = knowledge.entries.en.flatMap((entry) => [entry.question, ...entry.alternates]).map((text) => recognizer.normalizer.terms(text));

describe('IntentClassifier.addQuestion', () => {
  it('guesses as when the same questions are given to the constructor', () => {
    const given = new IntentClassifier(knowledge.intents, questions, recognizer.normalizer);
    const added = new IntentClassifier(knowledge.intents, [], recognizer.normalizer);
    for (const terms of questions) added.addQuestion(terms);
    for (const text of ['hello', 'thanks', 'help me with bbs filing', 'talk to a person', 'what is icp', 'start again please']) {
      expect(added.guessText(text)).toEqual(given.guessText(text));
    }
    // The questions matter: without them an FAQ question with an intent word reads as that intent.
    expect(given.guessText('help me with bbs filing')).toBeUndefined();
    expect(new IntentClassifier(knowledge.intents, [], recognizer.normalizer).guessText('help me with bbs filing')).toBeDefined();
  });
});

describe('IntentClassifier.guessText: "live"', () => {
  const classifier = new IntentClassifier(knowledge.intents, questions, recognizer.normalizer);

  it.each(['I live in Norway', "we're living in Peru", 'my family lives abroad', 'she lived in Kenya'])('does not read where someone lives as asking for a person: %s', (text) => {
    expect(classifier.guessText(text)?.intent).not.toBe('human');
  });

  it.each(['live agent please', 'I need live support', 'a live person', 'I live in Peru, get me a live agent'])('still reads a live agent or live support as asking for a person: %s', (text) => {
    expect(classifier.guessText(text)?.intent).toBe('human');
  });
});

describe('IntentClassifier.guessText: acknowledgements', () => {
  const classifier = new IntentClassifier(knowledge.intents, questions, recognizer.normalizer);

  it.each(['OK', 'okay!', 'Got it.', 'alright 👍', '嗯嗯', '知道了。'])('reads a message that is only an acknowledgement: %s', (text) => {
    expect(classifier.guessText(text)?.intent).toBe('acknowledge');
  });

  it.each(['how do I see which province I filed in?', 'cool, and what does the filing cost?', 'okay so which documents does a company need', '我怎么知道审核有没有通过'])(
    'does not take the words of a question for one: %s',
    (text) => {
      expect(classifier.guessText(text)?.intent).not.toBe('acknowledge');
    },
  );
});
