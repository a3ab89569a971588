import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { Config } from '../../../src/config';

const deploy = join(__dirname, '..', '..', '..', 'deploy');

describe('deploy/docker-compose.yml', () => {
  const compose = parse(readFileSync(join(deploy, 'docker-compose.yml'), 'utf8')) as {
    services: Record<string, { environment?: Record<string, string>; deploy?: { replicas?: number }; ports?: string[]; volumes?: string[] }>;
  };

  it('runs two or more bot replicas on Redis behind a load balancer', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['bot', 'lb', 'redis']);
    expect(compose.services.bot.deploy?.replicas).toBeGreaterThanOrEqual(2);
    expect(compose.services.bot.environment).toMatchObject({ STORAGE: 'redis', REDIS_URL: 'redis://redis:6379' });
    expect(compose.services.lb.ports).toEqual(['3978:80']);
  });

  it('sets only variables the bot reads', () => {
    const names = Object.keys(compose.services.bot.environment ?? {});
    expect(names.filter((name) => !(name in Config.shape))).toEqual([]);
  });

  it('points the load balancer at the bot service, round-robin without sticky sessions, passing WebSockets through', () => {
    const nginx = readFileSync(join(deploy, 'nginx.conf'), 'utf8');
    expect(nginx).toMatch(/server bot:3978 resolve;/);
    expect(nginx).not.toMatch(/^\s*(ip_hash|hash|sticky)\b/m);
    expect(nginx).toMatch(/proxy_set_header Upgrade \$http_upgrade;/);
  });
});
