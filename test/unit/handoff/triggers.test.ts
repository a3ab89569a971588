import { confirmationOf, FrustrationDetector, isLeaveRequest } from '../../../src/handoff/triggers';

const detector = new FrustrationDetector();
const buttons = { yes: 'Yes, connect me', no: 'No, stay with the bot' };

describe('FrustrationDetector', () => {
  it.each([
    'this is useless, you are a stupid bot',
    'terrible answer, waste of time',
    'I am so frustrated with this',
    'this is ridiculous, I hate it',
    '你这个机器人真没用',
    '答非所问，浪费时间',
    '什么鬼，听不懂',
    'this bot is a problem, useless',
    // Negation stays within its clause: "not helping" is annoyed, whatever comes after the comma.
    'you are not helping, terrible',
  ])('reads %s as frustrated', (text) => {
    expect(detector.isFrustrated(text)).toBe(true);
  });

  it.each([
    'what is an ICP filing',
    'do I need a filing for a server in Hong Kong',
    'great, thanks',
    '我需要办理ICP备案吗',
    '外国公司怎么备案',
    'shop in Shenzhen hosted on tencent cloud singapore, is that a problem?',
    'my filing was rejected, what is the risk of a fine?',
    'is it illegal to run the site without a filing',
    // "not allowed" tells a rule, and the negation does not reach into the next sentence.
    "the filing came back, our site name is not allowed. we used 'Happy Best Shop'. why?",
    'they do not accept a foreign passport for this?',
    // Losing a filing, or a site going offline, is what is asked about.
    'filing done with one provider, servers moving to another. do we lose it??',
    'will the site be offline while the new filing is reviewed?',
    // A missed step is asked about too.
    'i missed the sms, it expired. now what',
    // So is a number or password forgotten.
    'i forget how to look up my icp number',
    'forgot the password of my filing account',
    '',
    '😀😀',
  ])('does not read %s as frustrated', (text) => {
    expect(detector.isFrustrated(text)).toBe(false);
  });
});

describe('confirmationOf', () => {
  it.each([
    ['Yes, connect me', 'yes'],
    ['yes', 'yes'],
    ['  YES! ', 'yes'],
    ['好的', 'yes'],
    ['No, stay with the bot', 'no'],
    ['no thanks', 'no'],
    ['不用了', 'no'],
    // Short ways of saying it that testers typed.
    ['yes pls', 'yes'],
    ['go ahead', 'yes'],
    ['嗯嗯', 'yes'],
    ['nah', 'no'],
    ['不需要', 'no'],
    ['what is a CDN?', undefined],
    ['yes I need a filing for my server in Beijing', undefined],
  ] as const)('reads %s as %s', (text, expected) => {
    expect(confirmationOf(text, buttons)).toBe(expected);
  });
});

describe('isLeaveRequest', () => {
  it.each(['Leave the queue', 'leave the queue', 'cancel', '取消', '离开队列', 'End the chat'])('%s leaves', (text) => {
    expect(isLeaveRequest(text, ['Leave the queue', 'End the chat'])).toBe(true);
  });

  it.each(['cancel my filing please', 'how do I leave a review', '我想取消备案'])('%s is for the person', (text) => {
    expect(isLeaveRequest(text, ['Leave the queue', 'End the chat'])).toBe(false);
  });
});
