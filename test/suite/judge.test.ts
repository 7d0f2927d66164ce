// The Judge: one new Judgement per change of reports or eligibility settings, and every view judges from it.
import * as assert from 'node:assert/strict';
import type { Judgement } from '../../src/core/judging';
import { setSetting, supportDesk, useReports, waitFor, type DeskUnderTest } from './helpers';

describe('Judge', () => {
  let api: DeskUnderTest;

  before(async () => {
    api = await supportDesk();
    await useReports(api, ['reports']);
  });

  it('a settings change re-judges once, and the tree, the API and the Judge then agree on the new window', async () => {
    const seen: Judgement[] = [];
    const listening = api.context.judge.onDidChange((j) => seen.push(j));
    try {
      const before = await api.lookup('444455556666');
      assert.equal(before?.verdict, 'lapsed');
      await setSetting('eligibility.lastUsageDays', 90);
      await waitFor('a new Judgement', () => seen.length > 0);
      // Settle: VS Code may send more events for one write; none of them may re-judge again.
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(seen.length, 1, 'one Judgement per change');
      assert.equal(seen[0], api.context.judge.current);
      assert.equal(seen[0].on.policy.lastUsageDays, 90);
      assert.equal(api.context.subscriptions.model?.judgement, seen[0]);
      assert.equal((await api.lookup('444455556666'))?.verdict, 'eligible');
      assert.equal(api.context.judge.account('444455556666').reports?.answer.verdict, 'eligible');
    } finally {
      await setSetting('eligibility.lastUsageDays', undefined);
      listening.dispose();
    }
    await waitFor(
      'the default window again',
      async () => (await api.lookup('444455556666'))?.verdict === 'lapsed',
    );
  });

  it('a reload of the reports is one new Judgement, holding the reports with their origin', async () => {
    const seen: Judgement[] = [];
    const listening = api.context.judge.onDidChange((j) => seen.push(j));
    try {
      await api.context.reports.reload();
      await api.context.reports.whenIdle();
      assert.equal(seen.length, 1);
      const reports = seen[0].sources.reports;
      assert.ok(reports && reports.files > 0);
      assert.match(reports.origin.from, /^\d+ report files?$/);
      assert.equal(api.context.subscriptions.model?.judgement, seen[0]);
    } finally {
      listening.dispose();
    }
  });
});
