// The fault mix of the issue, shared by the unit test and the benchmark: half the calls throttled
// (one to three times), some 500s, reset connections and slow answers, over a spread of verdicts.
import type { Ec2Scenario } from './ec2-endpoint';

export const OWNER = '111122223333';

export function instanceId(i: number): string {
  return `i-${i.toString(16).padStart(17, '0')}`;
}

/** The answer each instance ends with, wrapped in the fault it meets first. */
export function faultScenario(i: number): { scenario: Ec2Scenario; expect: string } {
  const answer: Ec2Scenario =
    i % 7 === 0
      ? { kind: 'not-attached' }
      : i % 11 === 0
        ? { kind: 'not-found' }
        : { kind: 'attached', ownerId: i % 5 === 0 ? '444455556666' : OWNER };
  const expect =
    answer.kind === 'not-attached'
      ? 'not-attached'
      : answer.kind === 'not-found'
        ? 'error:instance-not-found'
        : answer.ownerId === OWNER
          ? 'confirmed'
          : 'owner-mismatch';
  if (i % 97 === 0)
    return {
      scenario: { kind: 'throttled', times: 1_000, then: answer },
      expect: 'error:throttled',
    };
  if (i % 2 === 0)
    return { scenario: { kind: 'throttled', times: 1 + (i % 3), then: answer }, expect };
  if (i % 6 === 1) return { scenario: { kind: 'server-error', times: 1, then: answer }, expect };
  if (i % 6 === 3) return { scenario: { kind: 'reset', times: 1, then: answer }, expect };
  if (i % 6 === 5) return { scenario: { kind: 'slow', delayMs: 150, then: answer }, expect };
  return { scenario: answer, expect };
}
