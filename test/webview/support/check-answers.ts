// What the host sends the Check section, shaped by the protocol's types (src/shared/panel-protocol.ts),
// and a PanelView over a WebviewState as panel.ts makes one: the inputs of the webview's unit tests.
import type {
  CheckResult,
  ConfirmationView,
  PanelReplies,
  PanelState,
  WebviewState,
} from '../../../src/shared/panel-protocol';
import { saveState } from '../../../src/webview/host';
import type { PanelView } from '../../../src/webview/panel-view';

/** The panel's state in a trusted workspace with one product in the reports. */
export function panelState(over: { trusted?: boolean; productTitle?: string } = {}): PanelState {
  return {
    trusted: over.trusted ?? true,
    playbook: {
      name: 'Team playbook',
      origin: 'The default playbook',
      problems: [],
      defaultLine: 'ubuntu-pro',
      lines: [],
    },
    reports: {
      loaded: true,
      files: 2,
      asOf: '2026-11-23',
      freshness: 'latest report 2026-11-23, 0 days old',
      stale: false,
      products: [
        {
          id: 'prod-5qwz3vsg4kbfw',
          title: over.productTitle ?? 'Ubuntu Pro 22.04 LTS',
          code: '8a2kq9xw3vbn7m4c1zt6ry5pd',
        },
      ],
    },
  };
}

/** A check of `account` as the host answers it: eligible for one product unless `over` says otherwise. */
export function checkResult(
  account: string,
  sequence: number,
  over: Partial<CheckResult> = {},
): CheckResult {
  return {
    sequence,
    account,
    warnings: [],
    verdict: 'eligible',
    subscriptions: [
      {
        productId: 'prod-5qwz3vsg4kbfw',
        productTitle: 'Ubuntu Pro 22.04 LTS',
        productCode: '8a2kq9xw3vbn7m4c1zt6ry5pd',
        verdict: 'eligible',
        reasons: ['last usage 2026-11-20, 3 days before 2026-11-23'],
        evidence: [
          {
            file: '/reports/customer_subscriber_report_2026-11-22.csv',
            line: 2,
            label: 'customer_subscriber_report_2026-11-22.csv:2',
          },
        ],
      },
    ],
    freshness: 'latest report 2026-11-23, 0 days old',
    stale: false,
    contacts: [],
    recentConfirmations: [],
    recorded: {},
    evidenceText: `Account ${account}: ELIGIBLE`,
    ...over,
  };
}

/** A ConfirmProductInstance answer for `account`, as the panel shows it. */
export function confirmation(
  account: string,
  over: Partial<ConfirmationView> = {},
): ConfirmationView {
  return {
    time: '2026-11-23T10:00:00.000Z',
    instanceId: 'i-0a1b2c3d4e5f60718',
    productCode: '8a2kq9xw3vbn7m4c1zt6ry5pd',
    verdict: 'confirmed',
    ownerId: account,
    region: 'us-east-1',
    profile: 'default',
    requestId: 'req-0001',
    message: `Confirmed: i-0a1b2c3d4e5f60718 carries product code 8a2kq9xw3vbn7m4c1zt6ry5pd and is owned by ${account}, the claimed account`,
    ...over,
  };
}

/** A live agreement search that found one active agreement, which makes the account eligible. */
export function activeAgreement(
  check: CheckResult,
  over: Partial<PanelReplies['checkLive']['live']> = {},
): PanelReplies['checkLive'] {
  return {
    verdict: 'eligible',
    reasons: ['agreement agmt-1 is ACTIVE for prod-5qwz3vsg4kbfw'],
    live: {
      verdict: 'active',
      agreements: [
        {
          agreementId: 'agmt-1',
          status: 'ACTIVE',
          productId: 'prod-5qwz3vsg4kbfw',
          startTime: '2026-01-01T00:00:00.000Z',
          endTime: null,
        },
      ],
      endpoint: 'https://agreement-marketplace.us-east-1.amazonaws.com',
      requestIds: ['req-live-1'],
      checkedAt: '2026-11-23T10:05:00.000Z',
      profile: 'default',
      ...over,
    },
    check,
  };
}

/** A PanelView as panel.ts makes it, over `ui` (saved with setState as the panel saves it); the cases it starts are kept for the test to read. */
export function panelView(
  state: PanelState,
  ui: Partial<WebviewState> = {},
): PanelView & { started: { templateId: string; values: Record<string, string> }[] } {
  const started: { templateId: string; values: Record<string, string> }[] = [];
  const view = {
    state,
    ui: { section: 'check', check: { account: '' }, caseValues: {}, ...ui } satisfies WebviewState,
    started,
    save: () => saveState(view.ui),
    go: () => undefined,
    refresh: () => undefined,
    startCase(templateId: string, values: Record<string, string>) {
      started.push({ templateId, values });
    },
  };
  return view;
}
