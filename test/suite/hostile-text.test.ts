// A report's values are shown in the Subscriptions tree, never obeyed: a product title holding control
// characters or a bidi override shows them as \uXXXX text in the label and the tooltip.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { type DeskUnderTest, supportDesk, useReports, WORKSPACE } from './helpers';

// eslint-disable-next-line no-control-regex -- matching them is the test
const RAW_CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** The same but line feeds, which Markdown tooltips have between their paragraphs. */
const RAW_CONTROL_IN_MARKDOWN =
  // eslint-disable-next-line no-control-regex -- matching them is the test
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}
const TITLE = 'Ubuntu Pro\u001b[2J\u202eOTORP\u202c\u009b';

describe('Report values in the tree', () => {
  let api: DeskUnderTest;

  before(async () => {
    api = await supportDesk();
    const dir = join(WORKSPACE, 'hostile-reports');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'customer_subscriber_report_2026-11-22.csv'),
      `Customer AWS Account Number,Product Title,Product Id,Product Code,Last Usage Date,Report Date,Subscription Start Date\n` +
        `111122223333,"${TITLE}",prod-5qwz3vsg4kbfw,8a2kq9xw3vbn7m4c1zt6ry5pd,2026-11-20,2026-11-22,2025-02-14\n`,
    );
    await useReports(api, ['hostile-reports']);
    await vscode.commands.executeCommand('supportDesk.groupByProduct');
  });
  after(async () => {
    await useReports(api, ['reports']);
  });

  it('shows control characters and bidi overrides of a product title as text, in its label and tooltip', () => {
    const s = api.context.subscriptions;
    const items = s
      .getChildren()
      .flatMap((product) => [
        s.getTreeItem(product),
        ...s.getChildren(product).map((n) => s.getTreeItem(n)),
      ]);
    const product = items.find((i) => labelOf(i).startsWith('Ubuntu Pro'));
    assert.ok(product, `no product node among ${items.map((i) => labelOf(i)).join(', ')}`);
    assert.equal(product.label, 'Ubuntu Pro\\u001b[2J\\u202eOTORP\\u202c\\u009b');
    for (const item of items) {
      for (const text of [labelOf(item), String(item.description ?? '')])
        assert.equal(RAW_CONTROL.exec(text), null, `raw control in ${JSON.stringify(text)}`);
      const tooltip = (item.tooltip as vscode.MarkdownString | undefined)?.value ?? '';
      assert.equal(
        RAW_CONTROL_IN_MARKDOWN.exec(tooltip),
        null,
        `raw control in ${JSON.stringify(tooltip)}`,
      );
    }
  });
});
