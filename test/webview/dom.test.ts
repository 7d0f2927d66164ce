// src/webview/dom.ts: the panel's only URL filter (safeHref, behind every link of the playbook's
// escalation numbers, portals, managed services and set-up steps) and the text-only element builder.
import * as assert from 'node:assert/strict';
import { h, link, safeHref } from '../../src/webview/dom';

describe('safeHref: which URLs may become a link in the panel', () => {
  const allowed: [string, string][] = [
    ['an https page', 'https://aws.amazon.com/marketplace/management/'],
    ['an http page', 'http://support.example.com/case?id=12&lang=en'],
    [
      'an https page with a port, a query and a fragment',
      'https://portal.example.com:8443/path/to?q=a%20b#section-2',
    ],
    ['a scheme in capitals', 'HTTPS://SUPPORT.EXAMPLE.COM/'],
    ['a scheme in mixed case', 'hTtPs://support.example.com/'],
    ['a mail address', 'mailto:support@example.com'],
    ['a mail address with a subject', 'mailto:support@example.com?subject=Case'],
    ['a mail address, scheme in capitals', 'MAILTO:support@example.com'],
    ['a phone number with its country code', 'tel:+18005550199'],
    ['a phone number without a plus', 'tel:0800123456'],
    ['a phone number, scheme in mixed case', 'Tel:+442071234567'],
  ];
  for (const [what, url] of allowed) {
    it(`lets through ${what}: ${JSON.stringify(url)}`, () => {
      assert.equal(safeHref(url), url);
    });
  }

  const refused: [string, string][] = [
    ['javascript:', 'javascript:alert(1)'],
    ['javascript: in capitals', 'JAVASCRIPT:alert(1)'],
    ['javascript: in mixed case', 'JaVaScRiPt:alert(document.domain)'],
    ['javascript: after a space', ' javascript:alert(1)'],
    ['javascript: after a tab', '\tjavascript:alert(1)'],
    ['javascript: after a line feed', '\njavascript:alert(1)'],
    ['javascript: after a NUL', '\u0000javascript:alert(1)'],
    ['javascript: after a non-breaking space', '\u00a0javascript:alert(1)'],
    ['javascript: with a tab inside the scheme (browsers drop it)', 'java\tscript:alert(1)'],
    ['javascript: with a line feed inside the scheme', 'java\nscript:alert(1)'],
    ['javascript: with a carriage return inside the scheme', 'java\rscript:alert(1)'],
    ['javascript: with a control character before the colon', 'javascript\u0001:alert(1)'],
    ['javascript: whose code names an https URL', 'javascript:alert(1)//https://example.com'],
    ['javascript: in full-width letters', '\uff4aavascript:alert(1)'],
    ['javascript: percent-encoded', '%6Aavascript:alert(1)'],
    ['data: HTML', 'data:text/html,<script>alert(1)</script>'],
    ['data: base64 in capitals', 'DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
    ['data: an SVG image', 'data:image/svg+xml,<svg onload=alert(1)>'],
    ['vbscript:', 'vbscript:msgbox(1)'],
    ['vbscript: in mixed case', 'VbScRiPt:msgbox(1)'],
    ['file:', 'file:///etc/passwd'],
    ['a VS Code command', 'command:workbench.action.terminal.new'],
    ['a vscode: URI', 'vscode://file/etc/passwd'],
    ['blob:', 'blob:https://example.com/1234'],
    ['ftp:', 'ftp://files.example.com/'],
    ['https with no slashes', 'https:support.example.com'],
    ['https with one slash', 'https:/support.example.com'],
    ['https with backslashes', 'https:\\\\support.example.com'],
    ['https after a space', ' https://support.example.com'],
    ['https after a NUL', '\u0000https://support.example.com'],
    ['a protocol-relative URL', '//evil.example.com/path'],
    ['a protocol-relative URL with backslashes', '\\\\evil.example.com'],
    ['a path from the root', '/etc/passwd'],
    ['a relative path', 'docs/escalation.html'],
    ['a path up the tree', '../../secrets.txt'],
    ['a fragment alone', '#top'],
    ['a query alone', '?q=1'],
    ['a bare host', 'support.example.com'],
    ['mailto: with no address', 'mailto:'],
    ['mailto: with no domain', 'mailto:support'],
    ['mailto: with two @', 'mailto:a@b@example.com'],
    ['mailto: with a space in the address', 'mailto:support team@example.com'],
    ['mailto: followed by a line and javascript:', 'mailto:a@example.com\njavascript:alert(1)'],
    ['tel: with no number', 'tel:'],
    ['tel: with letters', 'tel:+1800FLOWERS'],
    ['tel: with spaces', 'tel:+1 800 555 0199'],
    ['tel: followed by a line and javascript:', 'tel:+18005550199\njavascript:alert(1)'],
    ['tel: with javascript after the number', 'tel:123;javascript:alert(1)'],
    ['the empty string', ''],
  ];
  for (const [what, url] of refused) {
    it(`refuses ${what}: ${JSON.stringify(url)}`, () => {
      assert.equal(safeHref(url), undefined);
    });
  }

  it('refuses no URL at all', () => {
    assert.equal(safeHref(undefined), undefined);
  });
});

describe('link: a link only where safeHref allows one', () => {
  it('is an anchor to a safe URL, with the text as text', () => {
    const a = link('Call <b>AWS</b>', 'tel:+18005550199', { class: 'phone' });
    assert.equal(a.tagName, 'A');
    assert.equal(a.getAttribute('href'), 'tel:+18005550199');
    assert.equal(a.getAttribute('class'), 'phone');
    assert.equal(a.textContent, 'Call <b>AWS</b>');
    assert.equal(a.children.length, 0);
  });

  for (const url of [
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '//evil.example.com',
    undefined,
  ]) {
    it(`is the text alone, no anchor and no href, for ${JSON.stringify(url)}`, () => {
      const shown = link('the portal', url, { class: 'portal' });
      assert.equal(shown.tagName, 'SPAN');
      assert.equal(shown.textContent, 'the portal');
      assert.equal(shown.hasAttribute('href'), false);
      assert.equal(shown.querySelector('a'), null);
    });
  }
});

describe('h: elements from data, never from markup', () => {
  it('puts a string holding markup into a text node', () => {
    const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const p = h('p', { title: hostile }, hostile, h('span', {}, hostile));
    assert.equal(p.textContent, hostile + hostile);
    assert.equal(p.querySelectorAll('img, script').length, 0);
    assert.equal(p.children.length, 1);
    assert.equal(p.getAttribute('title'), hostile);
  });

  it('adds listeners from `on` and never an on* attribute', () => {
    let clicks = 0;
    const button = h('button', { on: { click: () => clicks++ } }, 'Go');
    button.click();
    assert.equal(clicks, 1);
    assert.deepEqual(
      button.getAttributeNames().filter((n) => n.startsWith('on')),
      [],
    );
  });
});
