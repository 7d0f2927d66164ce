// Loaded by mocha before any webview test (.mocharc.webview.json `require`): happy-dom's window as the
// global one, and acquireVsCodeApi as VS Code defines it in a webview frame, answered by the test's host
// (panel-host.ts). Then src/webview/host.ts loads and connects as it does in the panel.
import { GlobalRegistrator } from '@happy-dom/global-registrator';
import { panelHost } from './panel-host';

GlobalRegistrator.register({ url: 'https://panel.invalid/' });
Object.assign(globalThis, { acquireVsCodeApi: () => panelHost.api });

export const mochaHooks = {
  /** Once, as panel.ts does on load: replies are routed to their requests (pushes are the panel's, not a section's). */
  async beforeAll(): Promise<void> {
    const { connect } = await import('../../../src/webview/host');
    connect(() => undefined);
  },
  /** Each test starts on an empty page with no request of an earlier one in sight. */
  beforeEach(): void {
    document.body.replaceChildren();
    panelHost.forget();
  },
};
