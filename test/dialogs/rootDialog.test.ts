import { ConversationState, MemoryStorage, UserState } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { EligibilityDialog } from '../../dialogs/eligibilityDialog';
import { HandoffDialog } from '../../dialogs/handoffDialog';
import { RootDialog } from '../../dialogs/rootDialog';
import { Handoff } from '../../src/handoff/handoff';
import { OfferTriggers } from '../../src/handoff/offerTriggers';
import { HandoffTranscript } from '../../src/handoff/transcript';
import { Replies } from '../../src/replies';
import { BotStateAccessors } from '../../src/turn/state';
import { sharedCore } from '../helpers';

/** The root dialog alone, driven by botbuilder-testing's DialogTestClient. */
function client() {
  const { recognizer, facts, knowledge, i18n } = sharedCore();
  const storage = new MemoryStorage();
  const conversationState = new ConversationState(storage);
  const state = new BotStateAccessors(conversationState, new UserState(storage));
  const replies = Replies.forLanguages(i18n, knowledge);
  const eligibilityDialog = new EligibilityDialog({ recognizer, facts, knowledge, i18n, replies, state, supportContact: '' });
  const transcript = new HandoffTranscript({ enabled: false, state, replies, knowledge });
  const handoff = new Handoff({ mode: 'off', state, replies, transcript });
  const offerTriggers = new OfferTriggers({ enabled: false, state, knowledge, afterFailures: 3 });
  const handoffDialog = new HandoffDialog({ handoff, replies });
  const root = new RootDialog({ recognizer, facts, knowledge, replies, state, supportContact: '', eligibilityDialog, handoff, offerTriggers, handoffDialog });
  return new DialogTestClient('test', root, undefined, [], conversationState);
}

describe('RootDialog through DialogTestClient', () => {
  it.each([
    ['bbs filing', /BBS|forum/i],
    ['can a foreign company apply for an ICP filing', /branch/],
    ['asdf qwer', /I don't have an answer to that/],
    ['thanks', /You're welcome/],
  ])('routes %s', async (text, expected) => {
    const reply = await client().sendActivity(text);
    expect(reply.text).toMatch(expected);
  });

  it('starts the check and hands the next turns to it', async () => {
    const c = client();
    expect((await c.sendActivity('check my situation')).text).toMatch(/Where is the server/);
    expect((await c.sendActivity('HK')).text).toMatch(/CDN/);
    expect(c.dialogTurnResult.status).toBe('waiting');
  });

  it('rejects missing dependencies', () => {
    expect(() => new RootDialog({} as never)).toThrow(/RootDialog\(\): recognizer/);
  });
});
