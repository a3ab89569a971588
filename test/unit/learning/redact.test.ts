import { hasRedaction, redactPersonalData } from '../../../src/learning/redact';

describe('redactPersonalData', () => {
  it.each([
    // Chinese mobile numbers, with and without the country code
    ['call me at 13812345678', 'call me at [phone]'],
    ['我的手机号是13812345678，请回电', '我的手机号是[phone]，请回电'],
    ['138-1234-5678 is my number', '[phone] is my number'],
    ['手机：+86 138 1234 5678', '手机：[phone]'],
    ['+8613912345678 please', '[phone] please'],
    ['全角号码１３８１２３４５６７８', '全角号码[phone]'],
    ['我的电话0086-13912345678', '我的电话[phone]'],
    // landlines with an area code
    ['office 010-12345678', 'office [phone]'],
    ['座机(0755) 1234567', '座机[phone]'],
    ['+86 10 1234 5678 is the office', '[phone] is the office'],
    // other countries' numbers with a + code
    ['US office +1 415 555 1234', 'US office [phone]'],
    // e-mail addresses
    ['write to zhang.san@example.com.cn', 'write to [email]'],
    ['邮箱：li_si+icp@qq.com，谢谢', '邮箱：[email]，谢谢'],
    // resident ID numbers, 18 digits or 17 and X, spaced, and the old 15 digits
    ['身份证11010519491231002X能备案吗', '身份证[id-number]能备案吗'],
    ['my ID is 110105194912310021', 'my ID is [id-number]'],
    ['id 11010519491231002x lower case', 'id [id-number] lower case'],
    ['110105 19491231 002X', '[id-number]'],
    ['旧身份证110105491231002', '旧身份证[id-number]'],
    // unified social credit codes (business licence numbers)
    ['营业执照号91350100M000100Y43', '营业执照号[licence-number]'],
    ['licence 91110108MA01ABCD2X for the filing', 'licence [licence-number] for the filing'],
    // several in one message
    ['张三 13812345678 zhangsan@163.com', '张三 [phone] [email]'],
    // full-width characters come back as ASCII, with or without anything to redact
    ['ＩＣＰ ｆｉｌｉｎｇ for ｍｙ ｂｌｏｇ', 'ICP filing for my blog'],
    ['ｍａｉｌ ｚｈａｎｇ＠ｅｘａｍｐｌｅ.com', 'mail [email]'],
  ])('%s', (input, expected) => {
    expect(redactPersonalData(input)).toBe(expected);
  });

  it.each([
    // ICP filing and licence numbers and public security filing numbers are public: kept
    ['京ICP备12345678号-1 was revoked, why?', '京ICP备12345678号-1 was revoked, why?'],
    ['我的备案号是沪ICP备2021012345号', '我的备案号是沪ICP备2021012345号'],
    ['粤ICP证030173号 is a commercial licence', '粤ICP证030173号 is a commercial licence'],
    ['京公网安备11010502030143号怎么办', '京公网安备11010502030143号怎么办'],
    // company hotlines, words, short numbers and years are not personal
    ['call 400-820-8820', 'call 400-820-8820'],
    ['telecommunications licence in 2024', 'telecommunications licence in 2024'],
    ['备案需要20个工作日吗', '备案需要20个工作日吗'],
    ['do I need a filing for 3 sites', 'do I need a filing for 3 sites'],
  ])('keeps %s', (input, expected) => {
    expect(redactPersonalData(input)).toBe(expected);
  });

  it('tells a redacted text from a clean one', () => {
    expect(hasRedaction(redactPersonalData('my number 13812345678'))).toBe(true);
    expect(hasRedaction('how long does the filing take')).toBe(false);
  });
});
