/** What the desk tells a user's conversation, in a proactive turn. */
export type DeskNotice =
  | { kind: 'claimed'; caseId: string; agent: string }
  | { kind: 'agentMessage'; caseId: string; agent: string; text: string }
  | { kind: 'ended'; caseId: string; agent: string }
  | { kind: 'place'; caseId: string; position: number };
