import type { Activity, CardAction } from 'botbuilder';
import { quote } from './text.js';

const HERO_CARD = 'application/vnd.microsoft.card.hero';
const THUMBNAIL_CARD = 'application/vnd.microsoft.card.thumbnail';
const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** What clicking a button sends, as a channel would: text, a value, or both. */
export interface Click {
  text?: string;
  value?: unknown;
}

/** A button of a bot message: its title and what clicking it sends (undefined: it opens a URL or the like). */
export interface Button {
  title: string;
  click?: Click;
}

/** Activity types the runner reads; typing indicators, traces and events are skipped. */
export function isBotMessage(activity: Partial<Activity>): boolean {
  return activity.type === 'message';
}

/** Buttons of a message: suggested actions, hero and thumbnail card buttons, Adaptive Card actions (ActionSets included). */
export function buttonsOf(activity: Partial<Activity>): Button[] {
  const buttons: Button[] = (activity.suggestedActions?.actions ?? []).map(cardActionButton);
  for (const attachment of activity.attachments ?? []) {
    const content = objectOf(attachment.content);
    if (!content) continue;
    if (attachment.contentType === HERO_CARD || attachment.contentType === THUMBNAIL_CARD) {
      for (const action of arrayOf(content.buttons)) buttons.push(cardActionButton(action as CardAction));
    } else if (attachment.contentType === ADAPTIVE_CARD) {
      buttons.push(...adaptiveActions(content));
    }
  }
  return buttons.filter((b) => b.title !== '');
}

/** Texts of a message's cards: hero/thumbnail title, subtitle and text; Adaptive Card TextBlocks, RichTextBlocks and FactSets. */
export function cardTextsOf(activity: Partial<Activity>): string[] {
  const texts: string[] = [];
  for (const attachment of activity.attachments ?? []) {
    const content = objectOf(attachment.content);
    if (!content) continue;
    if (attachment.contentType === HERO_CARD || attachment.contentType === THUMBNAIL_CARD) {
      for (const key of ['title', 'subtitle', 'text']) if (typeof content[key] === 'string') texts.push(content[key]);
    } else if (attachment.contentType === ADAPTIVE_CARD) {
      adaptiveTexts(content, texts);
    }
  }
  return texts.filter((t) => t.trim() !== '');
}

/** A bot message as a report shows it: its text, buttons and card texts, one per line. */
export function describeMessage(activity: Partial<Activity> | undefined): string[] {
  if (!activity) return ['(no bot message)'];
  const lines = [`text: ${activity.text ? quote(activity.text, 400) : '(none)'}`];
  const buttons = buttonsOf(activity).map((b) => quote(b.title));
  if (buttons.length > 0) lines.push(`buttons: ${buttons.join(', ')}`);
  const cards = cardTextsOf(activity).map((t) => quote(t, 120));
  if (cards.length > 0) lines.push(`cards: ${cards.join(', ')}`);
  if (activity.locale) lines.push(`locale: ${activity.locale}`);
  return lines;
}

function cardActionButton(action: CardAction): Button {
  const title = String(action.title ?? (typeof action.value === 'string' ? action.value : ''));
  switch (action.type) {
    case 'imBack':
      return { title, click: { text: typeof action.value === 'string' ? action.value : title } };
    case 'messageBack':
      return { title, click: { text: action.text ?? action.displayText, value: action.value } };
    case 'postBack':
      return { title, click: typeof action.value === 'string' ? { text: action.value } : { value: action.value } };
    default:
      return { title };
  }
}

/** Actions of an Adaptive Card: its own, those of ActionSets anywhere in its body, and those of shown cards. */
function adaptiveActions(card: Record<string, unknown>): Button[] {
  const buttons: Button[] = [];
  const choiceSets: Record<string, unknown>[] = [];
  let firstSubmit: Record<string, unknown> | undefined;
  const visitActions = (actions: unknown) => {
    for (const raw of arrayOf(actions)) {
      const action = objectOf(raw);
      if (!action) continue;
      const title = typeof action.title === 'string' ? action.title : '';
      if (action.type === 'Action.Submit' || action.type === 'Action.Execute') {
        buttons.push({ title, click: submitClick(action.data) });
        firstSubmit ??= action;
      } else buttons.push({ title });
      if (action.type === 'Action.ShowCard') visitCard(objectOf(action.card));
    }
  };
  const visitElements = (elements: unknown) => {
    for (const raw of arrayOf(elements)) {
      const element = objectOf(raw);
      if (!element) continue;
      if (element.type === 'ActionSet') visitActions(element.actions);
      if (element.type === 'Input.ChoiceSet') choiceSets.push(element);
      visitElements(element.items);
      visitElements(element.columns);
    }
  };
  const visitCard = (content: Record<string, unknown> | undefined) => {
    if (!content) return;
    visitElements(content.body);
    visitActions(content.actions);
  };
  visitCard(card);
  // A choice of a card's choice set counts as a button: clicking it picks that choice alone and submits the card,
  // as a person ticks one box and presses the card's submit button (its data and the input's value, as Web Chat sends).
  if (firstSubmit) {
    const data = objectOf(firstSubmit.data) ?? {};
    for (const set of choiceSets) {
      if (typeof set.id !== 'string') continue;
      for (const raw of arrayOf(set.choices)) {
        const choice = objectOf(raw);
        if (!choice || typeof choice.title !== 'string' || typeof choice.value !== 'string') continue;
        buttons.push({ title: choice.title, click: { value: { ...data, [set.id]: choice.value } } });
      }
    }
  }
  return buttons;
}

/** What an Adaptive Card submit sends: Teams' imBack/messageBack shapes as text, anything else as the value. */
function submitClick(data: unknown): Click {
  if (typeof data === 'string') return { text: data };
  const teams = objectOf(objectOf(data)?.msteams);
  if (teams?.type === 'imBack' && typeof teams.value === 'string') return { text: teams.value };
  if (teams?.type === 'messageBack') return { text: typeof teams.text === 'string' ? teams.text : undefined, value: teams.value };
  return { value: data ?? {} };
}

function adaptiveTexts(card: Record<string, unknown>, texts: string[]): void {
  const visit = (elements: unknown) => {
    for (const raw of arrayOf(elements)) {
      const element = objectOf(raw);
      if (!element) continue;
      if (element.type === 'TextBlock' && typeof element.text === 'string') texts.push(element.text);
      if (element.type === 'RichTextBlock') {
        const runs = arrayOf(element.inlines).map((inline) => (typeof inline === 'string' ? inline : String(objectOf(inline)?.text ?? '')));
        texts.push(runs.join(''));
      }
      if (element.type === 'FactSet') {
        for (const fact of arrayOf(element.facts).map(objectOf)) {
          if (typeof fact?.title === 'string') texts.push(fact.title);
          if (typeof fact?.value === 'string') texts.push(fact.value);
        }
      }
      visit(element.items);
      visit(element.columns);
    }
  };
  visit(card.body);
}

function objectOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
