import { EventFactory, TurnContext, type Transcript } from 'botbuilder';
import type { Language } from '../nlu/language.js';
import type { Replies } from '../replies.js';
import type { Profile } from '../rules/index.js';
import type { BotStateAccessors } from '../turn/state.js';
import type { AgentDesk } from './desk.js';
import { MAX_LINE_CHARS, transcriptActivity, type HandoffTranscript } from './transcript.js';
import { isLeaveRequest } from './triggers.js';
import type { HandoffMode, HandoffReason, HandoffSession } from './types.js';

export interface HandoffDependencies {
  mode: HandoffMode;
  /** The handoff session under way. */
  state: BotStateAccessors;
  replies: Record<Language, Replies>;
  /** The case file the person receives. */
  transcript: HandoffTranscript;
  /** The built-in desk (mode 'desk'). */
  desk?: AgentDesk;
}

/**
 * The conversation's session with a person: opens it (a desk case or a `handoff.initiate` event),
 * passes the user's messages on while it lasts, and lets the user leave it.
 */
export class Handoff {
  constructor(private readonly deps: HandoffDependencies) {
    if (!deps.state || !deps.replies || !deps.transcript) throw new Error('Handoff(): state, replies and transcript are required');
    if (deps.mode === 'desk' && !deps.desk) throw new Error('Handoff(): mode "desk" needs the desk');
  }

  /** Whether a person can be reached through the bot (protocol or desk). */
  get enabled(): boolean {
    return this.deps.mode !== 'off';
  }

  get mode(): HandoffMode {
    return this.deps.mode;
  }

  /** The buttons of the offer ("Shall I connect you?"). */
  offerButtons(language: Language): { yes: string; no: string } {
    const { t } = this.deps.replies[language];
    return { yes: t('handoff.offer.yes'), no: t('handoff.offer.no') };
  }

  /** Hands the conversation over: a desk case, or a handoff.initiate event for the channel's contact centre. */
  async start(context: TurnContext, reason: HandoffReason, language: Language, profile?: Profile): Promise<void> {
    const replies = this.deps.replies[language];
    const caseFile = await this.deps.transcript.caseFile(context, reason, language, profile);
    const startedAt = new Date().toISOString();
    const session = this.deps.state.handoff;
    if (this.deps.mode === 'desk') {
      const desk = this.deps.desk as AgentDesk;
      const { deskCase, position } = await desk.open(caseFile, TurnContext.getConversationReference(context.activity));
      await session.set(context, { mode: 'desk', status: 'waiting', reason, caseId: deskCase.id, startedAt });
      await context.sendActivity(replies.withActions(replies.t('handoff.desk.queued', { position }), [replies.imBack(replies.t('handoff.desk.leave'))]));
      return;
    }
    if (this.deps.mode === 'protocol') {
      const { transcript, ...handoffContext } = caseFile;
      const activities = transcript.map((line) => transcriptActivity(context, line));
      await context.sendActivity(EventFactory.createHandoffInitiation(context, handoffContext, { activities } as Transcript));
      await session.set(context, { mode: 'protocol', status: 'requested', reason, startedAt });
      await context.sendActivity(replies.withActions(replies.t('handoff.protocol.requested'), [replies.imBack(replies.t('handoff.protocol.back'))]));
      return;
    }
    throw new Error('Handoff.start(): no handoff is configured (HANDOFF=off)');
  }

  /**
   * A user's message while a handoff lasts: passed on to the person (or, for a few exact phrases,
   * leaving it). Resolves false when no handoff is under way, so the bot handles the message.
   */
  async onUserMessage(context: TurnContext, language: Language): Promise<boolean> {
    const session = await this.deps.state.handoff.get(context);
    if (!session) return false;
    const replies = this.deps.replies[language];
    const text = typeof context.activity.text === 'string' ? context.activity.text : '';
    if (session.mode === 'desk') return this.onDeskMessage(context, session, text, replies);
    if (isLeaveRequest(text, this.leaveButtons())) {
      await this.deps.state.handoff.delete(context);
      await context.sendActivity(replies.text(replies.t('handoff.protocol.cancelled')));
      return true;
    }
    // Once a contact centre has accepted, the channel routes the user's messages to its agent;
    // any that still reach the bot are kept in the transcript and not answered by it.
    if (session.status === 'requested') {
      await context.sendActivity(replies.withActions(replies.t('handoff.protocol.waiting'), [replies.imBack(replies.t('handoff.protocol.back'))]));
    }
    return true;
  }

  private async onDeskMessage(context: TurnContext, session: HandoffSession, text: string, replies: Replies): Promise<boolean> {
    const desk = this.deps.desk as AgentDesk;
    const deskCase = session.caseId ? await desk.get(session.caseId) : undefined;
    if (!deskCase || deskCase.status === 'ended' || deskCase.status === 'left') {
      // The case closed without this conversation hearing of it (the notice could not be
      // delivered): the bot takes the message.
      await this.deps.state.handoff.delete(context);
      return false;
    }
    if (isLeaveRequest(text, this.leaveButtons())) {
      const ended = await desk.end(deskCase.id, 'user');
      await this.deps.state.handoff.delete(context);
      const key = ended.status === 'left' ? 'handoff.desk.left' : 'handoff.desk.userEnded';
      await context.sendActivity(replies.text(replies.t(key, { agent: deskCase.agent ?? '' })));
      return true;
    }
    const attachments = context.activity.attachments?.length ?? 0;
    const said = text.trim() !== '' ? text : attachments > 0 ? `[${attachments} attachment(s)]` : '';
    if (said) await desk.addMessage(deskCase.id, { from: 'user', text: said.slice(0, MAX_LINE_CHARS), at: new Date().toISOString(), id: context.activity.id });
    if (deskCase.status === 'waiting') {
      const position = (await desk.position(deskCase.id)) ?? 1;
      await context.sendActivity(replies.withActions(replies.t('handoff.desk.stillWaiting', { position }), [replies.imBack(replies.t('handoff.desk.leave'))]));
    }
    return true;
  }

  /** Every phrase and button that leaves a handoff, in both languages (a user may switch). */
  private leaveButtons(): string[] {
    return Object.values(this.deps.replies).flatMap((r) => [r.t('handoff.desk.leave'), r.t('handoff.desk.end'), r.t('handoff.protocol.back')]);
  }
}
