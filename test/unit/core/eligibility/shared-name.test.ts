// No local paths in what goes to others: evidence, Copy evidence, a case, the CLI's answer, the panel's
// header and the tree's tooltips name a report by its file name (with its date and line), never by
// the folder this machine keeps it in.
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_POLICY } from '../../../../src/core/domain';
import { judgeAccount, reportFreshness } from '../../../../src/core/eligibility/eligibility';
import { describeAccountEvidence } from '../../../../src/core/eligibility/evidence';
import { loadReports } from '../../../../src/core/reports/load-reports';
import { loadPlaybook, TEAM_PLAYBOOK_PATH } from '../../../../src/core/playbook/load';
import { sharedName, withoutLocalPaths } from '../../../../src/core/eligibility/shared-name';
import type { SubscriptionStore } from '../../../../src/core/reports/store';
import {
  checkAccount,
  describeConfirmation,
  panelState,
} from '../../../../src/ui/panel/panel-state';
import { lookOf } from '../../../../src/ui/subscriptions/presentation';
import {
  SubscriptionTreeModel,
  type TreeNode,
} from '../../../../src/ui/subscriptions/subscriptions-tree-model';
import { runCli } from '../../../support/cli-in-process';
import { reportsJudgement } from '../../../support/judgement';

const HEADER =
  '"Customer AWS Account Number","Product Title","Product Id","Product Code","Last Usage Date","Report Date","Subscription Start Date"';
const row = (account: string, lastUsage: string, day: string) =>
  `"${account}","Ubuntu Pro","prod-a","codea","${lastUsage}","${day}","2025-01-01"`;
const AS_OF = '2026-11-22';
// Every kind of reason that cites a row: listed (eligible, lapsed), in an older report only, on a
// rejected row, and on a rejected row in scientific notation that another account rounds to.
const ACCOUNTS = [
  '111122223333',
  '444455556666',
  '777788889999',
  '222233334444',
  '123456789012',
  '999900001111',
];

describe('no local paths in shared text', () => {
  let root: string;
  let reports: string;
  let store: SubscriptionStore;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'support-desk-paths-'));
    reports = join(root, 'reports');
    mkdirSync(reports);
    writeFileSync(
      join(reports, 'customer_subscriber_report_2026-11-21.csv'),
      [HEADER, row('777788889999', '2026-11-15', '2026-11-21')].join('\n'),
    );
    writeFileSync(
      join(reports, 'customer_subscriber_report_2026-11-22.csv'),
      [
        HEADER,
        row('111122223333', '2026-11-20', AS_OF), // 2
        row('444455556666', '2026-09-01', AS_OF), // 3
        row('222233334444', '2026-02-30', AS_OF), // 4 rejected: impossible date
        row('1.23457E+11', '2026-11-20', AS_OF), // 5 rejected: scientific notation of 123456789012
      ].join('\n'),
    );
    ({ store } = await loadReports([reports]));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const noLocalPath = (text: string, what: string) => {
    assert.ok(!text.includes(root), `${what} names the local folder ${root}:\n${text}`);
    assert.ok(!text.includes(tmpdir()), `${what} names ${tmpdir()}:\n${text}`);
  };

  it('names a file by its name, an S3 object by its URL, and a workspace file relative to the workspace', () => {
    assert.equal(
      sharedName('/tmp/xyz/reports/customer_subscriber_report_2026-11-22.csv'),
      'customer_subscriber_report_2026-11-22.csv',
    );
    assert.equal(
      sharedName('C:\\Users\\me\\Reports\\subscription_report_2026-11-20.csv'),
      'subscription_report_2026-11-20.csv',
    );
    assert.equal(
      sharedName('s3://support-bucket/daily/customer_subscriber_report_2026-11-22.csv'),
      's3://support-bucket/daily/customer_subscriber_report_2026-11-22.csv',
    );
    assert.equal(
      sharedName('/tmp/xyz/work/.support-desk/playbook.json', '/tmp/xyz/work'),
      '.support-desk/playbook.json',
    );
    assert.equal(sharedName('/tmp/xyz/elsewhere/playbook.json', '/tmp/xyz/work'), 'playbook.json');
    assert.equal(sharedName('relative/report_2026-11-22.csv'), 'report_2026-11-22.csv');
  });

  it('takes local paths out of recorded text (an error naming the AWS config file), keeping URLs and words', () => {
    assert.equal(
      withoutLocalPaths(
        'profile "x" is not in /tmp/home-1/.aws/config or /tmp/home-1/.aws/credentials: choose one of default',
      ),
      'profile "x" is not in config or credentials: choose one of default',
    );
    assert.equal(
      withoutLocalPaths('cannot read C:\\Users\\me\\.aws\\config'),
      'cannot read config',
    );
    const kept =
      'endpoint https://agreement-marketplace.us-east-1.amazonaws.com/x/y, s3://bucket/a/b.csv, and/or 2026/11/22 at 09:12';
    assert.equal(withoutLocalPaths(kept), kept);
  });

  it("a recorded ConfirmProductInstance error goes into the case without the engineer's AWS config path", () => {
    const text = describeConfirmation({
      time: '2026-11-23T10:00:00.000Z',
      instanceId: 'i-0000000000000e001',
      productCode: 'abc123',
      region: 'us-east-1',
      claimedAccount: '111122223333',
      ownerId: null,
      verdict: 'error',
      errorKind: 'credentials',
      errorMessage:
        'profile "nosuch" is not in /tmp/home-1/.aws/config or /tmp/home-1/.aws/credentials',
      requestId: null,
      profile: 'nosuch',
    });
    assert.match(text, /profile "nosuch" is not in config or credentials/);
    noLocalPath(text, 'the recorded confirmation');
  });

  it('evidence and Copy evidence cite each row by report file name, line and date', () => {
    for (const account of ACCOUNTS) {
      const text = describeAccountEvidence(
        judgeAccount(store, account, AS_OF),
        AS_OF,
        reportFreshness(store, AS_OF),
      );
      noLocalPath(text, `the evidence for ${account}`);
    }
    const lapsed = describeAccountEvidence(
      judgeAccount(store, '444455556666', AS_OF),
      AS_OF,
      reportFreshness(store, AS_OF),
    );
    assert.match(
      lapsed,
      /customer_subscriber_report_2026-11-22\.csv:3 \(report 2026-11-22\), last usage 2026-09-01/,
    );
    const rejected = describeAccountEvidence(
      judgeAccount(store, '222233334444', AS_OF),
      AS_OF,
      reportFreshness(store, AS_OF),
    );
    assert.match(
      rejected,
      /Account 222233334444 is on customer_subscriber_report_2026-11-22\.csv:4, a row that was rejected/,
    );
    const rounded = describeAccountEvidence(
      judgeAccount(store, '123456789012', AS_OF),
      AS_OF,
      reportFreshness(store, AS_OF),
    );
    assert.match(rounded, /customer_subscriber_report_2026-11-22\.csv:5 may be this account's row/);
  });

  it("the CLI's lookup (text and JSON) and eligibility case name no local folder", async () => {
    for (const account of ACCOUNTS) {
      const text = await runCli('lookup', account, '--reports', reports, '--as-of', AS_OF);
      noLocalPath(text.out, `lookup ${account}`);
      const json = JSON.parse(
        (await runCli('lookup', account, '--reports', reports, '--as-of', AS_OF, '--json')).out,
      );
      noLocalPath(JSON.stringify(json.subscriptions), `lookup ${account} --json reasons`);
      const drafted = await runCli(
        'case',
        'render',
        'eligibility',
        '--account',
        account,
        '--reports',
        reports,
        '--as-of',
        AS_OF,
      );
      noLocalPath(drafted.out, `case render eligibility for ${account}`);
    }
    const text = await runCli('lookup', '222233334444', '--reports', reports, '--as-of', AS_OF);
    assert.match(text.out, /customer_subscriber_report_2026-11-22\.csv:4: error: /);
  });

  it("the panel's answer, Copy evidence and header name reports and the team playbook without the local folder", async () => {
    const judging = reportsJudgement(store, AS_OF, DEFAULT_POLICY, 2);
    for (const account of ACCOUNTS) {
      const r = checkAccount({ account }, judging, [], 1);
      noLocalPath(
        JSON.stringify({
          subscriptions: r.subscriptions.map((s) => [s.reasons, s.evidence.map((e) => e.label)]),
          text: r.evidenceText,
        }),
        `the panel's answer for ${account}`,
      );
    }
    assert.deepEqual(
      checkAccount({ account: '444455556666' }, judging, [], 1).subscriptions[0].evidence.map(
        (e) => e.label,
      ),
      ['customer_subscriber_report_2026-11-22.csv:3'],
    );
    const workspace = join(root, 'workspace');
    mkdirSync(join(workspace, '.support-desk'), { recursive: true });
    copyFileSync('samples/playbook/playbook.json', join(workspace, TEAM_PLAYBOOK_PATH));
    const { origin, problems } = panelState(
      await loadPlaybook(join(workspace, TEAM_PLAYBOOK_PATH)),
      judging,
      true,
      AS_OF,
      workspace,
    ).playbook;
    assert.match(origin, /^Team playbook \.support-desk\/playbook\.json \(its sections: /);
    noLocalPath([origin, ...problems].join('\n'), 'the panel header');
  });

  it("the Subscriptions tree's tooltips show report names; only a link's target keeps the path it opens", () => {
    const model = new SubscriptionTreeModel(reportsJudgement(store, AS_OF), 'account', 500);
    const all: TreeNode[] = [];
    const walk = (nodes: TreeNode[]) => {
      for (const n of nodes) {
        all.push(n);
        walk(model.children(n));
      }
    };
    walk(model.children(undefined));
    const tooltips = all.map((n) => (lookOf(n).tooltip ?? '').replace(/\\_/g, '_')).join('\n');
    assert.match(tooltips, /customer_subscriber_report_2026-11-22\.csv:3/);
    // What the hover shows: the Markdown without its link targets (a file: link opens the report in the editor).
    noLocalPath(tooltips.replace(/\]\([^)]*\)/g, ']'), 'the tree tooltips');
  });
});
