import { TestAdapter, TurnContext } from 'botbuilder';
import { existingTurnRecord, startAttempt, turnRecord } from '../../../src/turn/turnRecord';

function turn(): TurnContext {
  const adapter = new TestAdapter(async () => undefined);
  return new TurnContext(adapter, adapter.makeActivity('hello'));
}

describe('the turn record', () => {
  it('is one object per turn, made on first use', () => {
    const context = turn();
    expect(existingTurnRecord(context)).toBeUndefined();
    const record = turnRecord(context);
    record.language = 'zh-CN';
    expect(turnRecord(context)).toBe(record);
    expect(existingTurnRecord(context)?.language).toBe('zh-CN');
  });

  it('starts each attempt empty but for the desk notice the turn delivers', () => {
    const context = turn();
    const first = turnRecord(context);
    first.deskNotice = { kind: 'ended', caseId: 'c1', agent: 'alice' };
    first.language = 'en';
    first.asked = true;
    first.learningEvents.push({ id: 'x' } as never);
    const second = startAttempt(context);
    expect(second).toEqual({ deskNotice: { kind: 'ended', caseId: 'c1', agent: 'alice' }, learningEvents: [] });
    expect(turnRecord(context)).toBe(second);
  });
});
