// The call sheet's numbers as the playbook writes them: a table cell never starts a line, so "+65 ..."
// keeps its plus without a backslash (in the Markdown source too, which a saved case keeps and people read raw).
import * as assert from 'node:assert/strict';
import { escapeInline, escapeMarkdown } from '../../../../src/core/text/markdown';
import { defaultPlaybook } from '../../../../src/core/playbook/load';
import { lineView } from '../../../../src/core/playbook/support-lines';
import { callSheet, findTemplate, renderCase } from '../../../../src/core/case/templates';

describe('call sheet numbers', () => {
  it('writes every escalation number without an escaping backslash, in the sheet and in the outage case', () => {
    // The partner's line carries the outage call and the critical-outage numbers.
    const playbook = lineView(defaultPlaybook(), 'centurylink-resold-accounts');
    const sheet = callSheet(playbook);
    for (const { region, number } of playbook.contacts.escalationPhones)
      assert.match(
        sheet,
        new RegExp(`\\| ${region} \\| \\[${number.replace(/\+/g, '\\+')}\\]\\(tel:`),
      );
    assert.doesNotMatch(sheet, /\\[+\d]/);
    const outage = renderCase(playbook, findTemplate(playbook, 'outage-call')!, {
      region: 'Asia Pacific',
    }).markdown;
    assert.match(outage, /\| Asia Pacific \| \[\+65 6768 8099\]\(tel:\+6567688099\) \|/);
  });

  it('still escapes markup inside a line, and list markers only where a line starts', () => {
    assert.equal(escapeInline('+1 | <b>*x*</b>'), '+1 \\| \\<b\\>\\*x\\*\\</b\\>');
    assert.equal(escapeMarkdown('+1 555\n- item'), '\\+1 555\n\\- item');
  });
});
