import {
  PROVINCE_IDS,
  PROVINCES,
  type ProvinceId,
  type Region,
  editDistance,
  matchProvince,
  matchRegion,
  provinceById,
} from '../../../src/rules/provinces.js';

describe('PROVINCES', () => {
  it('lists the 31 mainland provincial-level divisions once each', () => {
    expect(PROVINCES).toHaveLength(31);
    expect(new Set(PROVINCES.map((province) => province.id)).size).toBe(31);
    expect(PROVINCES.map((province) => province.id)).toEqual([...PROVINCE_IDS]);
  });

  it('gives every Chinese name its suffix and a short form without it', () => {
    for (const province of PROVINCES) {
      expect(province.nameZh.startsWith(province.shortNameZh)).toBe(true);
      expect(province.nameZh).toMatch(/(省|市|自治区)$/);
      expect(province.shortNameZh).not.toMatch(/(省|市|自治区)$/);
    }
  });

  it.each(PROVINCES.map((province) => [province.id, province] as const))(
    '%s is matched by its id, English name, full and short Chinese names',
    (id, province) => {
      expect(matchProvince(id)).toBe(id);
      expect(matchProvince(province.nameEn)).toBe(id);
      expect(matchProvince(province.nameEn.toUpperCase())).toBe(id);
      expect(matchProvince(province.nameZh)).toBe(id);
      expect(matchProvince(province.shortNameZh)).toBe(id);
    },
  );
});

describe('matchProvince', () => {
  const cases: ReadonlyArray<[string, ProvinceId | undefined]> = [
    // English and pinyin, any case
    ['Guangdong', 'guangdong'],
    ['guangdong province', 'guangdong'],
    ['GUANGDONG', 'guangdong'],
    ['Inner Mongolia', 'neimenggu'],
    ['Nei Menggu', 'neimenggu'],
    ['Tibet', 'xizang'],
    ['Xizang Autonomous Region', 'xizang'],
    ['Guangxi Zhuang Autonomous Region', 'guangxi'],
    ['Beijing City', 'beijing'],
    ['Shanxi', 'shanxi'],
    ['Shaanxi', 'shaanxi'],
    ['I live in Sichuan', 'sichuan'],
    ['Guǎngdōng', 'guangdong'],
    // Chinese, with and without suffix, inside a sentence
    ['广东', 'guangdong'],
    ['广东省', 'guangdong'],
    ['上海市', 'shanghai'],
    ['内蒙古自治区', 'neimenggu'],
    ['新疆维吾尔自治区', 'xinjiang'],
    ['陕西', 'shaanxi'],
    ['山西', 'shanxi'],
    ['我的身份证是湖南的', 'hunan'],
    // small misspellings
    ['guangdon', 'guangdong'],
    ['shang hai', 'shanghai'],
    ['Shangai', 'shanghai'],
    ['Zhejang', 'zhejiang'],
    ['heilongjang', 'heilongjiang'],
    ['Sichaun', 'sichuan'],
    ['inner mongolai', 'neimenggu'],
    // not a province
    ['hello', undefined],
    ['yes', undefined],
    ['no', undefined],
    ['human', undefined],
    ['china', undefined],
    ['Hong Kong', undefined],
    ['香港', undefined],
    ['', undefined],
    // one letter from two provinces at once, or two provinces named: no guess
    ['hanan', undefined],
    ['jiangsi', undefined],
    ['Beijing and Shanghai', undefined],
    ['广东还是广西', undefined],
  ];

  it.each(cases)('%j -> %s', (text, expected) => {
    expect(matchProvince(text)).toBe(expected);
  });
});

describe('matchRegion', () => {
  const cases: ReadonlyArray<[string, Region | undefined]> = [
    ['Hong Kong', 'outside-mainland'],
    ['hongkong', 'outside-mainland'],
    ['HK', 'outside-mainland'],
    ['香港', 'outside-mainland'],
    ['中国香港', 'outside-mainland'],
    ['Hong Kong, China', 'outside-mainland'],
    ['Macau', 'outside-mainland'],
    ['澳门', 'outside-mainland'],
    ['Taiwan', 'outside-mainland'],
    ['台湾', 'outside-mainland'],
    ['US', 'outside-mainland'],
    ['us', 'outside-mainland'],
    ['a server in the US', 'outside-mainland'],
    ['Germany', 'outside-mainland'],
    ['Singapore', 'outside-mainland'],
    ['overseas', 'outside-mainland'],
    ['海外', 'outside-mainland'],
    ['国外', 'outside-mainland'],
    ['outside mainland China', 'outside-mainland'],
    ['not in China', 'outside-mainland'],
    ['Shanghai', 'mainland'],
    ['Shangai', 'mainland'],
    ['广东省', 'mainland'],
    ['我的服务器在北京', 'mainland'],
    ['mainland China', 'mainland'],
    ['China', 'mainland'],
    ['中国大陆', 'mainland'],
    ['国内', 'mainland'],
    ['hello', undefined],
    ['yes', undefined],
    ['can you help us', undefined],
    ['Shanghai or Singapore', undefined],
  ];

  it.each(cases)('%j -> %s', (text, expected) => {
    expect(matchRegion(text)).toBe(expected);
  });
});

describe('editDistance', () => {
  it.each([
    ['guangdong', 'guangdong', 0],
    ['guangdon', 'guangdong', 1],
    ['shangai', 'shanghai', 1],
    ['sichaun', 'sichuan', 1],
    ['hebei', 'hubei', 1],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
  ] as const)('%s / %s = %d', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
    expect(editDistance(b, a)).toBe(expected);
  });
});

describe('provinceById', () => {
  it('returns the province and names an unknown id', () => {
    expect(provinceById('guangdong').nameZh).toBe('广东省');
    expect(() => provinceById('atlantis' as ProvinceId)).toThrow('provinceById(): unknown province id "atlantis"');
  });
});
