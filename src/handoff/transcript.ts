import { MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import { checkRepliesByLanguage, type CheckReplies } from '../check/replies.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import type { Language } from '../nlu/language.js';
import type { Replies } from '../replies.js';
import { assess, conditionalAdvice, type Profile } from '../rules/index.js';
import type { BotStateAccessors } from '../turn/state.js';
import type { CaseFile, HandoffReason, TranscriptLine } from './types.js';

/** Most transcript lines kept per conversation for a case file; the bot's oldest go first, then the user's. */
export const MAX_TRANSCRIPT_LINES = 200;
/** Longest transcript line kept. */
export const MAX_LINE_CHARS = 2000;

/** What {@link HandoffTranscript} needs; built in app.ts. */
export interface HandoffTranscriptDependencies {
  /** Whether a person can be reached: without a handoff nothing reads the transcript, so none is kept. */
  enabled: boolean;
  /** The transcript, the last check and what the handoff triggers noted. */
  state: BotStateAccessors;
  replies: Record<Language, Replies>;
  knowledge: KnowledgeBase;
}

/**
 * What a person taking the conversation reads: the transcript of what was said (kept in
 * conversation state while a handoff is possible) and the case file built from it and the check.
 */
export class HandoffTranscript {
  private readonly checkReplies: Record<Language, CheckReplies>;

  constructor(private readonly deps: HandoffTranscriptDependencies) {
    if (!deps.state || !deps.replies || !deps.knowledge) throw new Error('HandoffTranscript(): state, replies and knowledge are required');
    this.checkReplies = checkRepliesByLanguage(deps.replies, deps.knowledge);
  }

  /** Adds the user's message to the transcript. */
  async recordUser(context: TurnContext): Promise<void> {
    if (!this.deps.enabled) return;
    const { text, attachments } = context.activity;
    const said = typeof text === 'string' && text.trim() !== '' ? text : attachments?.length ? `[${attachments.length} attachment(s)]` : '';
    if (said) await this.append(context, { from: 'user', text: said, at: new Date().toISOString() });
  }

  /** Adds what the bot (or an agent through it) sends to the transcript. */
  async recordReplies(context: TurnContext, activities: readonly Partial<Activity>[]): Promise<void> {
    if (!this.deps.enabled) return;
    for (const activity of activities) {
      if (activity.type !== 'message') continue;
      const agent = (activity.channelData as { handoffAgent?: string } | undefined)?.handoffAgent;
      const text = describeMessage(activity);
      if (text) await this.append(context, { from: agent ? 'agent' : 'bot', text, at: new Date().toISOString(), ...(agent ? { agent } : {}) });
    }
  }

  /** What the person receives, from this conversation's state. */
  async caseFile(context: TurnContext, reason: HandoffReason, language: Language, profile?: Profile): Promise<CaseFile> {
    const { state } = this.deps;
    const checked = profile && Object.keys(profile).length > 0 ? profile : await state.lastCheck.get(context);
    const caseFile: CaseFile = {
      reason,
      language,
      channelId: context.activity.channelId ?? '',
      transcript: [...(await state.transcript.get(context, []))],
    };
    const userName = context.activity.from?.name;
    if (typeof userName === 'string' && userName.trim()) caseFile.userName = userName.slice(0, 100);
    if (checked) {
      const out = this.checkReplies[language];
      const assessment = assess(checked);
      const complete = assessment.openQuestions.length === 0 || assessment.blockers.length > 0;
      caseFile.eligibility = {
        profile: checked,
        answers: out.describeAnswers(checked),
        ...(complete ? { result: describeMessage(out.result(assessment, '', conditionalAdvice(checked))) } : {}),
        needsPerson: assessment.needsHuman,
      };
    }
    const unanswered = await state.lastUnanswered.get(context);
    if (unanswered) caseFile.lastUnanswered = unanswered;
    const question = await state.lastQuestion.get(context);
    if (question) caseFile.question = question;
    return caseFile;
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
export function transcriptActivity(context: TurnContext, line: TranscriptLine): Partial<Activity> {
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
