import { createServer, connect, type AddressInfo } from 'node:net';
import { once } from 'node:events';
import { expect, test } from 'vitest';
import { laterTurn } from './turns.js';

const busy = (ms: number) => {
  for (const end = performance.now() + ms; performance.now() < end;);
};

test('input that arrives while work waits for its turn is handled after at most one step of that work', async () => {
  let steps = 0,
    seenAfter = -1;
  const server = createServer((s) => s.on('data', () => ((seenAfter = steps), s.end())));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const accepted = once(server, 'connection');
  const client = connect((server.address() as AddressInfo).port, '127.0.0.1');
  await Promise.all([once(client, 'connect'), accepted]);

  const order: number[] = [];
  const work = [...Array(40)].map(async (_, i) => {
    await laterTurn();
    busy(2); // a booking's step: 80 ms in all
    order.push(i);
    steps++;
  });
  client.write('search');
  await Promise.all(work);
  client.destroy();
  server.close();

  expect(order).toEqual([...Array(40).keys()]); // in arrival order
  expect(seenAfter).toBeGreaterThanOrEqual(0);
  expect(seenAfter).toBeLessThanOrEqual(2);
});

test('a long queue resumes every caller once, in arrival order', async () => {
  const order: number[] = [];
  // More callers than the queue keeps before it drops the ones resumed; some arrive while it is being worked off.
  const first = [...Array(3000)].map(async (_, i) => {
    await laterTurn();
    order.push(i);
  });
  await new Promise((r) => setImmediate(r));
  const more = [...Array(1000)].map(async (_, i) => {
    await laterTurn();
    order.push(3000 + i);
  });
  await Promise.all([...first, ...more]);
  expect(order).toEqual([...Array(4000).keys()]);
});
