// The wire between the panel's host and its webview: messages held until the webview says it is ready,
// every message from it validated (shared/panel-protocol.ts) before it is acted on (a bad one is logged
// and dropped), one reply per request, and every message out redacted. What the requests mean is not
// its business: it hands each to the answer it was given. The suite talks to the panel through it too.
import * as vscode from 'vscode';
import { redactDeep } from '../../core/redaction';
import { UserFacingError } from '../../core/user-facing-error';
import {
  parseWebviewMessage,
  type HostMessage,
  type PanelReplies,
  type PanelRequest,
} from '../../shared/panel-protocol';
import { Disposable } from '../dispose';

/** Answers one request of the webview with the reply its kind promises; a UserFacingError's message is words for the engineer (no stack logged). */
export type PanelAnswer = <K extends PanelRequest['kind']>(
  request: Extract<PanelRequest, { kind: K }>,
) => Promise<PanelReplies[K]>;

export class PanelTransport extends Disposable {
  private readonly posted = this._register(new vscode.EventEmitter<HostMessage>());
  /** Fires with every message posted to the webview, as redacted (the suite watches the handshake and the replies). */
  readonly onDidPost = this.posted.event;
  /** True between the webview's `ready` and its next unload (hidden without retained context). */
  private ready = false;
  private pending: HostMessage[] = [];

  /**
   * Listens to `panel`'s webview; `answer` answers each valid request, `onReady` runs when the webview
   * (re)starts, before the messages held for it are posted. `log` gets dropped messages and failures.
   */
  constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly log: vscode.LogOutputChannel,
    private readonly answer: PanelAnswer,
    private readonly onReady: () => Promise<void>,
  ) {
    super();
    this._register(
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
    );
    this._register(panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)));
  }

  /** True while the webview is listening; before that, post() holds only the latest `show`. */
  get isReady(): boolean {
    return this.ready;
  }

  /** Handles one message from the webview, exactly as onDidReceiveMessage does (the suite calls it too). */
  async receive(raw: unknown): Promise<void> {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.log.warn(`Support Desk panel: ignored a message from the webview (${parsed.reason})`);
      return;
    }
    const message = parsed.message;
    if (message.type === 'ready') {
      this.ready = true;
      await this.onReady();
      const queued = this.pending;
      this.pending = [];
      for (const m of queued) this.post(m);
      return;
    }
    const { requestId, request } = message;
    try {
      const result = await this.answer(request);
      this.post({ type: 'reply', requestId, ok: true, result });
    } catch (error) {
      // The reply says what went wrong in words; a stack trace goes to the log only.
      const text = error instanceof Error ? error.message : String(error);
      if (!(error instanceof UserFacingError))
        this.log.error(
          `Support Desk panel: ${request.kind} failed: ${error instanceof Error ? error.stack : text}`,
        );
      this.post({ type: 'reply', requestId, ok: false, error: text });
    }
  }

  /** The one way out to the webview: every string in `message` is redacted here, whoever built it. */
  post(message: HostMessage): void {
    if (!this.ready) {
      // Held until the webview says it is ready: a message posted before would be lost.
      if (message.type === 'show')
        this.pending = [...this.pending.filter((m) => m.type !== 'show'), message];
      return;
    }
    const safe = redactDeep(message);
    void this.panel.webview.postMessage(safe);
    this.posted.fire(safe);
  }
}
