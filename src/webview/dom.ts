// Building DOM from data without markup: every string becomes a text node or an attribute value, so
// a product title holding <script> shows as those characters. No innerHTML anywhere in the webview.

type Child = Node | string | number | false | null | undefined | Child[];

export interface Attrs {
  [name: string]:
    | string
    | number
    | boolean
    | undefined
    | ((event: Event) => void)
    | Record<string, (event: Event) => void>;
}

/** `h('button', { class: 'primary', on: { click } }, 'Copy')`: an element with attributes, listeners and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'on') {
      for (const [event, listener] of Object.entries(
        value as Record<string, (event: Event) => void>,
      ))
        el.addEventListener(event, listener);
    } else if (value === true) {
      el.setAttribute(name, '');
    } else if (typeof value === 'string' || typeof value === 'number') {
      el.setAttribute(name, String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el: Node, children: Child[]): void {
  for (const child of children) {
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else if (child !== false && child !== null && child !== undefined)
      el.appendChild(document.createTextNode(String(child)));
  }
}

/** Replaces the children of `el`. */
export function fill(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/** A codicon, hidden from screen readers (the text beside it says the same). */
export function icon(name: string): HTMLElement {
  return h('span', { class: `codicon codicon-${name}`, 'aria-hidden': 'true' });
}

/** Only web, mail and phone links leave the panel; anything else (javascript:, file:, command:) is shown as text. */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  return /^(https?:\/\/|mailto:[^\s@]+@[^\s@]+$|tel:\+?\d+$)/i.test(url) ? url : undefined;
}

/** A link when the URL is safe, else the text alone. */
export function link(text: string, url: string | undefined, attrs: Attrs = {}): HTMLElement {
  const href = safeHref(url);
  return href ? h('a', { href, ...attrs }, text) : h('span', {}, text);
}

/** Runs `fn` once `ms` have passed without another call. */
export function debounce<A extends unknown[]>(
  fn: (...args: A) => void | Promise<void>,
  ms: number,
): (...args: A) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (...args) => {
    clearTimeout(timer);
    // A promise's errors are the function's own to handle (the scope search shows them in place).
    timer = setTimeout(() => void fn(...args), ms);
  };
}

/** Shows in `status` the message a request replies with, or its error. */
export async function act(status: HTMLElement, reply: Promise<{ message: string }>): Promise<void> {
  try {
    status.textContent = (await reply).message;
    status.classList.remove('error');
  } catch (error) {
    status.textContent = (error as Error).message;
    status.classList.add('error');
  }
}

/**
 * A labelled one-line text field with its hint under it (`div.field`: label, input, small.hint linked
 * by aria-describedby); `onInput` hears every value typed.
 */
export function textField(
  id: string,
  label: string,
  value: string,
  placeholder: string,
  hint: string,
  onInput: (value: string) => void,
): HTMLElement {
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    h('input', {
      id,
      type: 'text',
      value,
      placeholder,
      spellcheck: 'false',
      autocomplete: 'off',
      'aria-describedby': `${id}-hint`,
      on: { input: (e) => onInput((e.target as HTMLInputElement).value) },
    }),
    h('small', { id: `${id}-hint`, class: 'hint' }, hint),
  );
}
