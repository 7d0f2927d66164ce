// The other end of the webview's transport in the webview tests: what VS Code's acquireVsCodeApi() gives
// the panel's script (postMessage, getState, setState), with the host's side played by the test, which
// reads the requests the webview sent and answers each one, in any order, through the window's `message`
// event as VS Code delivers it. src/webview/host.ts runs unchanged over it.
import type {
  HostMessage,
  PanelReplies,
  PanelRequest,
  WebviewMessage,
} from '../../../src/shared/panel-protocol';

type Kind = PanelRequest['kind'];

/** One request the webview sent, in the order sent. */
export interface SentRequest<K extends Kind = Kind> {
  requestId: number;
  kind: K;
  request: PanelRequest;
  answered: boolean;
}

class PanelHost {
  /** Every request sent since the last `forget()`. */
  readonly requests: SentRequest[] = [];
  /** How many times the webview said it is ready. */
  readys = 0;
  /** What the webview saved with setState, as it saved it. */
  saved: unknown;

  /** acquireVsCodeApi()'s answer: the messages go to this host, the state stays here. */
  readonly api = {
    postMessage: (message: WebviewMessage): void => {
      // What crosses the real boundary is JSON: a reference kept by the webview must not leak into the host.
      const sent = JSON.parse(JSON.stringify(message)) as WebviewMessage;
      if (sent.type === 'ready') this.readys++;
      else
        this.requests.push({
          requestId: sent.requestId,
          kind: sent.request.kind,
          request: sent.request,
          answered: false,
        });
    },
    getState: (): unknown => this.saved,
    setState: (state: unknown): void => {
      this.saved = JSON.parse(JSON.stringify(state));
    },
  };

  /** The requests of `kind` not answered yet, oldest first. */
  pending<K extends Kind>(kind: K): SentRequest<K>[] {
    return this.requests.filter((r) => r.kind === kind && !r.answered) as SentRequest<K>[];
  }

  /** The one request of `kind` not answered yet; fails the test when there is none or more than one. */
  only<K extends Kind>(kind: K): SentRequest<K> {
    const pending = this.pending(kind);
    if (pending.length !== 1)
      throw new Error(
        `expected one ${kind} request waiting for its reply, found ${pending.length}`,
      );
    return pending[0];
  }

  /** Answers `request` with `result`, as the host's transport does. */
  reply<K extends Kind>(request: SentRequest<K>, result: PanelReplies[K]): void {
    this.deliver(request, { type: 'reply', requestId: request.requestId, ok: true, result });
  }

  /** Answers `request` with an error in the engineer's words, as the host's one error boundary does. */
  fail(request: SentRequest, error: string): void {
    this.deliver(request, { type: 'reply', requestId: request.requestId, ok: false, error });
  }

  /** Pushes a message the host sends unasked (state, audit, show). */
  push(message: Exclude<HostMessage, { type: 'reply' }>): void {
    window.dispatchEvent(new MessageEvent('message', { data: message }));
  }

  /** Forgets the requests sent so far (between tests); the webview's own bookkeeping is untouched. */
  forget(): void {
    this.requests.length = 0;
  }

  private deliver(request: SentRequest, message: HostMessage): void {
    if (request.answered)
      throw new Error(
        `request ${request.requestId} (${request.request.kind}) was answered already`,
      );
    request.answered = true;
    window.dispatchEvent(
      new MessageEvent('message', { data: JSON.parse(JSON.stringify(message)) as HostMessage }),
    );
  }
}

/** The one host of the test run: the webview's script acquires its API once, when host.ts loads. */
export const panelHost = new PanelHost();

/** Lets the webview's promise chains and timers of 0 ms run (a reply lands a few microtasks after it is delivered). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
