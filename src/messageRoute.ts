import type { TurnContext } from 'botbuilder';

/**
 * Where a message goes when no dialog is waiting for it: answered ('replied'), answered with every
 * dialog ended ('restart'), or into a dialog that takes the next turns ('begin').
 */
export type MessageRoute = { kind: 'replied' } | { kind: 'restart' } | { kind: 'begin'; dialogId: string; options: object };

/** Routes a message no dialog is waiting for: the root dialog's first step, callable without the dialog stack. */
export interface MessageRouter {
  routeMessage(context: TurnContext): Promise<MessageRoute>;
}

const KEY = Symbol('messageRoute');

/**
 * Hands a route already taken this turn to the root dialog, which then begins its dialog instead of
 * routing the message again (routing records the message, so it must happen once).
 */
export function handOverRoute(context: TurnContext, route: MessageRoute): void {
  context.turnState.set(KEY, route);
}

/** The route handed over by {@link handOverRoute}, once: a later routing in the same turn routes afresh. */
export function takeHandedOverRoute(context: TurnContext): MessageRoute | undefined {
  const route = context.turnState.get(KEY) as MessageRoute | undefined;
  context.turnState.delete(KEY);
  return route;
}
