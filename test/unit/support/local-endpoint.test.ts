// The local-endpoint helper starts once for its describe block and stops once, after the block's last
// test, whatever the tests did; outside the block its getter refuses.
import * as assert from 'node:assert/strict';
import { localEndpoint } from '../../support/local-endpoint';

describe('support: localEndpoint', () => {
  const events: string[] = [];
  let getter: (() => { name: string; stop(): void }) | undefined;

  describe('a block that uses it', () => {
    const endpoint = localEndpoint(() => {
      events.push('start');
      return Promise.resolve({ name: 'ec2', stop: () => void events.push('stop') });
    });
    getter = endpoint;

    it('is started before the first test', () => {
      assert.deepEqual(events, ['start']);
      assert.equal(endpoint().name, 'ec2');
    });

    it('is the same endpoint for the next test (not started again)', () => {
      assert.deepEqual(events, ['start']);
    });
  });

  after(() => {
    assert.deepEqual(events, ['start', 'stop'], 'stopped once, after the block');
    assert.throws(() => getter!(), /runs only inside the tests and hooks of its describe block/);
  });
});
