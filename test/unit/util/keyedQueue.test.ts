import { KeyedQueue } from '../../../src/util/keyedQueue';

describe('KeyedQueue', () => {
  it('runs tasks of one key one after another, in order', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const task = (name: string, ms: number) => async () => {
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([queue.run('a', task('1', 20)), queue.run('a', task('2', 1)), queue.run('b', task('x', 5))]);
    expect(results).toEqual(['1', '2', 'x']);
    expect(log.indexOf('end 1')).toBeLessThan(log.indexOf('start 2'));
    expect(log.indexOf('start x')).toBeLessThan(log.indexOf('end 1'));
    expect(queue.size).toBe(0);
  });

  it('goes on after a failed task and passes its error to its caller', async () => {
    const queue = new KeyedQueue();
    const failed = queue.run('a', async () => {
      throw new Error('boom');
    });
    const next = queue.run('a', async () => 'ok');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ok');
  });
});
