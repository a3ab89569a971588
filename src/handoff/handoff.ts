import {
  EventFactory,
  MessageFactory,
  TurnContext,
  type Activity,
  type Transcript,
} from 'botbuilder';
import { CheckReplies } from '../checkReplies.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import type { Logger } from '../log.js';
import type { Language } from '../nlu/language.js';
import type { Recognition } from '../nlu/recognizer.js';
import type { Replies } from '../replies.js';
import type { BotStateAccessors } from '../turn/state.js';
import { assess, conditionalAdvice, type Profile } from '../rules/index.js';
import type { AgentDesk, DeskChange } from './desk.js';
import type { ProactiveSender } from './proactive.js';
import { FrustrationDetector, isLeaveRequest } from './triggers.js';
import type { CaseFile, DeskCase, HandoffMode, HandoffReason, HandoffSession, TranscriptLine } from './types.js';

/** Marks a proactive turn the desk started; kept in turn state, which no client can set. */
export const DESK_NOTICE = Symbol('icp.deskNotice');

/** What the desk tells a user's conversation. */
export type DeskNotice =
  | { kind: 'claimed'; caseId: string; agent: string }
  | { kind: 'agentMessage'; caseId: string; agent: string; text: string }
  | { kind: 'ended'; caseId: string; agent: string }
  | { kind: 'place'; caseId: string; position: number };

/** The `value` of a `handoff.status` event (Bot Framework handoff protocol). */
interface HandoffStatusValue {
  state?: unknown;
  message?: unknown;
}

/** Most transcript lines kept per conversation for a case file; the bot's oldest go first, then the user's. */
export const MAX_TRANSCRIPT_LINES = 200;
/** Longest transcript line kept. */
const MAX_LINE_CHARS = 2000;

export interface HandoffDependencies {
  mode: HandoffMode;
  /** The session, the transcript, the streak of misses and the last check (for the case file). */
  state: BotStateAccessors;
  /** The replies in each language. */
  replies: Record<Language, Replies>;
  knowledge: KnowledgeBase;
  /** Unanswered messages in a row before the bot offers a person; 0: never on that ground. */
  afterFailures: number;
  /** The built-in desk (mode 'desk'). */
  desk?: AgentDesk;
  /** Starts proactive turns for the desk's notices (mode 'desk'). */
  proactive?: ProactiveSender;
  log: Logger;
}

/**
 * The conversation's side of talking to a person: it keeps the transcript a case file needs,
 * notices when to offer a person (repeated misses, frustration), opens the handoff (a desk case or
 * a `handoff.initiate` event), passes the user's messages on while it lasts, and gives the
 * conversation back to the bot when it ends.
 */
export class Handoff {
  private readonly repliesByLanguage: Record<Language, Replies>;
  private readonly frustration?: FrustrationDetector;
  private runTurn?: (context: TurnContext) => Promise<void>;

  constructor(private readonly deps: HandoffDependencies) {
    if (deps.mode === 'desk' && (!deps.desk || !deps.proactive)) throw new Error('Handoff(): mode "desk" needs the desk and a proactive sender');
    if (!deps.state || !deps.replies || !deps.knowledge) throw new Error('Handoff(): state, replies and knowledge are required');
    this.repliesByLanguage = deps.replies;
    // Loading the AFINN word list takes a few hundred milliseconds: only when a person can be offered.
    if (deps.mode !== 'off') this.frustration = new FrustrationDetector();
    // When a waiting conversation is taken or leaves, the ones behind it move up: tell them.
    deps.desk?.on('change', (change) => void this.tellNewPlaces(change));
  }

  /** Whether a person can be reached through the bot (protocol or desk). */
  get enabled(): boolean {
    return this.deps.mode !== 'off';
  }

  get mode(): HandoffMode {
    return this.deps.mode;
  }

  /** How proactive turns run: the bot's own turn pipeline (state, queue, outbox). Set by the bot. */
  bindTurnRunner(run: (context: TurnContext) => Promise<void>): void {
    this.runTurn = run;
  }

  /** Adds the user's message to the transcript. */
  async recordUser(context: TurnContext): Promise<void> {
    if (!this.enabled) return;
    const { text, attachments } = context.activity;
    const said = typeof text === 'string' && text.trim() !== '' ? text : attachments?.length ? `[${attachments.length} attachment(s)]` : '';
    if (said) await this.append(context, { from: 'user', text: said, at: new Date().toISOString() });
  }

  /** Adds what the bot (or an agent through it) sends to the transcript. */
  async recordReplies(context: TurnContext, activities: readonly Partial<Activity>[]): Promise<void> {
    if (!this.enabled) return;
    for (const activity of activities) {
      if (activity.type !== 'message') continue;
      const agent = (activity.channelData as { handoffAgent?: string } | undefined)?.handoffAgent;
      const text = describeMessage(activity);
      if (text) await this.append(context, { from: agent ? 'agent' : 'bot', text, at: new Date().toISOString(), ...(agent ? { agent } : {}) });
    }
  }

  /**
   * Notes how the matcher did on a message; returns why to offer a person now (several misses in a
   * row, or an annoyed message the bot could not answer), or undefined.
   */
  async noteRecognition(context: TurnContext, recognition: Recognition): Promise<HandoffReason | undefined> {
    // Without a handoff nothing reads the streak or the case file: no state to keep each turn.
    if (!this.enabled) return undefined;
    // What the agent's queue shows: the question itself, not "Yes, connect me".
    if (recognition.outcome !== 'intent') await this.deps.state.lastQuestion.set(context, recognition.text.slice(0, MAX_LINE_CHARS));
    if (recognition.outcome === 'answer' || recognition.outcome === 'intent') {
      await this.deps.state.unansweredStreak.set(context, 0);
      return undefined;
    }
    const entries = this.deps.knowledge.entries[recognition.language];
    await this.deps.state.lastUnanswered.set(context, {
      text: recognition.text,
      language: recognition.language,
      candidates: recognition.candidates.slice(0, 3).map((c) => ({ id: c.id, question: entries.find((e) => e.id === c.id)?.question ?? c.id, score: round(c.score) })),
    });
    const streak = (await this.deps.state.unansweredStreak.get(context, 0)) + (recognition.outcome === 'none' ? 1 : 0);
    await this.deps.state.unansweredStreak.set(context, streak);
    let reason: HandoffReason | undefined;
    if (this.frustration?.isFrustrated(recognition.text)) reason = 'frustrated';
    else if (this.deps.afterFailures > 0 && streak >= this.deps.afterFailures) reason = 'unanswered';
    if (reason) await this.deps.state.unansweredStreak.set(context, 0);
    return reason;
  }

  /** The buttons of the offer ("Shall I connect you?"). */
  offerButtons(language: Language): { yes: string; no: string } {
    const { t } = this.replies(language);
    return { yes: t('handoff.offer.yes'), no: t('handoff.offer.no') };
  }

  /** Hands the conversation over: a desk case, or a handoff.initiate event for the channel's contact centre. */
  async start(context: TurnContext, reason: HandoffReason, language: Language, profile?: Profile): Promise<void> {
    const replies = this.replies(language);
    const caseFile = await this.caseFile(context, reason, language, profile);
    const startedAt = new Date().toISOString();
    if (this.deps.mode === 'desk') {
      const desk = this.deps.desk as AgentDesk;
      const { deskCase, position } = await desk.open(caseFile, TurnContext.getConversationReference(context.activity));
      await this.deps.state.handoff.set(context, { mode: 'desk', status: 'waiting', reason, caseId: deskCase.id, startedAt });
      await context.sendActivity(replies.withActions(replies.t('handoff.desk.queued', { position }), [replies.imBack(replies.t('handoff.desk.leave'))]));
      return;
    }
    if (this.deps.mode === 'protocol') {
      const { transcript, ...handoffContext } = caseFile;
      const activities = transcript.map((line) => transcriptActivity(context, line));
      await context.sendActivity(EventFactory.createHandoffInitiation(context, handoffContext, { activities } as Transcript));
      await this.deps.state.handoff.set(context, { mode: 'protocol', status: 'requested', reason, startedAt });
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
    const replies = this.replies(language);
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

  /** A proactive turn the desk started: an agent took the case, wrote, or ended it. */
  async onDeskNotice(context: TurnContext, notice: DeskNotice, language: Language): Promise<void> {
    const session = await this.deps.state.handoff.get(context);
    // A notice for a case this conversation has already left changes nothing.
    if (session?.mode !== 'desk' || session.caseId !== notice.caseId) return;
    const replies = this.replies(language);
    switch (notice.kind) {
      case 'claimed':
        await this.deps.state.handoff.set(context, { ...session, status: 'active', agent: notice.agent });
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
        await this.deps.state.handoff.delete(context);
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
   * After a waiting case was claimed or left, tells each conversation that was behind it its new
   * place. Best effort: a conversation that cannot be reached learns its place when it next writes.
   */
  private async tellNewPlaces(change: DeskChange): Promise<void> {
    if ((change.kind !== 'claimed' && change.kind !== 'left') || !this.runTurn) return;
    const desk = this.deps.desk as AgentDesk;
    try {
      const gone = await desk.get(change.caseId);
      if (!gone) return;
      const waiting = (await desk.list()).filter((c) => c.status === 'waiting');
      await Promise.all(
        waiting.map(async (deskCase, index) => {
          if (deskCase.createdAt < gone.createdAt) return;
          await this.notify(deskCase, { kind: 'place', caseId: deskCase.id, position: index + 1 }).catch((error: Error) =>
            this.deps.log('warn', `handoff: could not tell case ${deskCase.id} its new place: ${error.message}`),
          );
        }),
      );
    } catch (error) {
      this.deps.log('warn', `handoff: could not update places in the queue: ${(error as Error).message}`);
    }
  }

  /**
   * A `handoff.status` event from the channel's contact centre: accepted, failed or completed.
   * Resolves false when this conversation asked for no handoff (the event is ignored).
   */
  async onStatus(context: TurnContext, language: Language): Promise<boolean> {
    const session = await this.deps.state.handoff.get(context);
    if (session?.mode !== 'protocol') return false;
    const value = (context.activity.value ?? {}) as HandoffStatusValue;
    const state = typeof value.state === 'string' ? value.state.toLowerCase() : '';
    const message = typeof value.message === 'string' ? value.message.replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, 300) : '';
    const replies = this.replies(language);
    switch (state) {
      case 'accepted':
        await this.deps.state.handoff.set(context, { ...session, status: 'active' });
        await context.sendActivity(replies.text(replies.t('handoff.protocol.accepted')));
        return true;
      case 'failed':
        await this.deps.state.handoff.delete(context);
        await context.sendActivity(replies.text(message ? replies.t('handoff.protocol.failedBecause', { reason: message }) : replies.t('handoff.protocol.failed')));
        return true;
      case 'completed':
        await this.deps.state.handoff.delete(context);
        await context.sendActivity(replies.text(replies.t('handoff.protocol.completed')));
        return true;
      default:
        this.deps.log('warn', `handoff.status with unknown state ${JSON.stringify(state.slice(0, 40))} in conversation ${context.activity.conversation?.id ?? '?'}`);
        return false;
    }
  }

  /** Tells a desk case's conversation about a change, in a proactive turn; rejects when it cannot be reached. */
  async notify(deskCase: DeskCase, notice: DeskNotice): Promise<void> {
    const { proactive } = this.deps;
    const run = this.runTurn;
    if (!proactive || !run) throw new Error('Handoff.notify(): no proactive sender or turn runner');
    await proactive.continue(deskCase.reference, async (context) => {
      context.turnState.set(DESK_NOTICE, notice);
      await run(context);
    });
  }

  /** What the person receives, from this conversation's state. */
  async caseFile(context: TurnContext, reason: HandoffReason, language: Language, profile?: Profile): Promise<CaseFile> {
    const checked = profile && Object.keys(profile).length > 0 ? profile : await this.deps.state.lastCheck.get(context);
    const caseFile: CaseFile = {
      reason,
      language,
      channelId: context.activity.channelId ?? '',
      transcript: [...(await this.deps.state.transcript.get(context, []))],
    };
    const userName = context.activity.from?.name;
    if (typeof userName === 'string' && userName.trim()) caseFile.userName = userName.slice(0, 100);
    if (checked) {
      const out = new CheckReplies(this.replies(language), this.deps.knowledge);
      const assessment = assess(checked);
      const complete = assessment.openQuestions.length === 0 || assessment.blockers.length > 0;
      caseFile.eligibility = {
        profile: checked,
        answers: out.describeAnswers(checked),
        ...(complete ? { result: describeMessage(out.result(assessment, '', conditionalAdvice(checked))) } : {}),
        needsPerson: assessment.needsHuman,
      };
    }
    const unanswered = await this.deps.state.lastUnanswered.get(context);
    if (unanswered) caseFile.lastUnanswered = unanswered;
    const question = await this.deps.state.lastQuestion.get(context);
    if (question) caseFile.question = question;
    return caseFile;
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

  private async append(context: TurnContext, line: TranscriptLine): Promise<void> {
    const lines = await this.deps.state.transcript.get(context, []);
    lines.push({ ...line, text: line.text.slice(0, MAX_LINE_CHARS) });
    // Over the limit the oldest of the bot's lines go first: what the user said is kept longest.
    while (lines.length > MAX_TRANSCRIPT_LINES) {
      const botLine = lines.findIndex((kept) => kept.from !== 'user');
      lines.splice(botLine >= 0 ? botLine : 0, 1);
    }
    await this.deps.state.transcript.set(context, lines);
  }

  /** Every phrase and button that leaves a handoff, in both languages (a user may switch). */
  private leaveButtons(): string[] {
    return Object.values(this.repliesByLanguage).flatMap((r) => [r.t('handoff.desk.leave'), r.t('handoff.desk.end'), r.t('handoff.protocol.back')]);
  }

  private replies(language: Language): Replies {
    return this.repliesByLanguage[language];
  }
}

/** The readable text of a message: its text, a card's fallback text, and its buttons. */
function describeMessage(activity: Partial<Activity>): string {
  const parts: string[] = [];
  if (typeof activity.text === 'string' && activity.text.trim()) parts.push(activity.text);
  for (const attachment of activity.attachments ?? []) {
    const fallback = (attachment.content as { fallbackText?: unknown } | undefined)?.fallbackText;
    if (typeof fallback === 'string' && fallback.trim()) parts.push(fallback);
  }
  const buttons = activity.suggestedActions?.actions?.map((a) => a.title).filter(Boolean) ?? [];
  if (buttons.length > 0) parts.push(`[${buttons.join(' | ')}]`);
  return parts.join('\n');
}

/** A transcript line as an activity, for the transcript attachment of handoff.initiate. */
function transcriptActivity(context: TurnContext, line: TranscriptLine): Partial<Activity> {
  const bot = context.activity.recipient;
  const user = context.activity.from;
  return {
    ...MessageFactory.text(line.text),
    timestamp: new Date(line.at),
    from: line.from === 'user' ? user : { ...bot, name: line.agent ?? bot?.name, role: 'bot' },
    recipient: line.from === 'user' ? bot : user,
    conversation: context.activity.conversation,
    channelId: context.activity.channelId,
  };
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
