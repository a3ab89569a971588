import { CardFactory, type Activity } from 'botbuilder';
import { buttonsOf, cardTextsOf, describeMessage } from '../../../tools/convo';

describe('buttonsOf()', () => {
  it('says what each kind of button sends when clicked', () => {
    const activity: Partial<Activity> = {
      type: 'message',
      suggestedActions: {
        to: [],
        actions: [
          { type: 'imBack', title: 'Yes', value: 'yes please' },
          { type: 'messageBack', title: 'Rate', text: 'rate 5', value: { stars: 5 } },
          { type: 'postBack', title: 'Hidden', value: 'hidden text' },
          { type: 'openUrl', title: 'Docs', value: 'https://example.com' },
        ],
      },
      attachments: [
        CardFactory.adaptiveCard({
          type: 'AdaptiveCard',
          body: [{ type: 'ColumnSet', columns: [{ type: 'Column', items: [{ type: 'ActionSet', actions: [{ type: 'Action.Submit', title: 'Send', data: { choice: 'a' } }] }] }] }],
          actions: [
            { type: 'Action.Submit', title: 'Teams', data: { msteams: { type: 'imBack', value: 'from teams' } } },
            { type: 'Action.ShowCard', title: 'More', card: { type: 'AdaptiveCard', actions: [{ type: 'Action.Submit', title: 'Inner', data: 'inner' }] } },
          ],
        }),
      ],
    };
    expect(buttonsOf(activity)).toEqual([
      { title: 'Yes', click: { text: 'yes please' } },
      { title: 'Rate', click: { text: 'rate 5', value: { stars: 5 } } },
      { title: 'Hidden', click: { text: 'hidden text' } },
      { title: 'Docs' },
      { title: 'Send', click: { value: { choice: 'a' } } },
      { title: 'Teams', click: { text: 'from teams' } },
      { title: 'More' },
      { title: 'Inner', click: { text: 'inner' } },
    ]);
  });
});

describe('buttonsOf() on a card with a choice set', () => {
  it('offers each choice as a button that ticks it alone and submits the card as Web Chat does', () => {
    const activity: Partial<Activity> = {
      type: 'message',
      attachments: [
        CardFactory.adaptiveCard({
          type: 'AdaptiveCard',
          body: [{ type: 'Input.ChoiceSet', id: 'choices', isMultiSelect: true, choices: [{ title: 'Games', value: 'gaming' }, { title: 'Forum', value: 'bbs' }] }],
          actions: [{ type: 'Action.Submit', title: 'Done', data: { checkAnswer: 'site-types' } }],
        }),
      ],
    };
    expect(buttonsOf(activity)).toEqual([
      { title: 'Done', click: { value: { checkAnswer: 'site-types' } } },
      { title: 'Games', click: { value: { checkAnswer: 'site-types', choices: 'gaming' } } },
      { title: 'Forum', click: { value: { checkAnswer: 'site-types', choices: 'bbs' } } },
    ]);
  });

  it('offers no choice buttons on a card without a submit action', () => {
    const activity: Partial<Activity> = {
      type: 'message',
      attachments: [CardFactory.adaptiveCard({ type: 'AdaptiveCard', body: [{ type: 'Input.ChoiceSet', id: 'c', choices: [{ title: 'A', value: 'a' }] }] })],
    };
    expect(buttonsOf(activity)).toEqual([]);
  });
});

describe('cardTextsOf() and describeMessage()', () => {
  const activity: Partial<Activity> = {
    type: 'message',
    text: 'Here is\nyour result',
    locale: 'en',
    attachments: [
      CardFactory.thumbnailCard('Title', 'Text', undefined, undefined, { subtitle: 'Sub' }),
      CardFactory.adaptiveCard({ type: 'AdaptiveCard', body: [{ type: 'RichTextBlock', inlines: ['Rich ', { type: 'TextRun', text: 'text' }] }] }),
    ],
  };

  it('collects thumbnail and rich text', () => {
    expect(cardTextsOf(activity)).toEqual(['Title', 'Sub', 'Text', 'Rich text']);
  });

  it('describes a message on a few lines', () => {
    expect(describeMessage(activity)).toEqual(['text: "Here is your result"', 'cards: "Title", "Sub", "Text", "Rich text"', 'locale: en']);
    expect(describeMessage(undefined)).toEqual(['(no bot message)']);
  });
});
