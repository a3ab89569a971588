import { Conversation } from '../../../src/channels/directLine/conversation';
import { ConversationStore } from '../../../src/channels/directLine/conversationStore';

const user = { id: 'u', role: 'user' as const };
const bot = { id: 'b', role: 'bot' as const };

describe('a Direct Line conversation\'s transcript', () => {
  it('keeps no more than maxTranscriptBytes of activities, dropping the oldest', () => {
    const conversation = new Conversation('c', user, bot, undefined, { maxTranscript: 1000, maxTranscriptBytes: 4096 });
    for (let i = 0; i < 50; i++) conversation.append({ type: 'message', text: `${i} ${'x'.repeat(500)}` });
    const kept = conversation.activitiesAfter(undefined);
    const bytes = kept.activities.reduce((sum, activity) => sum + Buffer.byteLength(JSON.stringify(activity)), 0);
    expect(bytes).toBeLessThanOrEqual(4096);
    expect(kept.activities.at(-1)?.text).toMatch(/^49 /);
    expect(kept.watermark).toBe('49');
  });

  it('always keeps the newest activity, even one larger than the budget', () => {
    const conversation = new Conversation('c', user, bot, undefined, { maxTranscript: 1000, maxTranscriptBytes: 1024 });
    conversation.append({ type: 'message', text: 'small' });
    conversation.append({ type: 'message', text: 'y'.repeat(5000) });
    expect(conversation.activitiesAfter(undefined).activities.map((activity) => String(activity.text).length)).toEqual([5000]);
  });
});

describe('the Direct Line conversation store', () => {
  it('is full at maxConversations and says when the idlest one expires', () => {
    let now = 0;
    const store = new ConversationStore({ idleMs: 60_000, bot, maxConversations: 2, maxTranscript: 10, maxTranscriptBytes: 1024 }, () => now);
    store.create('a', user);
    now = 20_000;
    store.create('b', user);
    expect(store.full).toBe(true);
    now = 30_000;
    expect(store.secondsUntilRoom()).toBe(30);
    now = 60_000;
    store.sweep();
    expect(store.full).toBe(false);
  });
});
