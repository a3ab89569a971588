import { TestAdapter, TurnContext } from 'botbuilder';
import { handOverRoute, takeHandedOverRoute, type MessageRoute } from '../../src/messageRoute';

function turn(): TurnContext {
  const adapter = new TestAdapter(async () => undefined);
  return new TurnContext(adapter, adapter.makeActivity('hello'));
}

describe('handOverRoute', () => {
  it('hands the route to the next take, and only to it', () => {
    const context = turn();
    const route: MessageRoute = { kind: 'begin', dialogId: 'eligibilityDialog', options: { profile: {} } };
    handOverRoute(context, route);
    expect(takeHandedOverRoute(context)).toBe(route);
    expect(takeHandedOverRoute(context)).toBeUndefined();
  });

  it('hands nothing over in a turn that did not route', () => {
    expect(takeHandedOverRoute(turn())).toBeUndefined();
  });
});
