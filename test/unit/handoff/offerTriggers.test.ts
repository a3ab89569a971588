import { ConversationState, MemoryStorage, TestAdapter, TurnContext, UserState } from 'botbuilder';
import { OfferTriggers } from '../../../src/handoff/offerTriggers';
import type { Recognition } from '../../../src/nlu/recognizer';
import { BotStateAccessors } from '../../../src/turn/state';
import { sharedCore } from '../../helpers';

function setUp(afterFailures = 3, enabled = true) {
  const storage = new MemoryStorage();
  const state = new BotStateAccessors(new ConversationState(storage), new UserState(storage));
  const triggers = new OfferTriggers({ enabled, state, knowledge: sharedCore().knowledge, afterFailures });
  const adapter = new TestAdapter(async () => undefined);
  const context = new TurnContext(adapter, { ...adapter.makeActivity('x'), channelId: 'test', conversation: { id: 'c1' } as never });
  return { state, triggers, context };
}

function miss(text: string): Recognition {
  return { text, language: 'en', outcome: 'none', confidence: 0, candidates: [], corrections: [] };
}

/** Routes one message as the root dialog does: asks, then notes after the turn. */
async function route(triggers: OfferTriggers, context: TurnContext, recognition: Recognition) {
  const offer = await triggers.offerReason(context, recognition);
  await triggers.noteRecognition(context, recognition, offer);
  return offer;
}

describe('OfferTriggers', () => {
  it('offers a person after the configured number of misses in a row, then counts again', async () => {
    const { triggers, context, state } = setUp(3);
    expect(await route(triggers, context, miss('purple monkey'))).toBeUndefined();
    expect(await route(triggers, context, miss('weather in paris'))).toBeUndefined();
    expect(await route(triggers, context, miss('best pizza'))).toBe('unanswered');
    expect(await state.unansweredStreak.get(context)).toBe(0);
    expect(await state.lastQuestion.get(context)).toBe('best pizza');
  });

  it('changes nothing while asked, only when told after the turn', async () => {
    const { triggers, context, state } = setUp(1);
    expect(await triggers.offerReason(context, miss('purple monkey'))).toBe('unanswered');
    expect(await state.unansweredStreak.get(context)).toBeUndefined();
    expect(await state.lastUnanswered.get(context)).toBeUndefined();
  });

  it('keeps no state without a handoff', async () => {
    const { triggers, context, state } = setUp(1, false);
    expect(await route(triggers, context, miss('purple monkey'))).toBeUndefined();
    expect(await state.lastQuestion.get(context)).toBeUndefined();
  });
});
