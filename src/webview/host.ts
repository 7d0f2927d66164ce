// The webview's side of the protocol: typed requests with one reply each, the saved state, and the
// host's pushes (state, show). The only file that touches acquireVsCodeApi.
import type {
  HostMessage,
  PanelReplies,
  PanelRequest,
  WebviewState,
} from '../shared/panel-protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
let nextId = 1;
const waiting = new Map<
  number,
  { resolve: (value: never) => void; reject: (error: Error) => void }
>();

/** The id of the newest request sent, per kind. */
const newest = new Map<PanelRequest['kind'], number>();

/** Sends a request and resolves with its reply; rejects with the host's words when it fails. */
export function ask<K extends PanelRequest['kind']>(
  request: Extract<PanelRequest, { kind: K }>,
): Promise<PanelReplies[K]> {
  return send(request).reply;
}

/** What askNewest resolves to when a newer request of the same kind was sent before the reply came. */
export const SUPERSEDED = Symbol('superseded');

/**
 * Like ask, but only the newest request of its kind counts: its reply (or its error) comes through;
 * an older one's resolves to SUPERSEDED, so a slow answer never lands over a newer one.
 */
export async function askNewest<K extends PanelRequest['kind']>(
  request: Extract<PanelRequest, { kind: K }>,
): Promise<PanelReplies[K] | typeof SUPERSEDED> {
  const { requestId, reply } = send(request);
  newest.set(request.kind, requestId);
  try {
    const result = await reply;
    return newest.get(request.kind) === requestId ? result : SUPERSEDED;
  } catch (error) {
    if (newest.get(request.kind) !== requestId) return SUPERSEDED;
    throw error;
  }
}

function send<K extends PanelRequest['kind']>(
  request: Extract<PanelRequest, { kind: K }>,
): { requestId: number; reply: Promise<PanelReplies[K]> } {
  const requestId = nextId++;
  const reply = new Promise<PanelReplies[K]>((resolve, reject) => {
    waiting.set(requestId, { resolve: resolve, reject });
    vscode.postMessage({ type: 'request', requestId, request });
  });
  return { requestId, reply };
}

/** Listens to the host; replies are routed to their requests, the rest to `onPush`. */
export function connect(onPush: (message: Exclude<HostMessage, { type: 'reply' }>) => void): void {
  window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
    const message = event.data;
    if (message.type !== 'reply') {
      onPush(message);
      return;
    }
    const request = waiting.get(message.requestId);
    if (!request) return;
    waiting.delete(message.requestId);
    if (message.ok) request.resolve(message.result as never);
    else request.reject(new Error(message.error));
  });
  vscode.postMessage({ type: 'ready' });
}

export function savedState(): Partial<WebviewState> | undefined {
  return vscode.getState() as Partial<WebviewState> | undefined;
}

export function saveState(state: WebviewState): void {
  vscode.setState(state);
}
