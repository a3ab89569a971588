import type { Facts } from '../../../../src/nlu/facts';
import type { Profile } from '../../../../src/rules';
import { sharedReader } from './readerFixture';

const reader = sharedReader();

/** The facts without the place mentions and the host's display names, which have their own tests. */
function stated(text: string): Omit<Facts, 'places'> {
  const { places: _places, hostingProviderName, ...rest } = reader.read(text);
  // A host read has its names to say back; none without one.
  expect(hostingProviderName !== undefined).toBe(rest.hostingProviderId !== undefined);
  return rest;
}

describe('FactReader.read: a company or person moving to another province', () => {
  it.each<[string, Profile]>([
    ['our company moved from Shanghai to Hangzhou', { entityType: 'mainland-organisation', licenceProvince: 'zhejiang', movedFromProvince: 'shanghai' }],
    // Left from where the filing was made; a filing wished for is not one made.
    ["I have my filing in Hunan but I've moved to Chengdu for good", { residenceProvince: 'sichuan', movedFromProvince: 'hunan' }],
    ['之前在山东备的案，现在搬到西安长住了', { residenceProvince: 'shaanxi', movedFromProvince: 'shandong' }],
    ['we want our filing in Hunan, we moved to Chengdu last year', { residenceProvince: 'sichuan', desiredProvince: 'hunan' }],
    ['公司从苏州迁到上海了', { entityType: 'mainland-organisation', licenceProvince: 'shanghai', movedFromProvince: 'jiangsu' }],
    // A foreign company's office that moves takes its certificate's province along.
    ['we are relocating our representative office from Beijing to Shenzhen', { entityType: 'foreign-enterprise', foreignPresence: 'representative-office-certificate', certificateProvince: 'guangdong', movedFromProvince: 'beijing' }],
    ['we relocated our company from Chengdu to Xi\'an', { entityType: 'mainland-organisation', licenceProvince: 'shaanxi', movedFromProvince: 'sichuan' }],
    ['I moved from Guangzhou to Hangzhou', { movedFromProvince: 'guangdong' }],
  ])('%s', (text, profile) => {
    expect(reader.read(text).profile).toEqual(profile);
  });

  it.each<[string, Profile]>([
    // Within one province, nothing moves across provinces.
    ['our company moved from Shenzhen to Guangzhou', { entityType: 'mainland-organisation', licenceProvince: 'guangdong' }],
    // A server that moves is read as before: the place it goes to is where it is.
    ['moving our server from Beijing to Shanghai', { hosting: 'mainland' }],
    // An ID from one province and a home in another is no move.
    ['ID card from Henan, I moved to Beijing', { entityType: 'individual', idProvince: 'henan', residenceProvince: 'beijing' }],
    // "from … to …" without moving.
    ['our company sells from Shanghai to Hangzhou', { entityType: 'mainland-organisation' }],
  ])('not a move across provinces: %s', (text, profile) => {
    expect(reader.read(text).profile).toEqual(profile);
  });
});

describe('FactReader.read: a filed site moving to another provider', () => {
  it.each([
    "My filing was done through Aliyun but I'm moving the server to Tencent Cloud Nanjing",
    '之前在腾讯云备的案，现在网站要迁到华为云',
    'we are migrating the site from Alibaba Cloud to Huawei Cloud',
    // A provider said in the past is the one left behind.
    '我们网站原来在阿里云备案，现在迁到华为云',
    // The provider the filing was made through, left behind, is not one the user wants to file through.
    'we had our beian with Alibaba Cloud and are now switching to Huawei Cloud',
  ])('%s', (text) => {
    expect(reader.read(text).profile.desiredFilingProvider).toBeUndefined();
    expect(reader.read(text).profile.movingToAnotherProvider).toBe(true);
  });

  it.each([
    // From abroad there was no filing to take along, unless the message says there was.
    'we moved the site from Linode to Huawei Cloud',
    // Naming two providers is no move.
    'our domain is at Aliyun and the server on Tencent Cloud',
    'I want to file through Tencent Cloud but my server is at Aliyun',
  ])('not: %s', (text) => {
    expect(reader.read(text).profile.movingToAnotherProvider).toBeUndefined();
  });
});

describe('FactReader.read: a person under 18', () => {
  it.each<[string, boolean]>([
    ["I'm 16, my ID is from Hunan", true],
    ['I am 17 and want a blog', true],
    ['my son is a 15-year-old coder', true],
    ['my daughter is 14 and wants her own blog', true],
    ['我今年16岁，想给博客备案', true],
    ['孩子十七岁了，能备案吗', true],
    ['can someone under 18 file?', true],
    ['我还没满18，能备案吗', true],
    ["I'm 34, server in Shenzhen", false],
    ['个人，三十岁，服务器在杭州', false],
  ])('%s', (text, under18) => {
    expect(reader.read(text).profile.applicantUnder18).toBe(under18);
  });

  it.each([
    // Counts and the ages of things are not a person's age.
    "I'm 3 days into the filing, how long is left?",
    'our company is 5 years old, server in Beijing',
    'we have 16 sites on Aliyun',
    "I'm 2.5 weeks in",
  ])('not an age: %s', (text) => {
    expect(reader.read(text).profile.applicantUnder18).toBeUndefined();
  });
});

describe('FactReader.read: a domain in another name, a phone number from another province', () => {
  it.each<[string, Profile]>([
    ["the domain is registered in my wife's name", { domainHolderIsFiler: false }],
    ['域名在我老婆名下', { domainHolderIsFiler: false }],
    ['域名是外包公司帮我们注册的，在他们名下', { domainHolderIsFiler: false }],
    ['my mobile number is from a Guangdong carrier', { phoneFromAnotherProvince: true }],
    ['手机号是外地的', { phoneFromAnotherProvince: true }],
  ])('%s', (text, profile) => {
    expect(reader.read(text).profile).toMatchObject(profile);
  });

  it.each<[string, Profile]>([
    ['I bought the server through alibabacloud.com (the international site)', { internationalSiteAccount: true }],
    ['我的阿里云是国际站账号', { internationalSiteAccount: true }],
    ["adult products shop, but the business scope on our licence doesn't include them", { businessScopeCoversAdultProducts: false }],
  ])('%s', (text, profile) => {
    expect(reader.read(text).profile).toMatchObject(profile);
  });

  it('keeps the provider named with an international account, and a company\'s international site is not one', () => {
    expect(reader.read('我在阿里云国际站注册的账号').hostingProviderId).toBe('alibaba-cloud');
    expect(reader.read('our international site is hosted in Singapore').profile.internationalSiteAccount).toBeUndefined();
  });

  it.each(["the domain is in my name and I'm filing as an individual", '域名在我自己名下'])('not: %s', (text) => {
    expect(reader.read(text).profile.domainHolderIsFiler).toBeUndefined();
  });
});

describe('FactReader.read: a site added by a filer with a filing', () => {
  it.each([
    'my company already has an ICP number for our shop, now we want another website for our blog',
    '我们已经备过案了，想再加一个网站',
    'our existing filing covers the shop; we bought a new domain for the blog',
    // Chinese characters count half: 新 and 域名 with four characters between.
    '去年在腾讯云北京备过案了，现在新买了一个域名',
  ])('%s', (text) => {
    expect(reader.read(text).profile.addingSiteToFiling).toBe(true);
  });

  it.each([
    // No filing yet: a second site is one of several to file.
    'we want to launch a second website next year',
    // A filing, and no site added.
    'our site already has its filing, can we change the name?',
  ])('not: %s', (text) => {
    expect(reader.read(text).profile.addingSiteToFiling).toBeUndefined();
  });
});

describe("FactReader.read: the host's names, to say back", () => {
  it.each([
    ['we moved the site from Linode to Huawei Cloud', { en: 'Huawei Cloud', zh: '华为云' }],
    ['网站从阿里云搬到腾讯云了', { en: 'Tencent Cloud', zh: '腾讯云' }],
    // The mainland arm of a provider named with a mainland region.
    ['AWS Ningxia', { en: 'AWS China', zh: '亚马逊云科技中国' }],
    ['aliyun hangzhou', { en: 'Alibaba Cloud', zh: '阿里云' }],
  ])('%s', (text, names) => {
    expect(reader.read(text).hostingProviderName).toEqual(names);
  });

  it('has none for a general question that states nothing', () => {
    expect(reader.read('explain the rules for forums on Tencent Cloud').hostingProviderName).toBeUndefined();
  });
});

describe('FactReader.read: hosting, server province and provider', () => {
  it.each<[string, Omit<Facts, 'places'>]>([
    ['our server is in Guangzhou', { profile: { hosting: 'mainland' }, serverProvince: 'guangdong' }],
    ['服务器在广州', { profile: { hosting: 'mainland' }, serverProvince: 'guangdong' }],
    ['a Beijing server', { profile: { hosting: 'mainland' }, serverProvince: 'beijing' }],
    ['our VPS is in Pudong', { profile: { hosting: 'mainland' }, serverProvince: 'shanghai' }],
    ['主机放在浦东新区', { profile: { hosting: 'mainland' }, serverProvince: 'shanghai' }],
    ['hosted in Hong Kong', { profile: { hosting: 'outside-mainland' } }],
    ['服务器在香港', { profile: { hosting: 'outside-mainland' } }],
    // The site put somewhere (网站放, 放到, 挂在) says where its server is.
    ['网站放香港', { profile: { hosting: 'outside-mainland' } }],
    ['网站挂在新加坡', { profile: { hosting: 'outside-mainland' } }],
    // 放 right before a place puts the server there (如果换成放香港呢); 放 elsewhere (放假, 开放, 放心) says nothing of a place near it.
    ['如果换成放香港呢', { profile: { hosting: 'outside-mainland' } }],
    ['那要是放国内', { profile: { hosting: 'mainland' } }],
    ['北京国庆放几天假', { profile: {} }],
    ['上海的门店放暑假', { profile: {} }],
    ['网站在北京对外开放吗', { profile: {} }],
    ['server in Singapore', { profile: { hosting: 'outside-mainland' } }],
    ['server in frankfurt', { profile: { hosting: 'outside-mainland' } }],
    ['服务器在东京', { profile: { hosting: 'outside-mainland' } }],
    ['our server is in Nice', { profile: { hosting: 'outside-mainland' } }],
    ['my server is not in China', { profile: { hosting: 'outside-mainland' } }],
    ['服务器不在国内', { profile: { hosting: 'outside-mainland' } }],
    ['our server is not in Beijing', { profile: {} }],
    ['our site would be on Alibaba Cloud Beijing', { profile: { hosting: 'mainland' }, serverProvince: 'beijing', hostingProviderId: 'alibaba-cloud' }],
    ['Tencent Cloud Guangzhou', { profile: { hosting: 'mainland' }, serverProvince: 'guangdong', hostingProviderId: 'tencent-cloud' }],
    ['aliyun hangzhou', { profile: { hosting: 'mainland' }, serverProvince: 'zhejiang', hostingProviderId: 'alibaba-cloud' }],
    ['阿里云杭州', { profile: { hosting: 'mainland' }, serverProvince: 'zhejiang', hostingProviderId: 'alibaba-cloud' }],
    ['腾讯云上海的服务器', { profile: { hosting: 'mainland' }, serverProvince: 'shanghai', hostingProviderId: 'tencent-cloud' }],
    ['hosted on AWS in Tokyo', { profile: { hosting: 'outside-mainland' }, hostingProviderId: 'aws' }],
    ['AWS Ningxia', { profile: { hosting: 'mainland' }, serverProvince: 'ningxia', hostingProviderId: 'aws-china', hostingProviderEntry: 'aws-china-filing' }],
    ['we use Azure China', { profile: { hosting: 'mainland' }, hostingProviderId: 'azure-china' }],
    ['世纪互联的服务器', { profile: { hosting: 'mainland' }, hostingProviderId: 'azure-china' }],
    ['we use Aliyun', { profile: {}, hostingProviderId: 'alibaba-cloud' }],
    ['a droplet on DigitalOcean', { profile: {}, hostingProviderId: 'digitalocean' }],
    // A provider named for the domain, past an "and", is not the host.
    [
      'the domain sits at GoDaddy and the server is Tencent Cloud Chengdu',
      { profile: { hosting: 'mainland', domainRegisteredInMainland: false }, serverProvince: 'sichuan', hostingProviderId: 'tencent-cloud' },
    ],
    // A role word after a place, past "and", begins the next part of the clause.
    [
      'our licence was issued in Xiamen and the servers sit on Tencent Cloud ap-guangzhou',
      { profile: { entityType: 'mainland-organisation', hosting: 'mainland', licenceProvince: 'fujian' }, serverProvince: 'guangdong', hostingProviderId: 'tencent-cloud' },
    ],
    // Places on both sides of the border: the one named after the server word is where the server is.
    ['a shop in Shenzhen hosted on Tencent Cloud Singapore', { profile: { hosting: 'outside-mainland' }, hostingProviderId: 'tencent-cloud' }],
    ['a blog from Munich hosted in Shanghai', { profile: { hosting: 'mainland', siteTypes: ['general'] }, serverProvince: 'shanghai' }],
    // Two servers on both sides, each named after its word: nothing is settled.
    ['servers in Beijing and servers in Tokyo', { profile: { hosting: 'mainland' }, serverProvince: 'beijing' }],
    // A move: the place it goes to.
    ['if we move the site from Aliyun Hong Kong to Aliyun Shenzhen', { profile: { hosting: 'mainland' }, serverProvince: 'guangdong', hostingProviderId: 'alibaba-cloud' }],
    ['moving our server from Beijing to Tokyo', { profile: { hosting: 'outside-mainland' } }],
    ['服务器从香港迁到深圳', { profile: { hosting: 'mainland' }, serverProvince: 'guangdong' }],
    // The host moved to is the host, from one provider to another too.
    ['we moved the site from Linode to Huawei Cloud', { profile: {}, hostingProviderId: 'huawei-cloud' }],
    // From a mainland provider: the site's filing there moves with it.
    ['网站从阿里云搬到腾讯云了', { profile: { movingToAnotherProvider: true }, hostingProviderId: 'tencent-cloud' }],
    ["I'm moving the server to Tencent Cloud", { profile: {}, hostingProviderId: 'tencent-cloud' }],
    // A site said to be filed through one provider, moving to another: the filing moves with it.
    [
      "Our site is filed through Aliyun and we're moving the server to Tencent Cloud",
      { profile: { movingToAnotherProvider: true }, hostingProviderId: 'tencent-cloud', filedAlready: true },
    ],
    // A country after a comma qualifies the place before it.
    ['a Hetzner box in Falkenstein, Germany', { profile: { hosting: 'outside-mainland' }, hostingProviderId: 'hetzner' }],
    // Long place names misspelt by a letter; English words a letter from a place name stay words.
    ['my vps is in shanghia', { profile: { hosting: 'mainland' }, serverProvince: 'shanghai' }],
    ['server in bejing', { profile: { hosting: 'mainland' }, serverProvince: 'beijing' }],
    ['hosted in germnay', { profile: { hosting: 'outside-mainland' } }],
    // The one name a letter away, not the first a fuzzy search offers ("hangzou" lies in "changzhou" too); providers' names as well.
    ['server aliyun hangzou', { profile: { hosting: 'mainland' }, serverProvince: 'zhejiang', hostingProviderId: 'alibaba-cloud' }],
    ['our vps is at tencnet', { profile: {}, hostingProviderId: 'tencent-cloud' }],
    // The server's own words misspelt by a letter; an everyday word a letter from one stays a word ("posting" is not "hosting").
    ['our sever is in shanghai, do we need a filing?', { profile: { hosting: 'mainland' }, serverProvince: 'shanghai', asks: 'filing-required' }],
    ['hostng in guangzhou', { profile: { hosting: 'mainland' }, serverProvince: 'guangdong' }],
    ['we keep posting in Shanghai', { profile: {} }],
    // A word of a known phrase is not a misspelt place: "kaisha" is not Baisha (Hainan).
    ["we're a kabushiki kaisha based in Osaka", { profile: { entityType: 'foreign-enterprise' } }],
    ["there's a mining virus on my server", { profile: {} }],
    ['the server changed last week', { profile: {} }],
    // Thousands of other countries' states and regions lie a letter from some word: they are read only as written.
    ['the server is in delawere', { profile: {} }],
    ['the server is in Delaware', { profile: { hosting: 'outside-mainland' } }],
    // A place said of the audience is not where the server is.
    ['a linode in Frankfurt for Chinese visitors', { profile: { hosting: 'outside-mainland' }, hostingProviderId: 'linode' }],
    ['we target users in China, server in Tokyo', { profile: { hosting: 'outside-mainland' } }],
    ['面向国内用户，服务器在东京', { profile: { hosting: 'outside-mainland' } }],
    // A company's place said in a clause of its own is where it is registered.
    ['个体户，在合肥，去哪备案', { profile: { entityType: 'mainland-organisation', licenceProvince: 'anhui' }, asks: 'where', asksWhich: true }],
  ])('%s', (text, expected) => {
    expect(stated(text)).toEqual(expected);
  });
});

describe('FactReader.read: cloud region ids', () => {
  it.each<[string, Omit<Facts, 'places'>]>([
    ['cn-hangzhou', { profile: { hosting: 'mainland' }, serverProvince: 'zhejiang', hostingProviderId: 'alibaba-cloud' }],
    ['ap-guangzhou', { profile: { hosting: 'mainland' }, serverProvince: 'guangdong', hostingProviderId: 'tencent-cloud' }],
    ['cn-north-1', { profile: { hosting: 'mainland' }, serverProvince: 'beijing', hostingProviderId: 'aws-china', hostingProviderEntry: 'aws-china-filing' }],
    ['our instance is in cn-northwest-1', { profile: { hosting: 'mainland' }, serverProvince: 'ningxia', hostingProviderId: 'aws-china', hostingProviderEntry: 'aws-china-filing' }],
    ['us-east-1', { profile: { hosting: 'outside-mainland' } }],
    ['ap-southeast-1', { profile: { hosting: 'outside-mainland' } }],
    ['AWS ap-southeast-1', { profile: { hosting: 'outside-mainland' }, hostingProviderId: 'aws' }],
    ['服务器在 cn-shanghai', { profile: { hosting: 'mainland' }, serverProvince: 'shanghai' }],
    // A region by the name its console shows.
    ['the site runs on Azure China North 3', { profile: { hosting: 'mainland' }, serverProvince: 'hebei', hostingProviderId: 'azure-china' }],
    ['服务器用的Azure中国东部2', { profile: { hosting: 'mainland' }, serverProvince: 'shanghai', hostingProviderId: 'azure-china' }],
    // Alibaba Cloud's console names, in both languages.
    ['服务器买的阿里云华东2', { profile: { hosting: 'mainland' }, serverProvince: 'shanghai', hostingProviderId: 'alibaba-cloud' }],
    ['服务器在华南 1', { profile: { hosting: 'mainland' }, serverProvince: 'guangdong', hostingProviderId: 'alibaba-cloud' }],
    ['our server is in China South 1', { profile: { hosting: 'mainland' }, serverProvince: 'guangdong', hostingProviderId: 'alibaba-cloud' }],
  ])('%s', (text, expected) => {
    expect(stated(text)).toEqual(expected);
  });
});

describe('FactReader.read: who files', () => {
  it.each([
    ["I'm a German GmbH", { entityType: 'foreign-enterprise' }],
    ['we are a German company', { entityType: 'foreign-enterprise' }],
    ['our US parent wants a site', { entityType: 'foreign-enterprise' }],
    ['香港公司', { entityType: 'foreign-enterprise' }],
    ['我们是一家德国企业', { entityType: 'foreign-enterprise' }],
    ['we are a Singapore Pte Ltd', { entityType: 'foreign-enterprise' }],
    ['a company registered in Hong Kong', { entityType: 'foreign-enterprise' }],
    ['我们是外企', { entityType: 'foreign-enterprise' }],
    ['I am an individual', { entityType: 'individual' }],
    ['我是个人', { entityType: 'individual' }],
    ['a personal blog', { entityType: 'individual', siteTypes: ['general'] }],
    ['we are a school', { entityType: 'mainland-organisation' }],
    ['我们是有限公司', { entityType: 'mainland-organisation' }],
    ['我是个体工商户', { entityType: 'mainland-organisation' }],
    ['I am a sole trader', { entityType: 'mainland-organisation' }],
    // A nationality before a site or a version is its language, not where the company is from.
    ['our company in Wuxi is putting up a French website', { entityType: 'mainland-organisation', licenceProvince: 'jiangsu' }],
    // "Chinese" names the language as well as the mainland: a tester's Chinese-language blog was read as a server in China.
    ['I want to host a small Chinese-language blog for my family', { siteTypes: ['general'] }],
    ['we host a Chinese version of our site in Frankfurt', { hosting: 'outside-mainland' }],
    ['a chinese server', { hosting: 'mainland' }],
    ['we are a Korean company', { entityType: 'foreign-enterprise' }],
    // A region of another country (country-region-data), where the company is registered.
    ['my startup is registered in Delaware', { entityType: 'foreign-enterprise' }],
    ['a company incorporated in British Columbia', { entityType: 'foreign-enterprise' }],
    ['uni student in Wuhan, blog on Tencent Cloud', { entityType: 'individual', residenceProvince: 'hubei', siteTypes: ['general'] }],
    ['在南京做自由职业，想做个人网站', { entityType: 'individual', residenceProvince: 'jiangsu' }],
    ["I'm a student in Harbin", { entityType: 'individual', residenceProvince: 'heilongjiang' }],
    ['a web designer in Chengdu', { residenceProvince: 'sichuan' }],
    ['我在郑州，个人备案要准备啥材料', { entityType: 'individual', residenceProvince: 'henan' }],
    ['can a sole proprietor file', { entityType: 'mainland-organisation' }],
    ['a company in Shenzhen', { entityType: 'mainland-organisation', licenceProvince: 'guangdong' }],
    ['our business licence is from Liaoning', { entityType: 'mainland-organisation', licenceProvince: 'liaoning' }],
    ['营业执照在辽宁', { entityType: 'mainland-organisation', licenceProvince: 'liaoning' }],
    ['I am an individual, not a company', { entityType: 'individual' }],
    ['我们单位要做个网站', { entityType: 'mainland-organisation' }],
    // The filing's sponsor (主办单位) may be a person or an organisation: it says nothing of who files.
    ['域名持有人要和主办单位一致吗', {}],
    ['个人备案，主办单位名称填什么', { entityType: 'individual' }],
    // Companies counted ask about companies in general; "our company" still says who files.
    ['两家公司可以共用一个备案号吗', {}],
    ['can several companies be put under one filing?', {}],
    ['我们公司有两个网站', { entityType: 'mainland-organisation', numberOfSites: 2 }],
    // A school one studies at is not who files, nor does "international" said of the student make a foreign company.
    ["I'm an international student at Wuhan University, from Nigeria. Can I do the filing myself?", { entityType: 'individual' }],
    ['我是北京大学的研究生，想给自己做个网站', { entityType: 'individual' }],
    ['studying at a university in Xiamen, want a personal blog', { entityType: 'individual', siteTypes: ['general'] }],
    // A school that speaks for itself, or a company one works for, still files.
    ['our university in Wuhan wants a site', { entityType: 'mainland-organisation', licenceProvince: 'hubei' }],
    ['I work for a German company and we want a site', { entityType: 'foreign-enterprise' }],
    // A company still to be set up, or not wanted, is not who files; one set up already is.
    ["so what are our options? we don't want to set up a company in china just for a website", {}],
    ['我们不想为了一个网站在国内注册公司', { numberOfSites: 1 }],
    ['我们需要先注册一家公司吗', {}],
    ['we set up a WFOE in Shanghai last year', { entityType: 'foreign-enterprise', foreignPresence: 'mainland-branch', certificateProvince: 'shanghai' }],
    // The owner's words misspelt by a letter, as the server's are; an English word a letter from one stays a word ("brunch" is not "branch").
    ['im an individul, server in shanghai', { entityType: 'individual', hosting: 'mainland' }],
    ['our compnay is in beijing', { entityType: 'mainland-organisation', licenceProvince: 'beijing' }],
    ['we have a subsidary in shanghai', { foreignPresence: 'mainland-branch', certificateProvince: 'shanghai' }],
    ['we had brunch in Shanghai', {}],
    // A person's filing and an organisation's site in one breath name two topics, not who files (a tester got "Yes, you can apply").
    ['Can I use my personal filing for a company website later?', { siteTypes: ['general'] }],
    ["I'm an individual and want a company website", { siteTypes: ['general'] }],
    ['im an individual, want a personal blog in shanghai', { entityType: 'individual', siteTypes: ['general'] }],
  ])('%s', (text, profile) => {
    expect(reader.read(text).profile).toEqual(profile);
  });
});

describe('FactReader.read: where the person is from and lives', () => {
  it.each([
    // Only a person has an identity card or a hukou: the ID province says who files.
    ['my ID card is from Hunan', { idProvince: 'hunan', entityType: 'individual' }],
    ['身份证是湖南的', { idProvince: 'hunan', entityType: 'individual' }],
    ['I am from Chengdu', { idProvince: 'sichuan', entityType: 'individual' }],
    ['my hukou is in Harbin', { idProvince: 'heilongjiang', entityType: 'individual' }],
    ['I live in Shanghai', { residenceProvince: 'shanghai' }],
    ['我在上海工作', { residenceProvince: 'shanghai' }],
    ['I work in Xiamen but my ID card is from Hunan', { residenceProvince: 'fujian', idProvince: 'hunan', entityType: 'individual' }],
  ])('%s', (text, profile) => {
    expect(reader.read(text).profile).toEqual(profile);
  });
});

describe('FactReader.read: what a foreign company has in China', () => {
  it.each([
    ["we don't have a branch", { foreignPresence: 'none' }],
    // A negation covers the list it opens.
    ['a US company without a China branch or office', { entityType: 'foreign-enterprise', foreignPresence: 'none' }],
    ['we have no branch or office there', { foreignPresence: 'none' }],
    ['没有分公司或办事处', { foreignPresence: 'none' }],
    ['no branch, but an office in Shanghai', { foreignPresence: 'physical-office', certificateProvince: 'shanghai' }],
    ['没有分公司', { foreignPresence: 'none' }],
    ['a German company without any Chinese entity', { entityType: 'foreign-enterprise', foreignPresence: 'none' }],
    // "company in" places the company and is one.
    ['we are a limited company in china', { entityType: 'mainland-organisation' }],
    ['We are a Hangzhou Co., Ltd. selling tea', { entityType: 'mainland-organisation', licenceProvince: 'zhejiang' }],
    ['we are a UK Co., Ltd.', { entityType: 'foreign-enterprise' }],
    ['我们在中国没有实体', { foreignPresence: 'none' }],
    ['our subsidiary in Suzhou', { foreignPresence: 'mainland-branch', certificateProvince: 'jiangsu' }],
    ['we have a WFOE in Shenzhen', { entityType: 'foreign-enterprise', foreignPresence: 'mainland-branch', certificateProvince: 'guangdong' }],
    // A mainland company's own offices are not a foreign company's presence.
    ['公司在北京和上海都有办公室', { entityType: 'mainland-organisation', licenceProvince: 'beijing' }],
    // Nor is "our office" from someone who names nothing foreign; with a company abroad it is that company's.
    ["an internal site, hosted on a server in our Beijing office", {}],
    ["We're a German company with our office in Shanghai", { entityType: 'foreign-enterprise', foreignPresence: 'physical-office', certificateProvince: 'shanghai' }],
    ['我们在上海有代表处', { entityType: 'foreign-enterprise', foreignPresence: 'representative-office-certificate', certificateProvince: 'shanghai' }],
    // "We are a mainland company" is said of the speaker: a mainland organisation, its place its licence's; with a company abroad named, still a presence.
    ['we are a mainland company in Shenzhen', { entityType: 'mainland-organisation', licenceProvince: 'guangdong' }],
    ["we're a small chinese company in Hangzhou", { entityType: 'mainland-organisation', licenceProvince: 'zhejiang' }],
    ['我们是一家大陆公司，在深圳', { entityType: 'mainland-organisation', licenceProvince: 'guangdong' }],
    ["We're a German GmbH; our chinese company is in Suzhou", { entityType: 'foreign-enterprise', foreignPresence: 'mainland-branch', certificateProvince: 'jiangsu' }],
    // A space typed for a comma in Chinese sets the words on either side apart; a place still takes a role word across one.
    ['主机在HK 域名在腾讯云买的', { hosting: 'outside-mainland' }],
    ['服务器在北京 身份证是河南的', { entityType: 'individual', hosting: 'mainland', idProvince: 'henan' }],
    ['服务器 在香港', { hosting: 'outside-mainland' }],
    ['We are a design studio (工作室) in Xiamen', { entityType: 'mainland-organisation', licenceProvince: 'fujian' }],
    // A country with 人 that ends a clause of the speaker's own is their nationality: an identity document from outside the mainland.
    ['我是留学生，法国人，在武汉读研', { entityType: 'individual', residenceProvince: 'hubei', idFromOutsideMainland: true }],
    ['我是研究生 意大利人 在南京上学', { entityType: 'individual', residenceProvince: 'jiangsu', idFromOutsideMainland: true }],
    ['做个网站给美国人看 服务器在深圳', { hosting: 'mainland' }],
    ['我老婆是日本人', {}],
    // A branch or office placed abroad, and nowhere in the mainland, is none there; one in the mainland beside it still counts.
    ['We are a Dutch BV, our office is in Rotterdam, nothing in China', { entityType: 'foreign-enterprise', foreignPresence: 'none' }],
    ['a Malaysian company with its only branch in Kuala Lumpur', { entityType: 'foreign-enterprise' }],
    ['we have an office in Oslo and a branch in Xiamen', { foreignPresence: 'mainland-branch', certificateProvince: 'fujian' }],
    ['We are an Italian SRL with a representative office certificate', { entityType: 'foreign-enterprise', foreignPresence: 'representative-office-certificate' }],
    // A representative office is a foreign company's, so it says who files.
    ['rep office certificate issued in Chongqing', { entityType: 'foreign-enterprise', foreignPresence: 'representative-office-certificate', certificateProvince: 'chongqing' }],
    ['only an office in Shanghai', { foreignPresence: 'physical-office', certificateProvince: 'shanghai' }],
    ['just a ban shi chu', { foreignPresence: 'physical-office' }],
    // "registered" qualifies the presence just before it, not the company.
    [
      'a French SAS with a representative office registered in Dalian',
      { entityType: 'foreign-enterprise', foreignPresence: 'representative-office-certificate', certificateProvince: 'liaoning' },
    ],
    // Where the documents were issued: outside the mainland they cannot be filed with; a licence issued in Qingdao is where the licence is.
    ['all our documents were issued in Macau', { documentsIssuedOutsideMainland: true }],
    // A permit said not to be held after its name.
    ['郑州的公司，想做个论坛，BBS专项审批没有办', { entityType: 'mainland-organisation', licenceProvince: 'henan', siteTypes: ['bbs'], holdsBbsApproval: false }],
    ['不是公司，就我自己', { entityType: 'individual' }],
    ["I'm a solo dev", { entityType: 'individual' }],
    ['geren boke fang zai tengxunyun shanghai', { entityType: 'individual', hosting: 'mainland', siteTypes: ['general'] }],
    // Two of a person's role words joined before one place: both.
    ['身份证和居住地都是天津', { entityType: 'individual', idProvince: 'tianjin', residenceProvince: 'tianjin' }],
    ['身份证是河北的，居住地是天津', { entityType: 'individual', idProvince: 'hebei', residenceProvince: 'tianjin' }],
    // One's own server room, with no place of its own, is where the speaker is; not when denied.
    ['我们是开封的一所中学，学校网站放在学校自己的机房里', { entityType: 'mainland-organisation', licenceProvince: 'henan', hosting: 'mainland' }],
    ["we're a company in Hangzhou and host on our own server room", { entityType: 'mainland-organisation', licenceProvince: 'zhejiang', hosting: 'mainland' }],
    ['我们是杭州的公司，没有自己的机房', { entityType: 'mainland-organisation', licenceProvince: 'zhejiang' }],
    // Writing about games is general content, not running games.
    ['个人博客 主要写游戏攻略和评测', { entityType: 'individual', siteTypes: ['general'] }],
    ['my blog posts game guides and walkthroughs', { siteTypes: ['general'] }],
    // A forum about games is a forum, not a game.
    ['想做一个游戏论坛 玩家可以发帖', { siteTypes: ['bbs'] }],
    ['个人能备案论坛吗？想搞个游戏玩家交流社区', { entityType: 'individual', siteTypes: ['bbs'] }],
    // A game and a forum beside it are both.
    ['我们做网络游戏，还有玩家交流社区', { siteTypes: ['gaming', 'bbs'] }],
    ['I want to start a gaming forum website, servers in shenzhen', { siteTypes: ['bbs'], hosting: 'mainland' }],
    // A social organisation's registration certificate is a mainland organisation's, not a foreign company's representative office's.
    ['材料那里用社团登记证书代替营业执照可以吗', { entityType: 'mainland-organisation' }],
    ['我们是济南的一家会计师事务所', { entityType: 'mainland-organisation', licenceProvince: 'shandong' }],
    // Clinics, practices and kindergartens are organisations, and where they are is where their licence is.
    ['we run two dental clinics in Xiamen', { entityType: 'mainland-organisation', licenceProvince: 'fujian' }],
    ['a small medical practice in Kunming here', { entityType: 'mainland-organisation', licenceProvince: 'yunnan' }],
    ['我们是长沙的一家诊所', { entityType: 'mainland-organisation', licenceProvince: 'hunan' }],
    ['南宁的一所幼儿园想做个网站', { entityType: 'mainland-organisation', licenceProvince: 'guangxi' }],
    // 民营 ("privately run") is a word of its own: 民营口腔诊所 holds no 营口 (Yingkou, in Liaoning).
    ['我们是杭州一家民营口腔医院', { entityType: 'mainland-organisation', licenceProvince: 'zhejiang' }],
    ['我自己开个情趣用品网店', { entityType: 'individual', siteTypes: ['adult-products'] }],
    ['材料都是法国那边出具的', { documentsIssuedOutsideMainland: true }],
    ['our business licence was issued in Qingdao', { entityType: 'mainland-organisation', licenceProvince: 'shandong' }],
  ])('%s', (text, profile) => {
    expect(reader.read(text).profile).toEqual(profile);
  });
});

describe('FactReader.read: the provider one wants to file through', () => {
  it.each([
    ['our server runs at Tencent Cloud, but we want Baidu Cloud to submit the filing', 'Baidu Cloud', 'Tencent Cloud'],
    ['the box is on Huawei Cloud; I would like Aliyun to file it', 'Alibaba Cloud', 'Huawei Cloud'],
  ])('%s', (text, wanted, host) => {
    expect(reader.read(text).profile).toMatchObject({ desiredFilingProvider: wanted, hostingProvider: host, filesThroughHostingProvider: false });
  });

  it.each([
    ['the machines sit in a colocation rack in Wuhan; we would like Huawei Cloud to file for us', 'Huawei Cloud'],
    ['服务器在公司机房，打算让阿里云帮忙提交备案', '阿里云'],
  ])('a server no cloud hosts is not hosted by the cloud named to file through: %s', (text, wanted) => {
    expect(reader.read(text).profile).toMatchObject({ desiredFilingProvider: wanted, filesThroughHostingProvider: false });
  });

  it('says nothing of it when a cloud is only named to file through', () => {
    expect(reader.read('we would like Huawei Cloud to file for us').profile.filesThroughHostingProvider).toBeUndefined();
  });
});

describe('FactReader.read: where the user wants to file', () => {
  it.each([
    ['can we file in Beijing?', 'beijing'],
    ['想在北京备案', 'beijing'],
    ['我们能在广州备案吗', 'guangdong'],
    ['can i do my filing in jiangsu?', 'jiangsu'],
    ['can I file my blog in Hubei instead?', 'hubei'],
  ])('%s', (text, province) => {
    expect(reader.read(text).desiredProvince).toBe(province);
  });

  it.each([
    ['a school in Xining, server in Chengdu. Is the filing done in Qinghai or Sichuan?', 'qinghai'],
    ['公司注册在北京海淀，服务器在广州，备案是在北京还是广东？', 'beijing'],
    // Going to one administration or the other (找…管局) asks where, not through whom.
    ['公司营业执照在海南三亚，服务器在阿里云深圳，备案找海南还是广东管局', 'hainan'],
  ])('takes two provinces offered as alternatives as asking which one, not as a wish: %s', (text, licence) => {
    const facts = reader.read(text);
    expect(facts).toMatchObject({ asks: 'where', asksWhich: true, profile: { licenceProvince: licence } });
    expect(facts.desiredProvince).toBeUndefined();
  });

  it('keeps servers offered as alternatives as servers', () => {
    expect(reader.read('should the server be in Hong Kong or Shenzhen?').asks).not.toBe('where');
  });
});

describe('FactReader.read: a relative "where"', () => {
  it.each([
    'planning an online marketplace where other merchants sell their stuff. is the normal ICP filing enough?',
    'planning an online marketplace where other merchants sell their stuff',
  ])('does not read it as asking where to file: %s', (text) => {
    expect(reader.read(text).asks).toBeUndefined();
  });

  it.each(['company in Shenzhen, file where', 'I am an individual, not sure where to file', 'so where do we file?', 'individual, server in Guangzhou, where?'])(
    'still reads a "where" that asks: %s',
    (text) => {
      expect(reader.read(text).asks).toBe('where');
    },
  );
});

describe('FactReader.read: what a question is about when it is not a website', () => {
  it.each([
    ['does my app need icp? solo developer in nanjing', ['app']],
    ['杭州的公司，安卓App后台在阿里云北京，App本身也要备案吗', ['app']],
    ['小程序也要备案吗？我们是佛山的公司', ['小程序']],
    // The app is named, but the question is about the website.
    ['我们公司在深圳，网站和小程序都放在腾讯云广州，网站需要备案吗', undefined],
    ['do we need a filing for the website? we also have an app', undefined],
    ['can we file a domain ending in .app? company in suzhou', undefined],
    ['Is filing required if our web app is accessed by IP rather than a domain?', undefined],
    ['Do I need a public security filing too? Company in Qingdao', ['public security filing']],
    // A question clause that names nothing asks about the thing before its comma, unless a site is named there.
    ['我们的APP后台在阿里云北京，需要备案吗', ['app']],
    ['阿里云杭州的对象存储绑自己的域名，需要备案吗', ['对象存储']],
    ['我们有网站也有小程序，需要备案吗', undefined],
    ['我们有官网也有小程序，官网需要备案吗', undefined],
    // A message that names an app and no site asks about the app, in whichever sentence it names it; not when it names a site, or
    // another thing besides the app (the gateway whose domain is asked about).
    ['we have an app. do we need a filing?', ['app']],
    ['my mini program backend is on AWS singapore. do i still need to file?', ['mini program']],
    ['我们app后端全在AWS新加坡，想上架华为小米应用商店，商店说要备案号，可是我们服务器不在国内啊', ['app']],
    ['we have an app and a website. do we need a filing?', undefined],
    ["our app's API sits behind Tencent Cloud API Gateway and we want to bind our own domain to it. filing needed for that domain?", undefined],
    // To be guided for such a thing, in a message that names no site, asks about it too.
    ["my company is in hk and we want to open a wechat mini program, what's the process?", ['wechat mini program']],
    ["my company is in hk and we want a website and a mini program, what's the process?", undefined],
  ])('%s', (text, about) => {
    expect(reader.read(text).asksAbout).toEqual(about);
  });
});

describe('FactReader.read: a domain name not bought yet', () => {
  it.each([
    ["we don't have a domain yet", { hasDomainName: false }],
    ['域名还没买', { hasDomainName: false }],
    // No domain at all, only an IP address, is IP-only access.
    ['no domain, just an ip on a mainland server', { ipOnlyAccess: true }],
  ])('%s', (text, profile) => {
    expect(reader.read(text).profile).toMatchObject(profile);
  });
});

describe('FactReader.read: an application in progress', () => {
  it.each([
    [
      'Our filing application has already been passed to the communications administration. Can we submit another domain for the same company?',
      { hasInProgressApplication: true, inProgressApplication: { submittedToAdministration: true, sameEntity: true } },
    ],
    ['备案已经提交到管局了，同一个公司还想再加个域名', { hasInProgressApplication: true, inProgressApplication: { submittedToAdministration: true, sameEntity: true } }],
    ['my application is still in the provider review, can I file a site for a client?', { hasInProgressApplication: true, inProgressApplication: { submittedToAdministration: false, sameEntity: false } }],
    // "The same company" says nothing of an application when there is none.
    ['we want to file two sites for the same company', {}],
  ])('%s', (text, profile) => {
    expect(reader.read(text).profile).toMatchObject(profile);
    if (!('hasInProgressApplication' in profile)) expect(reader.read(text).profile.inProgressApplication).toBeUndefined();
  });
});

describe('FactReader.read: what an administration said of people from other provinces', () => {
  it.each([
    ['the Fujian administration told me they do accept non-locals', 'yes'],
    ['问过北京管局，说外地身份证也收', 'yes'],
    ["Shanghai doesn't accept non-locals", 'no'],
    ['管局说外地身份证不收', 'no'],
  ])('%s', (text, accepted) => {
    expect(reader.read(text).profile.remoteApplicationAccepted).toBe(accepted);
  });
});

describe('FactReader.read: the site, domain, CDN and the application', () => {
  it.each([
    ['a forum and an online game', { siteTypes: ['bbs', 'gaming'] }],
    ['我们卖成人用品', { siteTypes: ['adult-products'] }],
    ['just a blog', { siteTypes: ['general'] }],
    // Ordinary kinds in more words: plurals, a web shop, a portfolio or docs site, 小站.
    ['we run blogs for our clients', { siteTypes: ['general'] }],
    ['setting up a webshop', { siteTypes: ['general'] }],
    ['our docs site', { siteTypes: ['general'] }],
    ['个人小站', { entityType: 'individual', siteTypes: ['general'] }],
    ['three websites', { numberOfSites: 3 }],
    ['两个网站', { numberOfSites: 2 }],
    // One more site is not the number of sites.
    ['怎么再加一个网站进去', {}],
    ['新公司要给另一个域名备案', { entityType: 'mainland-organisation' }],
    ['we run 4 sites', { numberOfSites: 4 }],
    ['the domain is at GoDaddy', { domainRegisteredInMainland: false }],
    ['domain registered with Aliyun', { domainRegisteredInMainland: true }],
    ['域名在万网注册', { domainRegisteredInMainland: true }],
    // West.cn sells domains and hosts: where the domain is registered only in a clause about the domain.
    ['域名在西部数码注册的', { domainRegisteredInMainland: true }],
    ['服务器是西部数码的虚拟主机', {}],
    // A provider that sells domains is not the registrar when one is named.
    ['can Tencent Cloud file it if my domain is from Namecheap', { domainRegisteredInMainland: false }],
    ['our domain is registered abroad', { domainRegisteredInMainland: false }],
    // A name that also stands for a CDN or a host says where the domain is only in a clause about the domain.
    ['my domain is on Cloudflare', { domainRegisteredInMainland: false }],
    ['域名在Cloudflare买的', { domainRegisteredInMainland: false }],
    ['we use Cloudflare in front of our Beijing server', { hosting: 'mainland' }],
    ['our shop sits behind Cloudflare', {}],
    ['a CDN with nodes in mainland China', { mainlandCdn: true }],
    ['国内CDN', { mainlandCdn: true }],
    ["we don't use a CDN", { mainlandCdn: false }],
    ['no domain, visitors use the IP', { ipOnlyAccess: true }],
    ['只用IP访问', { ipOnlyAccess: true }],
    ['our dashboard is opened via the server IP in the browser', { ipOnlyAccess: true }],
    ['my application is still under review', { hasInProgressApplication: true }],
    ['正在备案中', { hasInProgressApplication: true }],
    ['behind an SLB', { usesLoadBalancer: true }],
    ["we don't use a load balancer", { usesLoadBalancer: false }],
    ['用了负载均衡', { usesLoadBalancer: true }],
    ['we already have an ICP licence', { holdsCommercialLicense: true }],
    ['we want an ICP licence', { wantsCommercialLicense: true }],
    ["we don't have BBS approval", { holdsBbsApproval: false }],
    ['我们有文网文', { holdsInternetCultureBusinessPermit: true }],
    // Not had yet, said after the permit's full name.
    ['网络文化经营许可证还没办下来', { holdsInternetCultureBusinessPermit: false }],
    ['the culture permit is still being processed', { holdsInternetCultureBusinessPermit: false }],
  ])('%s', (text, profile) => {
    expect(reader.read(text).profile).toEqual(profile);
  });
});

describe('FactReader.read: what is asked', () => {
  it.each([
    ['do I need an ICP filing?', 'filing-required'],
    // A can-cue opened by a need-cue is what is needed; alone it still asks whether one can.
    ['do i need to get a beian for it?', 'filing-required'],
    ['do we have to get an ICP?', 'filing-required'],
    ['can I get a beian for my shop? the server is in Shenzhen', 'can-apply'],
    ['需要备案吗', 'filing-required'],
    ['Can Tencent Cloud handle the filing for me? My server is a Tencent Cloud CVM in Chengdu.', 'through'],
    ['do we submit the beian ourselves to the 管局 or through the IDC?', 'through'],
    // Pinyin typed without an input method.
    ['geren boke fang zai tengxunyun shanghai, yao bu yao beian', 'filing-required'],
    // 备安: 安 for 案 with another tone, which the homophones do not take.
    ['网站在优刻得北京，需要备安吗', 'filing-required'],
    ['can we file?', 'can-apply'],
    ['我们可以备案吗', 'can-apply'],
    ['where do I file?', 'where'],
    ['在哪里备案', 'where'],
    ['through which provider do we file?', 'through'],
    ['通过谁备案', 'through'],
    ['网站备案走哪里', 'through'],
    ['we run three shops on one server, do they all need the filing?', 'filing-required'],
    // Filing oneself or by the provider is a question of through whom.
    ['do we have to deal with the bureau ourselves?', 'through'],
    ['is it me who submits it, or does the provider do it?', 'through'],
    ['who takes care of the beian, them or us?', 'through'],
    ['do I send the icp paperwork to tencent or to the government?', 'through'],
    ['Do I file the ICP myself or does Tencent Cloud do it?', 'through'],
    ['备案是他们帮我们提交还是我们自己去？', 'through'],
    ['谁帮我们报备案', 'through'],
    ['using huawei cloud guangzhou, does huawei do the icp or do i go to miit myself', 'through'],
    ['company in hk, want aliyun shenzhen server, beian possible or nah?', 'can-apply'],
    ['香港公司，想用阿里云深圳的服务器，能备吗', 'can-apply'],
    ['放在SiteGround上的WordPress网站，国内要访问需要ICP吗', 'filing-required'],
    ["The vendor says they'll handle the ICP. Shouldn't Alibaba do it?", 'through'],
    ['外包公司说备案他们来弄，不是应该阿里云来提交吗？', 'through'],
    ['新加坡公司，国内没有公司，能办ICP吗？', 'can-apply'],
    ['服务器在腾讯云上海，备案是我们自己弄还是腾讯云弄？', 'through'],
    ['服务器买的UCloud北京，备案在哪个平台提交', 'through'],
    ['我们的服务器在移动云，备案要找移动吗', 'through'],
    ['通过代理商买的腾讯云广州轻量服务器，备案是代理商提交还是腾讯云', 'through'],
    ['服务器托管在电信机房，备案怎么走', 'through'],
    ['轻量服务器是腾讯云的，备案归谁管', 'through'],
    ['阿里云服务器，备案能不能我自己直接去管局提交', 'through'],
    ['服务器在北京，是不是需要办理备案', 'filing-required'],
    ['网站放香港是不是就不用备案了', 'filing-required'],
    // Whether one must go back to the ID's province asks where.
    ['个人备案，身份证上地址是河北的，现在人在天津，要回河北备案吗', 'where'],
    ['my ID is from Hebei but I live in Tianjin now. do I have to go back to Hebei to file?', 'where'],
    ['which permits do we need for a forum?', 'permits'],
    ['除了备案还需要什么许可', 'permits'],
    // Said after a filing that exists: what is needed besides it.
    ['our shop got its beian last year, now we want to add a forum, anything else needed?', 'permits'],
    ['hello', undefined],
    // "Is that a problem?" after a case asks whether the case can go ahead.
    ['servers in Frankfurt, is that ok?', 'can-apply'],
    ['网站放在香港服务器，有问题吗', 'can-apply'],
    ['a company in Seoul, server in Shanghai. any chance?', 'can-apply'],
    ['香港公司，服务器放深圳，有戏吗', 'can-apply'],
    // "What … can I" asks for a thing, not whether one can.
    ['what name can I give my personal blog in the filing', undefined],
    // "When can I" asks for a time.
    ['my first application is still pending, when can I submit the next one?', undefined],
    // "How … can I" asks for a way or an amount: "how soon", "how many", "how can I make sure …".
    ['the filing is through. how soon can I put the shop online?', undefined],
    ['how many websites can we put under one filing?', undefined],
    // "What paperwork" asks for documents; "any paperwork?" whether anything is needed at all.
    ['what paperwork does a sole trader need to hand in for the icp filing?', undefined],
    ['server in Hangzhou, any paperwork needed?', 'filing-required'],
    // 能/可以 opening a clause that the filing or the application closes asks whether one can, however long the clause.
    ['能用阿里云北京的服务器给个人博客备案吗？', 'can-apply'],
    ['我们是英国公司，能用腾讯云上海的服务器备案吗', 'can-apply'],
    // Not said inside a clause (a thing's use), nor of submitting an order.
    ['外国企业常驻代表机构登记证可以当营业执照用来备案吗', undefined],
    ['当前订单还没提交管局，可以撤销后和新的一起提交吗？', undefined],
    // After its topic a question word asks about it only at the clause's end.
    ['备案可以吗', 'can-apply'],
    ['备案审核期间网站可以访问吗', undefined],
    // Paying, invoices and prices are not the filing.
    ['can we get a fapiao for the filing? we are a 有限公司 in Suzhou', undefined],
    ['华为云服务器能开增值税专票吗？我们是外企', undefined],
    // Nor is what the site may sell: "can … sell things" asks about selling, not about applying.
    ['just me personally - can my filed blog sell products too?', undefined],
    ['我是个人备案的 网站上能卖货吗', undefined],
    // A site that sells something is still one to file.
    ['can I file a site that sells handmade jewellery? server in Chengdu', 'can-apply'],
    // Nor is filing a site for someone else: whose name it goes in is for the entries, not the rules of one's own case.
    ['agency in shenzhen here, can we file our client websites under our own account?', undefined],
    ['我们是做建站外包的，能用我们公司的名义给客户网站备案吗', undefined],
    // Nor are ads on a filed site.
    ['personal blog, server in Shanghai. can i put google adsense on it?', undefined],
    // A client named in passing leaves the ask as it was.
    ['do I need a filing? the client wants the server in Beijing', 'filing-required'],
    // Nor is correcting what was filed.
    ['noticed a typo in the site name. Can we still fix it?', undefined],
    ['Can I modify the website name while the filing is under review by the authority?', undefined],
    ['网站名称写错了，还能修改吗', undefined],
    // "True?" as a clause of its own asks whether one can, unless something else is asked.
    ['our agency says we can just put the site on aliyun beijing and get the beian. true?', 'can-apply'],
    ['a friend told me I need some registration. Is that true, do I actually need it?', 'filing-required'],
    ['为啥备不了案', 'can-apply'],
    ['no office in China yet, thinking of Alibaba Cloud in Shanghai. Is that doable?', 'can-apply'],
    // "Can I … without a filing?" asks whether one is needed.
    ['不想备案，服务器放香港可以吗？公司在广州', 'filing-required'],
    ['can I launch the site without a filing if the server is in Tokyo?', 'filing-required'],
    ['is it ok to run my blog without beian if I use a hong kong vps?', 'filing-required'],
    // Going live first and filing later is doing without the filing meanwhile.
    ['服务器在杭州，能不能先上线再备案', 'filing-required'],
    ['server in Hangzhou, can we go live first and file later?', 'filing-required'],
    ['can I launch the site before the filing is approved? server aliyun shanghai', 'filing-required'],
    ['origin is a box in Frankfurt. filing or no filing?', 'filing-required'],
    ['日本公司想做个中文网站，要做ICP备案吗', 'filing-required'],
    // "Before I can" is part of another question.
    ['what do i need before i can start the beian', undefined],
    ["where's our beian handled?", 'where'],
    // Where a thing is put (放在…哪里, 挂在哪) asks where it goes, not where to file.
    ['杭州的网店，备案好了，备案号要放在页面哪里', undefined],
    ['备案号挂在哪', undefined],
    ['个人，身份证广东的，服务器放在北京，在哪里备案', 'where'],
    // "Possible?" and 可行吗 ask whether one can only as a clause of their own.
    ['Hong Kong company, want to host in Shenzhen, possible?', 'can-apply'],
    ['香港公司，服务器想放在深圳，可行吗', 'can-apply'],
    ['please reply as soon as possible', undefined],
    // Opening a message that goes on, "ok" acknowledges what was said.
    ['ok, and how do I file then?', undefined],
    ['okay, which documents do we need?', undefined],
    // Whether the site has to be filed, said in the passive.
    ['my server is in Changchun. does my site have to be filed?', 'filing-required'],
    ["I'm a freelance designer in Hefei building a portfolio site. Must it be filed?", 'filing-required'],
    ['server in Shenzhen, does it still have to be registered?', 'filing-required'],
    ['private kindergarten in Xinyang, is an ICP filing obligatory for us?', 'filing-required'],
    ['Does a Korean game studio with its servers in Incheon need a Chinese ICP filing for the game site?', 'filing-required'],
    ['火山引擎华南1（广州）上跑个人博客，备案是必须的吧', 'filing-required'],
    // Through whom, in other words: "let the provider do it", "must it go through …, or another one?"
    ['我用的是火山引擎上海的服务器，备案能让火山引擎给弄吗', 'through'],
    ['服务器在天翼云贵阳，备案必须走天翼云吗，还是可以找别家？', 'through'],
    // More ways of asking each, said of one case (company in Ningbo, server on Aliyun Hangzhou).
    ['company in Ningbo, server on Aliyun Hangzhou. Are we obliged to file?', 'filing-required'],
    ['company in Ningbo, server on Aliyun Hangzhou. Is filing optional for us?', 'filing-required'],
    ['company in Ningbo, server on Aliyun Hangzhou. Do we really need to bother with ICP?', 'filing-required'],
    ['company in Ningbo, server on Aliyun Hangzhou. Can we skip ICP?', 'filing-required'],
    ['company in Ningbo, server on Aliyun Hangzhou. Is there anything that would stop us?', 'can-apply'],
    ['company in Ningbo, server on Aliyun Hangzhou. Does Aliyun take care of the paperwork?', 'through'],
    ['公司在宁波，服务器在阿里云杭州，备案是强制的吗', 'filing-required'],
    ['公司在宁波，服务器在阿里云杭州，可以不备案吗', 'filing-required'],
    ['公司在宁波，服务器在阿里云杭州，备案躲得过去吗', 'filing-required'],
    ['公司在宁波，服务器在阿里云杭州，会不会被卡', 'can-apply'],
    ['公司在宁波，服务器在阿里云杭州，还要办别的证吗', 'permits'],
    ["I'm an individual, blog on Tencent Cloud Guangzhou. Does my blog fall under ICP?", 'filing-required'],
    ["I'm an individual, blog on Tencent Cloud Guangzhou. Will my application be accepted?", 'can-apply'],
    ["I'm an individual, blog on Tencent Cloud Guangzhou. do I go through my provider?", 'through'],
    // Not how long it takes to be approved.
    ["I'm an individual, blog on Tencent Cloud Guangzhou. how long does it take to get approved?", undefined],
    ['个人，博客放腾讯云广州，备案归哪管', 'where'],
    ['个人，博客放腾讯云广州，是腾讯云来弄吗', 'through'],
    ['个人，博客放腾讯云广州，能批下来吗', 'can-apply'],
    ['个人，博客放腾讯云广州，备案跑得掉吗', 'filing-required'],
    ['my wife runs a yoga studio in Qingdao, the site would sit on Tencent Cloud in Shanghai. is there paperwork we must do?', 'filing-required'],
    ['my wife runs a yoga studio in Qingdao, the site would sit on Tencent Cloud in Shanghai. with whom do we file?', 'through'],
    ['我们是温州做鞋的小厂，想搞个官网，服务器打算用阿里云，要我们自己跑吗', 'through'],
    // 能在/可以在 asks where only with a place after it; 啥时候能 asks when.
    ['身份证是上海的，能在上海备案吗', 'where'],
    ['身份证是外省的，能在居住地办个人备案吗', 'where'],
    ['服务器是阿里云的，能在腾讯云备案吗？', 'can-apply'],
    ['已经有一个备案在审核中了，啥时候能再提交一个？公司在九江', undefined],
    // What stands in the way, in other words: whether one can.
    ['公司在嘉兴，服务器在UCloud上海，有什么会妨碍我们申请备案的吗', 'can-apply'],
  ])('%s -> %s', (text, ask) => {
    expect(reader.read(text).asks).toBe(ask);
  });
});

describe('FactReader.read: two questions on the situation', () => {
  it.each([
    ['we are a studio in Chengdu, server on Tencent Cloud Chengdu. who files and where?', 'where', 'through'],
    ['成都的设计工作室，网站放腾讯云成都，谁来备案，在哪个省？', 'where', 'through'],
    // Two provinces as alternatives ask where; through whom stays asked, second.
    ['registered in Suzhou, ECS from Aliyun in Shanghai. do we file in Jiangsu or Shanghai, and does Aliyun do it?', 'where', 'through'],
    ['苏州注册的公司，租了阿里云上海的ECS，在江苏还是上海备案？阿里云帮我们弄吗？', 'where', 'through'],
    // Whether a filing is needed, with who files it: each answered.
    ["we're a small NGO in Kunming, site on Aliyun Kunming. do we have to file and who does it?", 'through', 'filing-required'],
    ['公司在昆明，服务器阿里云昆明，要备案吗？谁来提交？', 'through', 'filing-required'],
  ])('%s asks %s and %s', (text, first, second) => {
    const facts = reader.read(text);
    expect(facts.asks).toBe(first);
    expect(facts.asksAlso).toBe(second);
  });

  it.each([
    // "Can we file in X?" asks where; "can Tencent file it for us?" through whom; "have to file in X" where.
    '我身份证是上海的，去年搬到成都了，能在上海备案吗',
    '服务器在火山引擎，可以让腾讯云帮我备案吗',
    'our company licence is from Urumqi, do we have to file in Xinjiang or can we do it in Guangdong where our servers are (huawei cloud guangzhou)',
  ])('one question: %s', (text) => {
    expect(reader.read(text).asksAlso).toBeUndefined();
  });

  it('not one question twice', () => {
    expect(reader.read('where do we file? our company is in Chengdu').asksAlso).toBeUndefined();
  });
});

describe('FactReader.read: a whole situation', () => {
  it.each<[string, Omit<Facts, 'places'>]>([
    [
      "I'm a German GmbH, our server would be in Beijing, can we file?",
      { profile: { entityType: 'foreign-enterprise', hosting: 'mainland' }, serverProvince: 'beijing', asks: 'can-apply' },
    ],
    ['我们是德国公司，服务器在上海，需要备案吗？', { profile: { entityType: 'foreign-enterprise', hosting: 'mainland' }, serverProvince: 'shanghai', asks: 'filing-required' }],
    [
      'we are a Hong Kong Ltd with a VPS in Singapore',
      { profile: { entityType: 'foreign-enterprise', hosting: 'outside-mainland' } },
    ],
    ['what are the rules in Shanghai?', { profile: {} }],
  ])('%s', (text, expected) => {
    expect(stated(text)).toEqual(expected);
  });
});

describe('FactReader.read: words that are not places', () => {
  it.each(['nice to meet you', 'Nice to meet you', 'reading the rules', 'Reading the rules', "I'm in a good mood", 'Mobile app', 'help us', 'can you tell us more', 'we use Ali Cloud', '阿里云', '我们很平安', 'I work in IT'])(
    '%s names no place',
    (text) => {
      expect(reader.read(text).places).toEqual([]);
    },
  );

  // Counties named like everyday words: 比如 (Biru, Tibet), 合作 (Hezuo, Gansu), 前进, 三台 (Santai, Sichuan), 商城 (Shangcheng, Henan).
  it.each(['比如我是个人，要备案吗', '我们想合作开个网站，需要备案吗', '一路前进，网站要备案吗', '买了三台服务器，要备案吗', '网上商城要备案吗', '服务器资源不够用'])(
    '%s names no place',
    (text) => {
      expect(reader.read(text).places).toEqual([]);
    },
  );

  // Pinyin that users mix into English, named like counties: hukou (湖口, Jiangxi), jiguan (鸡冠, Heilongjiang), youxi (尤溪, Fujian).
  // Nor are they, or other pinyin excluded, corrected to a place a letter away: gongsi (Gongyi), yidong (Qidong), yingye (Yingde).
  it.each(['my hukou is in order', 'my jiguan is on the form', 'a youxi site', 'our gongsi is small', 'my yidong number', 'the yingye zhizhao'])('%s names no place', (text) => {
    expect(reader.read(text).places).toEqual([]);
  });

  it('reads "my hukou and ID are from Anhui" as one ID province', () => {
    expect(reader.read('my hukou and ID are from Anhui').profile).toEqual({ entityType: 'individual', idProvince: 'anhui' });
  });

  it.each([
    ['公司在比如县，服务器在阿里云', 'xizang'],
    ['公司注册在合作，要备案吗', 'gansu'],
  ])('a county named like a word still counts by its full name or after 在: %s', (text, province) => {
    expect(reader.read(text).places.map((p) => p.province)).toEqual([province]);
  });
});

describe('FactReader.read: place mentions', () => {
  it('gives each place its span, role, province and names in both languages', () => {
    expect(reader.read('ID card from Chengdu, server in Frankfurt').places).toEqual([
      { text: 'Chengdu', start: 13, end: 20, role: 'idProvince', negated: false, province: 'sichuan', name: { en: 'Chengdu', zh: '成都' } },
      { text: 'Frankfurt', start: 32, end: 41, role: 'server', negated: false, province: 'outside-mainland', name: { en: 'Frankfurt', zh: '法兰克福' } },
    ]);
  });

  it('marks a negated place', () => {
    expect(reader.read('服务器不在国内').places).toEqual([
      expect.objectContaining({ text: '国内', role: 'server', negated: true, province: 'mainland' }),
    ]);
  });

  it.each([
    ['Guangzhou', 'guangdong'],
    ['广州', 'guangdong'],
    ['广州市', 'guangdong'],
    ['Pudong', 'shanghai'],
    ['Haidian District', 'beijing'],
    ['Xiamen', 'fujian'],
    ['Urumqi', 'xinjiang'],
    ['Canton', 'guangdong'],
    ["Xi'an", 'shaanxi'],
    ['Jilin', 'jilin'],
    ['Nanshan', 'guangdong'],
    ['Inner Mongolia', 'neimenggu'],
    ['大理', 'yunnan'],
    ['延边', 'jilin'],
    ['Taipei', 'outside-mainland'],
    ['澳门', 'outside-mainland'],
    ['Munich', 'outside-mainland'],
    ['São Paulo', 'outside-mainland'],
    ['Germany', 'outside-mainland'],
    ['德国', 'outside-mainland'],
    ['Silicon Valley', 'outside-mainland'],
    ['LA', 'outside-mainland'],
    ['澳洲', 'outside-mainland'],
    // County-level cities, over a county of the same pinyin (伊吾县 is also "Yiwu").
    ['Yiwu', 'zhejiang'],
    ['Kunshan', 'jiangsu'],
    ['Jinjiang', 'fujian'],
  ])('%s is in %s', (text, province) => {
    expect(reader.read(text).places.map((p) => p.province)).toEqual([province]);
  });
});

describe('FactReader.read: a server kept at home, papers issued abroad', () => {
  it.each<[string, Partial<Facts>]>([
    ['a raspberry pi at home in Wuhan', { serverProvince: 'hubei', profile: { hosting: 'mainland' } }],
    ['服务器就放在家里，我住武汉', { serverProvince: 'hubei', profile: { hosting: 'mainland', residenceProvince: 'hubei' } }],
    ['my NAS at home, I live in Berlin', { profile: { hosting: 'outside-mainland' } }],
    // Home broadband, a dorm or a school's machine room: where the user is.
    ['家里宽带在成都，群晖上跑了个博客', { serverProvince: 'sichuan', profile: { hosting: 'mainland' } }],
    ['在杭州读博，网站部署在实验室的机器上', { profile: { hosting: 'mainland', residenceProvince: 'zhejiang', entityType: 'individual' } }],
    // A university one graduated from does not file.
    ['大学毕业后留在了成都工作，网站放在家里的服务器上', { profile: { hosting: 'mainland', residenceProvince: 'sichuan', entityType: 'individual' } }],
    ['the site runs on an old laptop in my dorm room, I study in Nanjing', { profile: { hosting: 'mainland', residenceProvince: 'jiangsu' } }],
    ['网站放在我家的NAS上，我住成都', { serverProvince: 'sichuan', profile: { hosting: 'mainland', residenceProvince: 'sichuan' } }],
    // A machine at home that runs the site (跑网站) is its server.
    ['家里一台旧电脑在长春跑网站，只能IP访问', { serverProvince: 'jilin', profile: { hosting: 'mainland', ipOnlyAccess: true } }],
  ])('%s: the server is where the user lives', (text, expected) => {
    expect(stated(text)).toMatchObject(expected);
  });

  it('does not put a server at home without a word for a server', () => {
    expect(stated('I live at home in Wuhan with my parents').profile.hosting).toBeUndefined();
  });

  it.each([
    'We have an office in Shanghai but only German-issued company papers',
    '我们在上海有办事处，但公司文件都是德国出具的',
  ])('%s: a foreign company with an office', (text) => {
    expect(stated(text).profile).toMatchObject({ entityType: 'foreign-enterprise', foreignPresence: 'physical-office', documentsIssuedOutsideMainland: true });
  });
});

describe('FactReader.read: whose place it is', () => {
  it.each<[string, Partial<Facts>]>([
    // "A Chinese ICP filing" names the filing's country, not a server's place; in a clause of its own, "China" still counts.
    ['Does a Korean game studio with its servers in Incheon need a Chinese ICP filing for the game site?', { profile: { entityType: 'foreign-enterprise', hosting: 'outside-mainland', siteTypes: ['gaming'] } }],
    ['hosting on OVH in France with a CDN that has no nodes in mainland China. icp needed?', { profile: { hosting: 'outside-mainland', mainlandCdn: false } }],
    // A firm, a studio or an agency in a place is where it is registered, before a filing verb after the place.
    ['Which province should our accounting firm in Mianyang file in? The server is Huawei Cloud Guangzhou.', { profile: { entityType: 'mainland-organisation', licenceProvince: 'sichuan', hosting: 'mainland' } }],
    // A server that "lives" or "sits" somewhere is where the server is, not where someone lives.
    ['our servers live in Frankfurt but we use Alibaba Cloud CDN with mainland nodes', { profile: { hosting: 'outside-mainland', mainlandCdn: true } }],
    ['I live in Shanghai and my server sits in Tokyo', { profile: { hosting: 'outside-mainland', residenceProvince: 'shanghai' } }],
    // The province one files in "instead of" another is the one wished for; the other is not.
    ["Hukou in Hebei, I live in Xi'an now. Can I do my personal filing in Shaanxi instead of Hebei?", { desiredProvince: 'shaanxi', profile: { entityType: 'individual', idProvince: 'hebei', residenceProvince: 'shaanxi', desiredProvince: 'shaanxi' } }],
  ])('%s', (text, expected) => {
    expect(stated(text)).toMatchObject(expected);
  });
});

describe('FactReader.read: a negation inside brackets', () => {
  it('stays in the brackets', () => {
    expect(stated("we're a GmbH with just an office (no certificate) in Wuhan").profile).toMatchObject({ foreignPresence: 'physical-office', certificateProvince: 'hubei' });
  });

  it('still negates what follows it outside brackets', () => {
    expect(stated('our server is not in China').profile).toEqual({ hosting: 'outside-mainland' });
  });
});

describe('FactReader.read: a company not registered in China', () => {
  it.each(['we have no company registered in China', '我们是外资企业，没有在中国注册公司'])('%s: a foreign company with nothing in the mainland', (text) => {
    expect(stated(text).profile).toMatchObject({ entityType: 'foreign-enterprise', foreignPresence: 'none' });
  });

  // A tester's "we don't have any company in China" after a verdict got the fallback: the negation stood five words before China.
  it.each(["we don't have any company in China", 'we do not own a company in mainland china', '我们在中国没有公司', '在国内还没有公司'])(
    '%s: the place of a company said not to exist is negated with it, however far the negation',
    (text) => {
      expect(stated(text).profile).toEqual({ entityType: 'foreign-enterprise', foreignPresence: 'none' });
    },
  );

  it.each<[string, Profile]>([
    ["we don't have a server in china", { hosting: 'outside-mainland' }],
    ['我们在中国没有服务器', { hosting: 'outside-mainland' }],
    // Not in Beijing says nothing of where it is.
    ['我们在北京没有服务器', {}],
  ])('%s: a server said not to be somewhere is not there', (text, profile) => {
    expect(stated(text).profile).toEqual(profile);
  });

  it('leaves a place outside the brackets of a negation as it was', () => {
    expect(stated('A Belgian NV with only a sales office in Guangzhou (no registration certificate) and servers in Hong Kong').profile).toMatchObject({ hosting: 'outside-mainland' });
  });

  it('keeps a branch it names', () => {
    expect(stated('our company is not registered in china but we have a branch in Shanghai').profile).toMatchObject({
      entityType: 'foreign-enterprise',
      foreignPresence: 'mainland-branch',
      certificateProvince: 'shanghai',
    });
  });

  it('reads a small factory (小厂) as a mainland organisation, with its place', () => {
    expect(stated('我们是温州做鞋的小厂，想搞个官网').profile).toMatchObject({ entityType: 'mainland-organisation', licenceProvince: 'zhejiang' });
  });

  it.each([
    "We're a Danish ApS with a server on Aliyun Shanghai",
    'Brazilian Ltda here, hosting in Beijing',
    'a Mexican S.A. de C.V. with servers in Guangzhou',
    "we're a Dutch B.V.",
    'Where does a Norwegian AS file an ICP?',
  ])('knows its company form: %s', (text) => {
    expect(stated(text).profile.entityType).toBe('foreign-enterprise');
  });

  it('does not take "as" alone for a company form', () => {
    expect(stated('I work as a developer in Beijing').profile.entityType).toBeUndefined();
  });
});

describe('FactReader.read: servers on both sides', () => {
  it('takes the mainland server named by its place: a filing is for it', () => {
    expect(stated('we have servers in both hong kong and shenzhen').profile.hosting).toBe('mainland');
  });

  it('does not take "China" as a whole for a server ("data from china to our servers in germany")', () => {
    expect(stated('can i transfer personal data from china to our servers in germany').profile.hosting).not.toBe('mainland');
  });

  it('reads an application already made', () => {
    expect(stated('I applied for icp last week').profile.hasInProgressApplication).toBe(true);
    expect(stated('上周申请了备案').profile.hasInProgressApplication).toBe(true);
  });
});

describe('FactReader.read: Chinese typed with a homophone', () => {
  it.each<[string, Partial<Facts>]>([
    ['服务气在阿里芸杭州', { profile: { hosting: 'mainland' }, serverProvince: 'zhejiang', hostingProviderId: 'alibaba-cloud' }],
    ['服务器在广洲', { profile: { hosting: 'mainland' }, serverProvince: 'guangdong' }],
    ['身分证是湖南的', { profile: { entityType: 'individual', idProvince: 'hunan' } }],
  ])('%s', (text, expected) => {
    expect(stated(text)).toMatchObject(expected);
  });

  it.each(['公司背景很简单', '这对我们的伤害很大'])('does not hear a place in ordinary words of other tones: %s', (text) => {
    expect(reader.read(text).places).toEqual([]);
  });
});

describe('FactReader.read: a question put as a verb and its negation', () => {
  it('does not negate what it asks about (a tester who asked 是不是还得办ICP证 was said back as not needing the licence)', () => {
    expect(reader.read('游戏里充值卖道具，是不是还得办ICP证').profile.wantsCommercialLicense).toBe(true);
    expect(reader.read('要不要办ICP证').profile.wantsCommercialLicense).toBe(true);
  });

  it('still reads a plain negation', () => {
    expect(reader.read('我们不需要经营许可证').profile.wantsCommercialLicense).toBe(false);
  });
});

describe('FactReader.read: colloquial Chinese', () => {
  it('knows every term with 啥 for 什么', () => {
    expect(reader.read('个人做小游戏网站，要办啥证').asks).toBe(reader.read('个人做小游戏网站，要办什么证').asks);
    expect(reader.read('个人做小游戏网站，要办啥证').asks).toBe('permits');
  });

  it('reads 啥都没有 as nothing in the mainland', () => {
    expect(stated('英国公司，在中国啥都没有').profile).toMatchObject({ entityType: 'foreign-enterprise', foreignPresence: 'none' });
  });
});

describe('FactReader.read: the filing named alone as a question', () => {
  it.each(['personal blog, server in aws ap-southeast-1. beian?', 'google cloud asia-east2 plus a cdn with mainland nodes. icp?', '服务器在香港，备案？'])('%s asks whether a filing is needed', (text) => {
    expect(reader.read(text).asks).toBe('filing-required');
  });

  it.each(['so no filing?', 'no ICP then?', 'Hong Kong server. so no beian?'])('no filing as a clause of its own asks whether one is needed: %s', (text) => {
    expect(reader.read(text).asks).toBe('filing-required');
  });

  it('not inside a longer question', () => {
    expect(reader.read('what is an icp filing').asks).toBeUndefined();
    expect(reader.read('what happens if a site has no filing?').asks).toBeUndefined();
  });

  it.each(['公司在乌鲁木齐，想在北京备案，服务器也在北京', 'our company is in Urumqi and we want to file in Beijing'])('a province wished for in a statement asks where: %s', (text) => {
    expect(reader.read(text)).toMatchObject({ asks: 'where', desiredProvince: 'beijing' });
  });

  it.each([
    'What is this verification photo, and do I have to go somewhere for it?',
    'Do I need to be able to read Chinese to go through the filing?',
    'do we have to pay anything for the beian?',
  ])('a step of the filing is not whether one is needed, nor whether one can: %s', (text) => {
    expect(reader.read(text).asks).toBeUndefined();
  });

  it('not in a question about something else', () => {
    expect(reader.read('公司在天津，备案填的手机号必须是天津号码吗').asks).toBeUndefined();
  });

  it.each(['Which IDs, scans and forms are needed for a shop site?', 'what certificates or translations do we need?'])(
    'a list of things asked for is no question of need: %s',
    (text) => {
      expect(reader.read(text).asks).toBeUndefined();
    },
  );

  it.each(['公司搬家了，备案里的地址要不要跟着改', '备案材料需不需要公证', '个人备案要不要交钱'])('a Chinese need-cue before a step or a change asks about that step: %s', (text) => {
    expect(reader.read(text).asks).toBeUndefined();
  });

  it.each(['个人博客要不要去备案', '个人博客需不需要备案', '服务器在香港，需不需要？'])('a Chinese need-cue before the filing, or alone, asks whether one is needed: %s', (text) => {
    expect(reader.read(text).asks).toBe('filing-required');
  });

  it.each(['do I need a server in China?', 'do we need a Chinese company to file?', 'Do I need a work permit to work in Shanghai?', 'does the shop need the commercial license?'])(
    'a need-cue before another thing than the filing asks about that thing: %s',
    (text) => {
      expect(reader.read(text).asks).toBeUndefined();
    },
  );

  it.each(['do I need an ICP filing for my blog?', 'server in Frankfurt, do we need one?', 'do i need benian for my blog'])('a need-cue before the filing, or a word not told from it, asks: %s', (text) => {
    expect(reader.read(text).asks).toBe('filing-required');
  });

  it.each(['Can our company website stay online while the beian is being reviewed?', '审核期间网站能不能先开着', '备案期间网站能开着吗'])(
    'a can-cue before keeping the site open asks whether the site may stay open, not whether one can apply: %s',
    (text) => {
      expect(reader.read(text).asks).toBeUndefined();
      expect(reader.read(text).asksRunning).toBe(true);
    },
  );

  it.each(['our website is under review, can we keep it open?', 'can the site be online before the filing is done?', '网站在审核期间，能不能先让客户访问'])(
    'as does one before putting the site online, or after a clause naming the site and a comma: %s',
    (text) => {
      expect(reader.read(text).asksRunning).toBe(true);
    },
  );

  it.each(['our website is under review. Can we keep the domain?', 'can I live in Beijing and keep our filing in Shanghai?'])(
    'but not one whose sentence names no site: %s',
    (text) => {
      expect(reader.read(text).asksRunning).toBeUndefined();
    },
  );

  it.each([
    ['can my site stay online during the ICP review?', true],
    ['备案期间网站能不能先开着', true],
    ['审核过程中网站可以访问吗', true],
    ['can my blog stay online while the review is running?', true],
  ] as const)('reads the review under way as an application in progress: %s', (text, inProgress) => {
    expect(reader.read(text).profile.hasInProgressApplication).toBe(inProgress);
  });

  it.each(['while the change to our filing is being reviewed, can the site stay online?', '备案变更审核期间网站能访问吗'])(
    'reads a change to a filing as a filing there already: %s',
    (text) => {
      expect(reader.read(text).filedAlready).toBe(true);
    },
  );

  it.each(["I'm a Canadian living in Beijing, can I file my blog?", 'As a German living in Shanghai, can I get a personal filing?', '我是香港人，想给个人博客备案', '我是外国人，在上海工作，能个人备案吗', 'I am an expat in Shenzhen', "Can I get ICP for my personal blog if I'm not Chinese?", '我不是中国人，能个人备案吗', "I'm a US citizen living in Shenzhen. Can I get an ICP filing for my personal blog?", 'we are Canadian citizens working in Beijing', 'I hold a German passport', 'my nationality is German'])(
    'reads an identity from outside the mainland said of the person: %s',
    (text) => {
      expect(reader.read(text).profile.idFromOutsideMainland).toBe(true);
    },
  );

  it.each(['We are a German company, server in Beijing', "I'm a Chinese citizen living in Germany", 'our customers are Americans', 'an American-owned company in Suzhou', 'the site is not chinese only', 'how to apply for a Chinese work visa', 'I hold a Chinese passport', 'we are Chinese citizens living in Berlin'])(
    'but not a company of another country, a place lived in abroad, or others: %s',
    (text) => {
      expect(reader.read(text).profile.idFromOutsideMainland).toBeUndefined();
    },
  );

  it('reads the provider wanted on its side (这边) as the one to file through', () => {
    expect(reader.read('服务器是阿里云的，腾讯云这边能给我过备案吗').profile).toMatchObject({ hostingProvider: '阿里云', desiredFilingProvider: '腾讯云' });
    expect(reader.read('服务器是西部数码的虚拟主机，腾讯云这边能给我过备案吗')).toMatchObject({ hostingProviderId: 'west-cn', profile: { desiredFilingProvider: '腾讯云' } });
  });

  it.each([
    ['can we run the filing through Aliyun?', 'can-apply'],
    ['can I launch my site without a beian?', 'filing-required'],
    ['不备案网站能不能先开着', 'filing-required'],
  ] as const)('but not one that names no site, or runs it without the filing: %s', (text, ask) => {
    expect(reader.read(text).asks).toBe(ask);
  });

  it('a clause opened by "and" is no list: which province, and do we need a filing?', () => {
    expect(reader.read('which province, and do we need a filing?')).toMatchObject({ asks: 'where', asksAlso: 'filing-required' });
  });

  it.each([
    'We filed one domain last month and now need to file a second one for the same company. Do we have to wait until the first is approved?',
    '我们需要备案。审核一般要多久？',
    'Our server is in Shanghai and we need a filing! how long does it take?',
  ])('a need stated in a sentence of its own beside a question is no question: %s', (text) => {
    expect(reader.read(text).asks).toBeUndefined();
  });

  it.each(['do I need a filing. server in HK', 'We need to file a second domain. Do we need a new filing for it?', '公司要建站，需要备案吗？服务器在深圳'])(
    'a need asked, or said where nothing is marked as the question, still asks: %s',
    (text) => {
      expect(reader.read(text).asks).toBe('filing-required');
    },
  );
});

describe('FactReader.read: a filing done already', () => {
  it.each(['our shop already has its filing, the server is in Wuhan', '公司官网备案早就下来了', '杭州的网店，备案好了'])('%s', (text) => {
    expect(reader.read(text).filedAlready).toBe(true);
  });

  it.each(['Got our filing for the company site last week', 'we got the filing in March'])('is said by "got the filing": %s', (text) => {
    expect(reader.read(text).filedAlready).toBe(true);
  });

  it.each(['We changed our office address. Do we have to redo the ICP filing?', 'do we have to file again after the merger?', '网站换了负责人，要重新备案吗', 'We switch hosts next month and want to keep our filing. What do we have to do?', '换了服务商，想保留备案，需要做什么'])(
    'is implied by filing again or keeping the filing, which is no question of whether a filing is needed: %s',
    (text) => {
      expect(reader.read(text)).toMatchObject({ filedAlready: true });
      expect(reader.read(text).asks).toBeUndefined();
    },
  );

  it('makes "do we need …?" not a question of whether a filing is needed', () => {
    expect(reader.read('我们公司前年拿的备案号，现在要不要重新弄').asks).toBeUndefined();
  });

  it.each(['备案下来了，备案号要放网站哪里', 'we got our filing last week, where on our site does the number go?'])(
    'makes "where" not a question of where to file (a tester got the check for where the number goes): %s',
    (text) => {
      expect(reader.read(text).filedAlready).toBe(true);
      expect(reader.read(text).asks).toBeUndefined();
    },
  );

  it('is not said by a filing still to come', () => {
    expect(reader.read('we will file once the server is in Wuhan').filedAlready).toBeUndefined();
  });

  // 备案了 closing its clause, apart from the fixed phrases.
  it.each(['我的网站在阿里云备案了，现在要搬到腾讯云广州', '第一个网站已经在阿里云备案了，现在想再加个域名'])('%s', (text) => {
    expect(reader.read(text).filedAlready).toBe(true);
  });

  it.each(['网站备案了吗', '我们马上要备案了，需要准备什么', '网站备案了没有', '准备备案了，服务器在杭州', '网站放香港是不是就不用备案了', '服务器买好了，可以备案了', '已经提交备案了，多久能下来'])('not asked, to come or not needed: %s', (text) => {
    expect(reader.read(text).filedAlready).toBeUndefined();
  });

  it('a provider named with a filing done there is left behind, not the one to file through', () => {
    const facts = reader.read('我的网站在阿里云备案了，现在要搬到腾讯云广州，谁来帮我提交？');
    expect(facts.profile).toMatchObject({ movingToAnotherProvider: true });
    expect(facts.profile.desiredFilingProvider).toBeUndefined();
    expect(facts.hostingProviderId).toBe('tencent-cloud');
    expect(reader.read('第一个网站已经在阿里云备案了，现在想再加个域名').profile.desiredFilingProvider).toBeUndefined();
  });
});

describe('FactReader.read: 哪家', () => {
  it.each(['那服务器买哪家的比较好', '哪家云服务器好', '阿里云腾讯云哪家便宜'])('asks which host to buy, not through whom to file: %s', (text) => {
    expect(reader.read(text).asks).toBeUndefined();
  });

  it.each(['备案找哪家', '备案走哪家', '选哪家备案'])('asks through whom to file: %s', (text) => {
    expect(reader.read(text).asks).toBe('through');
  });
});

describe('FactReader.read: asking to be guided', () => {
  it.each([
    "we're a Dutch company and want our site to load fast in China. what do we need to do?",
    'hey, we make soap in Xiamen and want a shop site on Huawei Cloud there. what is involved?',
    'I want to launch a website for customers in China, where do I start?',
    '我在厦门做手工皂，想在华为云开个网店，要走什么流程',
    '成都的有限公司做游戏网站，要准备些什么',
    "I'm a freelancer making a portfolio site, hosting on Tencent Cloud. need anything?",
    '刚注册了个域名，想做个人博客，服务器买的腾讯云广州，接下来该干嘛',
    '我想做个网站卖茶叶，客户都在国内，需要什么手续',
    'I want a website to sell tea, customers are all in China, what paperwork do I need?',
    // Written for this test, apart from the vocabulary: the colloquial 啥, 先 after the modal, "sort out".
    '刚毕业，想把作品集网站放到阿里云深圳，需要准备啥',
    '我们在青岛开了家面包店，想在腾讯云上做个网上商城，要先办什么',
    'we run a bakery in Qingdao and want an online shop hosted on Tencent Cloud, what do we have to sort out first?',
    "hello, I want to put my company website on a server in China. what's the first step?",
    'our ngo in Kunming wants a website on Huawei Cloud. is there anything special for non-profits?',
    '我们是昆明的非营利组织，网站放华为云，有什么特别要求吗',
    "we're a Co., Ltd. in Ningbo selling furniture, planning an online store on Tencent Cloud. where do we even begin?",
  ])('of a case or a site in the mainland: %s', (text) => {
    expect(reader.read(text).asksGuide).toBe(true);
  });

  it.each(['I want to learn Chinese, where do I start?', '公司开对公账户要准备什么资料', 'our site is in Singapore, what is involved?', '公司注册需要什么手续'])(
    'not of something else than a site, nor of a site with nothing in the mainland: %s',
    (text) => {
      expect(reader.read(text).asksGuide).toBeUndefined();
    },
  );

  it.each(["we're a small US startup and want our app's website to load fast in China", '我们是美国的创业公司，想让网站在国内访问快一点'])(
    'reads the goal of a site fast in China, said of a case, as asking to be guided: %s',
    (text) => {
      expect(reader.read(text).asksGuide).toBe(true);
    },
  );

  it.each(["we're a German GmbH and want a site for Chinese customers", '我们是日本公司，打算做个网站卖东西给中国人'])(
    'reads a site wished for, said of a case in a message that asks nothing else, as asking to be guided: %s',
    (text) => {
      expect(reader.read(text).asksGuide).toBe(true);
    },
  );

  it.each(["we're a German GmbH and want a site for Chinese customers. how long does the filing take?", "we don't want a website, we're a German company"])(
    'not a site wished for beside a question, nor one not wanted: %s',
    (text) => {
      expect(reader.read(text).asksGuide).toBeUndefined();
    },
  );

  it.each(['what do we need to do?', 'ok so what are our options?', '接下来该干嘛', '我们需要做什么？', 'so what are our options then? we really need fast loading for chinese users', '我们的用户都在国内，接下来该干嘛'])(
    'reads the guide\'s words with no case of their own as asking to be guided through the case told before: %s',
    (text) => {
      const facts = reader.read(text);
      expect(facts.asksGuideOfToldCase).toBe(true);
      expect(facts.asksGuide).toBeUndefined();
    },
  );

  it.each(['我们公司在香港，服务器打算放阿里云杭州，需要做什么', 'what do we need to do?', '我们需要做什么？'])(
    'takes a need said inside the guide\'s words for what to do, not whether a filing is needed: %s',
    (text) => {
      expect(reader.read(text).asks).toBeUndefined();
    },
  );

  it('reads the guide\'s words of an owner whose users are in China as asking to be guided through that case', () => {
    const facts = reader.read("hi, we're a small dutch company selling bikes online. our shop is on shopify right now but chinese customers say it's super slow. what are our options?");
    expect(facts).toMatchObject({ profile: { entityType: 'foreign-enterprise' }, asksGuide: true });
    expect(reader.read('we are a Singapore company, what do we need?').asksGuide).toBeUndefined();
  });

  it('reads the guide\'s words said by an owner, of no site, as asking to be guided as that owner', () => {
    expect(reader.read('we are a Singapore company, what do we need?')).toMatchObject({ profile: { entityType: 'foreign-enterprise' }, asksGuideAsOwner: true });
    expect(reader.read('we are a Singapore company, what do we need?').asksGuide).toBeUndefined();
    expect(reader.read('our site is in Singapore, what is involved?').asksGuideAsOwner).toBeUndefined();
  });

  it('does not read a message with a case of its own as asking about the case told before', () => {
    expect(reader.read('our site is in Singapore, what is involved?').asksGuideOfToldCase).toBeUndefined();
    expect(reader.read('our server is in China, what do we need to do?').asksGuideOfToldCase).toBeUndefined();
    expect(reader.read('hey, we make soap in Xiamen and want a shop site on Huawei Cloud there. what is involved?').asksGuideOfToldCase).toBeUndefined();
  });

  it('reads "Options?" after a case as asking to be guided', () => {
    expect(reader.read("We're a Canadian software company, no entity in China. We'd like our docs site to load fast for Chinese developers. Options?").asksGuide).toBe(true);
    expect(reader.read('what payment options do you accept?').asksGuide).toBeUndefined();
  });

  it('takes a "where" inside the guide\'s words for where to start, not where to file', () => {
    expect(reader.read('a company in Ningbo with an online store on Tencent Cloud. where do we even begin?').asks).toBeUndefined();
    expect(reader.read('a company in Ningbo with an online store on Tencent Cloud. where do we file, and where do we begin?').asks).toBe('where');
  });

  it('keeps the words it overlaps: "what is the procedure" still asks of the rules in general', () => {
    expect(reader.read('what is the procedure for a personal filing when the ID card is from another province?').profile).toEqual({});
  });
});

describe('FactReader.read: where a thing goes', () => {
  it('is not where to file', () => {
    expect(reader.read('where do i put the icp number on our shop?').asks).toBeUndefined();
    expect(reader.read('where do we file? company in Xi an').asks).toBe('where');
    // Words between "where" and the verb of placing, and a filing verb that says it is where to file after all.
    expect(reader.read('Where exactly on the page do we display it?').asks).toBeUndefined();
    expect(reader.read('where should we file if we want to show the site to chinese users?').asks).toBe('where');
    expect(reader.read('I work in shenzhen with an id card from sichuan, where does my personal site get filed').asks).toBe('where');
    // The part of the page it goes on.
    expect(reader.read("Got our filing for the company site (we're in Lianyungang). Where on the page does the ICP number go?").asks).toBeUndefined();
    expect(reader.read('备案号放在网页哪里').asks).toBeUndefined();
  });

  it('is not where to file when it asks where a filing one has is cancelled, changed or followed', () => {
    expect(reader.read('个人备案不想要了，在哪里操作注销').asks).toBeUndefined();
    expect(reader.read('我是个人，去哪里注销备案').asks).toBeUndefined();
    expect(reader.read('公司在深圳，在哪里可以查看备案进度').asks).toBeUndefined();
    expect(reader.read('is there a page where I can follow the progress of my filing?').asks).toBeUndefined();
    expect(reader.read('where do I cancel our beian? company in Xiamen').asks).toBeUndefined();
    // 把 puts the filing before the verb that acts on it.
    expect(reader.read('博客不做了，要去哪儿把备案撤掉').asks).toBeUndefined();
    expect(reader.read('我是个人，去哪里把备案注销').asks).toBeUndefined();
    // A filing verb first still asks where to file.
    expect(reader.read('我是个人，能在北京备案吗').asks).toBe('where');
    expect(reader.read('个人备案，在哪里备案').asks).toBe('where');
  });

  it('is not where to file when it asks where to begin', () => {
    expect(reader.read('we want a site for customers in China, where should we begin?').asks).toBeUndefined();
  });
});

describe('FactReader.read: a negation before a space typed for a comma in Chinese', () => {
  it.each(['没网址 直接用ip访问', '没CDN 直接用ip访问', '没域名 直接用IP访问就行'])('stays on its side: %s is reached by IP', (text) => {
    expect(reader.read(text).profile.ipOnlyAccess).toBe(true);
  });

  it('still reaches what it stands right before: 没有CDN 服务器在香港', () => {
    expect(reader.read('没有CDN 服务器在香港').profile.mainlandCdn).toBe(false);
  });

  it.each(['那不用CDN直接香港的呢', '不用CDN直接新加坡的服务器行不行'])('takes a place abroad after a CDN said not used for the server, not the CDN: %s', (text) => {
    expect(reader.read(text).profile.mainlandCdn).toBe(false);
  });

  it('ends a negation at 直接 ("just"): 不用CDN直接新加坡的服务器 has its server in Singapore', () => {
    expect(reader.read('不用CDN直接新加坡的服务器行不行').profile).toMatchObject({ hosting: 'outside-mainland', mainlandCdn: false });
  });
});

describe('FactReader.read: residents of Hong Kong, Macao and Taiwan', () => {
  it.each(['hong kong resident, personal blog on a server in Shenzhen', 'I am a Taiwan resident and want a personal site', "I'm a macau resident", '我是澳门居民，想做个人网站', '港澳居民可以个人备案吗', 'I only have a Hong Kong ID card'])(
    'reads an identity document from outside the mainland: %s',
    (text) => {
      expect(reader.read(text).profile.idFromOutsideMainland).toBe(true);
    },
  );
});

describe('FactReader.read: a server joined to its place by 的', () => {
  it.each([
    ['以后想搬到深圳的服务器', 'guangdong'],
    ['网站下个月搬到成都的服务器上', 'sichuan'],
  ])('reads the place of %s as the server\'s', (text, province) => {
    const read = reader.read(text);
    expect(read.serverProvince).toBe(province);
    expect(read.profile.residenceProvince).toBeUndefined();
  });

  it('still reads a move to a place as where one lives: 我去年搬到深圳了', () => {
    expect(reader.read('我去年搬到深圳了').profile.residenceProvince).toBe('guangdong');
  });
});

describe('FactReader.read: living outside the mainland', () => {
  it.each(["I'm from Chengdu originally but I live in Canada now, personal blog", '我现在定居新加坡，身份证是广东的', 'I have been living in Australia for years, ID card from Hubei', '人在国外，想做个个人网站'])(
    'reads it of a person: %s',
    (text) => {
      expect(reader.read(text).profile.livesOutsideMainland).toBe(true);
    },
  );

  it.each(['I live in Shanghai, ID from Hunan', 'we are a company in Shenzhen with an office in Singapore', '服务器在新加坡', 'I used to live in Germany, now I live in Beijing'])(
    'does not read it: %s',
    (text) => {
      expect(reader.read(text).profile.livesOutsideMainland).toBeUndefined();
    },
  );
});

describe('FactReader.read: a domain suffix named', () => {
  it.each(['can we file a .dev domain?', 'the domain ends in .shop, is that ok', '域名后缀有要求吗', '我的域名是 .top 的', '我的域名是.me结尾的'])('names one: %s', (text) => {
    expect(reader.read(text).namesDomainSuffix).toBe(true);
  });

  it.each(['my site example.io is hosted on Aliyun', '网站abc.io放在阿里云上', 'what domain should I buy?', 'server in Shanghai. what next?'])('names none: %s', (text) => {
    expect(reader.read(text).namesDomainSuffix).toBeUndefined();
  });
});

describe('FactReader.read: a site that sells online or takes payments', () => {
  it.each([
    'people book and pay classes through WeChat Pay on our site',
    'a browser game with in-game purchases',
    'our shop site will have an alipay checkout',
    'the site takes payments by card',
    '网站要接入微信支付',
    '我们网站要卖货收款',
    '会员可以在网站上充值',
  ])('says so: %s', (text) => {
    expect(reader.read(text).takesPayments).toBe(true);
  });

  it.each(['Is the basic filing enough or do we need something else?', '除了备案还需要其他的吗'])('asks for the permits besides the filing: %s', (text) => {
    expect(reader.read(`our Chengdu company's site is on Tencent Cloud Chengdu. ${text}`).asks).toBe('permits');
  });

  it.each(['a company site with our product catalogue', 'can I pay the filing fee with a credit card?', '个人博客，服务器在杭州', 'how much does the filing cost?'])('says nothing of it: %s', (text) => {
    expect(reader.read(text).takesPayments).toBeUndefined();
  });
});

describe('FactReader.read: an industry that may need a prerequisite approval', () => {

  it.each(['we plan an online course platform for kids, server in Beijing', 'a news portal for our town', 'our clinic wants its site on Tencent Cloud', '我们是做在线教育的，服务器在杭州', '诊所的官网想放在腾讯云', '想开个卖药的网店', 'a small dental practice in Suzhou needs a site', 'we are dentists in Xiamen', '我们是一家口腔诊所'])(
    'names one: %s',
    (text) => {
      expect(reader.read(text).namesIndustry).toBe(true);
    },
  );

  it.each(['a cooking blog on a server in Shanghai', 'we sell adult products and hold the health approval', '公司官网，服务器在上海', '个人博客放阿里云北京'])('names none: %s', (text) => {
    expect(reader.read(text).namesIndustry).toBeUndefined();
  });

  it('leaves the site general for the rules', () => {
    expect(reader.read('a news site of our company in Beijing').profile.siteTypes).toEqual(['general']);
  });
});

describe('FactReader.withoutCase', () => {
  it('leaves the question without the words of the case', () => {
    expect(reader.withoutCase("what happens if I run my shop on tencent cloud shanghai without a filing? I'm just a 个体户 in Wenzhou")).toBe(
      "what happens if I run my shop on without a filing? I'm just a in",
    );
    expect(reader.withoutCase('京东云的服务器，我们是郑州的个体户，备案要多少钱')).not.toMatch(/京东云|郑州|个体户/);
  });

  it('leaves a message without case words as it is', () => {
    expect(reader.withoutCase('how long does the filing take')).toBe('how long does the filing take');
  });

  it('blanks the guide\'s words too when asked', () => {
    expect(reader.withoutCase('we are a Singapore company, what do we need?', 'guide')).toBe('we are a , ?');
    expect(reader.withoutCase('我们是新加坡公司，需要做什么', 'guide')).toBe('我们是 ，');
    expect(reader.withoutCase('we are a Singapore company, what do we need?')).toBe('we are a , what do we need?');
    // Same from a message read once.
    expect(reader.readMessage('我们是新加坡公司，需要做什么').withoutCase('guide')).toBe('我们是 ，');
  });
});

describe('FactReader.readMessage', () => {
  const messages = [
    "what happens if I run my shop on tencent cloud shanghai without a filing? I'm just a 个体户 in Wenzhou",
    '京东云的服务器，我们是郑州的个体户，备案要多少钱',
    'we are a German company with a server in Shanghai, do we need ICP?',
    'server is on Tencent Cloud Guangzhou, can I apply?',
    'how long does the filing take',
  ];

  it.each(messages)('reads the same facts as read: %s', (text) => {
    expect(reader.readMessage(text).facts).toEqual(reader.read(text));
  });

  it.each(messages)('leaves the same words without the case, or without the hosts, as withoutCase: %s', (text) => {
    const reading = reader.readMessage(text);
    expect(reading.withoutCase()).toBe(reader.withoutCase(text));
    expect(reading.withoutCase('hosts')).toBe(reader.withoutCase(text, 'hosts'));
  });

  it('gives the words without the case from the message, whatever the caller does to the facts', () => {
    const text = 'we are a German company with a server in Shanghai, do we need ICP?';
    const reading = reader.readMessage(text);
    reading.facts.places.length = 0;
    reading.facts.profile = {};
    expect(reading.withoutCase()).toBe(reader.withoutCase(text));
    expect(reader.readMessage(text).facts).toEqual(reader.read(text));
  });
});
