// The Disposable base and disposeAll (src/ui/dispose.ts): everything owned is released, once, even
// when one of them throws. Plain Node: the module takes only types from 'vscode'.
import * as assert from 'node:assert/strict';
import { Disposable, disposeAll } from '../../../src/ui/dispose';

/** A disposable that records its disposal in `log`, and throws when told to. */
function recorder(log: string[], name: string, fails = false) {
  return {
    dispose() {
      log.push(name);
      if (fails) throw new Error(`${name} failed`);
    },
  };
}

class Owner extends Disposable {
  own<T extends { dispose(): void }>(value: T): T {
    return this._register(value);
  }

  get wasDisposed(): boolean {
    return this.disposed;
  }
}

describe('ui dispose', () => {
  it('disposeAll disposes each in order and empties the array, so a second call does nothing', () => {
    const log: string[] = [];
    const items = [recorder(log, 'a'), recorder(log, 'b')];
    disposeAll(items);
    disposeAll(items);
    assert.deepEqual(log, ['a', 'b']);
    assert.equal(items.length, 0);
  });

  it('disposeAll goes on past one that throws, then throws its error; several become an AggregateError', () => {
    const log: string[] = [];
    assert.throws(() => disposeAll([recorder(log, 'a', true), recorder(log, 'b')]), /a failed/);
    assert.deepEqual(log, ['a', 'b']);
    assert.throws(
      () => disposeAll([recorder(log, 'c', true), recorder(log, 'd', true)]),
      (error: unknown) => error instanceof AggregateError && error.errors.length === 2,
    );
  });

  it('a Disposable releases what it registered once, and disposes at once what is registered after', () => {
    const log: string[] = [];
    const owner = new Owner();
    const first = owner.own(recorder(log, 'first'));
    owner.own(recorder(log, 'second'));
    assert.equal(typeof first.dispose, 'function', '_register returns what it was given');
    owner.dispose();
    owner.dispose();
    assert.deepEqual(log, ['first', 'second']);
    assert.equal(owner.wasDisposed, true);
    owner.own(recorder(log, 'late'));
    assert.deepEqual(log, ['first', 'second', 'late']);
  });
});
