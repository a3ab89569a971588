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
