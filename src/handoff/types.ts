import type { ConversationReference } from 'botbuilder';
import type { Language } from '../nlu/language.js';
import type { Profile } from '../rules/index.js';

/** Why the conversation goes to a person. */
export type HandoffReason = 'requested' | 'unanswered' | 'frustrated' | 'needs-person';
export const HANDOFF_REASONS: readonly HandoffReason[] = ['requested', 'unanswered', 'frustrated', 'needs-person'];

/** Where handoffs go, from configuration (HANDOFF). */
export type HandoffMode = 'off' | 'protocol' | 'desk';

/** Who said a line of the transcript. */
export type Speaker = 'user' | 'bot' | 'agent';

/** One line of a conversation as the agent reads it. */
export interface TranscriptLine {
  from: Speaker;
  text: string;
  /** ISO time. */
  at: string;
  /** The agent's name, for agent lines. */
  agent?: string;
  /** The activity it came from, so a turn that runs twice adds it once. */
  id?: string;
}

/** The last message the bot could not answer, with what it considered. */
export interface UnansweredQuestion {
  text: string;
  language: Language;
  candidates: { id: string; question: string; score: number }[];
}

/** What the agent receives: everything needed to help without asking the user to repeat themselves. */
export interface CaseFile {
  reason: HandoffReason;
  language: Language;
  channelId: string;
  /** The user's display name when the channel gave one. */
  userName?: string;
  transcript: TranscriptLine[];
  /** The user's own question: the last message the bot took as one (not a chat intent such as asking for a person). */
  question?: string;
  /** The eligibility answers given so far (in a check or the last completed one), and the result's text. */
  eligibility?: { profile: Profile; answers: string; result?: string; needsPerson: boolean };
  lastUnanswered?: UnansweredQuestion;
}

/** Where a desk case stands. */
export type CaseStatus = 'waiting' | 'active' | 'ended' | 'left';

/** A conversation handed to the built-in desk, as kept in storage. */
export interface DeskCase {
  id: string;
  status: CaseStatus;
  createdAt: string;
  claimedAt?: string;
  endedAt?: string;
  /** The agent who claimed it. */
  agent?: string;
  caseFile: CaseFile;
  /** What was said after the handoff, user and agent, oldest first. */
  messages: TranscriptLine[];
  /** How to reach the user's conversation with proactive messages. */
  reference: Partial<ConversationReference>;
  /** Who ended it. */
  endedBy?: 'agent' | 'user';
}

/** The conversation's side of a handoff, kept in conversation state. */
export interface HandoffSession {
  mode: 'protocol' | 'desk';
  /** protocol: requested → active; desk: waiting → active. */
  status: 'requested' | 'waiting' | 'active';
  reason: HandoffReason;
  /** The desk case, in desk mode. */
  caseId?: string;
  agent?: string;
  startedAt: string;
}
