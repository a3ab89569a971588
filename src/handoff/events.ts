import type { TurnContext } from 'botbuilder';
import type { Logger } from '../log.js';
import type { Language } from '../nlu/language.js';
import type { Replies } from '../replies.js';
import type { BotStateAccessors } from '../turn/state.js';
import type { DeskNotice } from './deskNotice.js';

/** The `value` of a `handoff.status` event (Bot Framework handoff protocol). */
interface HandoffStatusValue {
  state?: unknown;
  message?: unknown;
}

/** What {@link HandoffEvents} needs; built in app.ts. */
export interface HandoffEventsDependencies {
  /** The handoff session the events change. */
  state: BotStateAccessors;
  replies: Record<Language, Replies>;
  log: Logger;
}

/**
 * What the other side of a handoff tells the conversation: the built-in desk's notices (a person
 * took the case, wrote, or ended it; a new place in the queue) and a contact centre's
 * `handoff.status` events.
 */
export class HandoffEvents {
  constructor(private readonly deps: HandoffEventsDependencies) {
    if (!deps.state || !deps.replies || !deps.log) throw new Error('HandoffEvents(): state, replies and log are required');
  }

  /** A proactive turn the desk started: an agent took the case, wrote, or ended it. */
  async onDeskNotice(context: TurnContext, notice: DeskNotice, language: Language): Promise<void> {
    const sessions = this.deps.state.handoff;
    const session = await sessions.get(context);
    // A notice for a case this conversation has already left changes nothing.
    if (session?.mode !== 'desk' || session.caseId !== notice.caseId) return;
    const replies = this.deps.replies[language];
    switch (notice.kind) {
      case 'claimed':
        await sessions.set(context, { ...session, status: 'active', agent: notice.agent });
        await context.sendActivity(replies.withActions(replies.t('handoff.desk.claimed', { agent: notice.agent }), [replies.imBack(replies.t('handoff.desk.end'))]));
        break;
      case 'agentMessage':
        await context.sendActivity({
          ...replies.text(replies.t('handoff.desk.agentSays', { agent: notice.agent, text: notice.text })),
          textFormat: 'markdown',
          channelData: { handoffAgent: notice.agent },
        });
        break;
      case 'ended':
        await sessions.delete(context);
        await context.sendActivity(replies.text(replies.t('handoff.desk.ended', { agent: notice.agent })));
        break;
      case 'place':
        if (session.status === 'waiting') {
          await context.sendActivity(replies.withActions(replies.t('handoff.desk.newPlace', { position: notice.position }), [replies.imBack(replies.t('handoff.desk.leave'))]));
        }
        break;
    }
  }

  /**
   * A `handoff.status` event from the channel's contact centre: accepted, failed or completed.
   * Resolves false when this conversation asked for no handoff (the event is ignored).
   */
  async onStatus(context: TurnContext, language: Language): Promise<boolean> {
    const sessions = this.deps.state.handoff;
    const session = await sessions.get(context);
    if (session?.mode !== 'protocol') return false;
    const value = (context.activity.value ?? {}) as HandoffStatusValue;
    const state = typeof value.state === 'string' ? value.state.toLowerCase() : '';
    const message = typeof value.message === 'string' ? value.message.replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, 300) : '';
    const replies = this.deps.replies[language];
    switch (state) {
      case 'accepted':
        await sessions.set(context, { ...session, status: 'active' });
        await context.sendActivity(replies.text(replies.t('handoff.protocol.accepted')));
        return true;
      case 'failed':
        await sessions.delete(context);
        await context.sendActivity(replies.text(message ? replies.t('handoff.protocol.failedBecause', { reason: message }) : replies.t('handoff.protocol.failed')));
        return true;
      case 'completed':
        await sessions.delete(context);
        await context.sendActivity(replies.text(replies.t('handoff.protocol.completed')));
        return true;
      default:
        this.deps.log('warn', `handoff.status with unknown state ${JSON.stringify(state.slice(0, 40))} in conversation ${context.activity.conversation?.id ?? '?'}`);
        return false;
    }
  }
}
