// The products Confirm Instance offers (src/ui/commands/product-choices.ts): the claimed account's own
// first, every product once by its code, the reports' words over the playbook's.
import * as assert from 'node:assert/strict';
import { productChoices } from '../../../../src/ui/commands/product-choices';

const reports = [
  {
    productId: 'prod-a',
    productCode: 'codeA',
    productTitle: 'Product A',
    latestReportDate: '2026-11-22',
  },
  { productId: 'prod-b', productCode: 'codeB', latestReportDate: '2026-11-22' },
  { productId: 'prod-nocode', latestReportDate: '2026-11-22' },
];
const playbook = [
  { id: 'prod-a', code: 'codeA', title: 'Product A (playbook)' },
  { id: 'prod-p', code: 'codeP', title: 'Playbook Product' },
];

describe('ui: the products Confirm Instance offers', () => {
  it("lists the account's own products first, then the others, each once", () => {
    const { own, others } = productChoices(reports, playbook, new Set(['prod-b']));
    assert.deepEqual(
      own.map((c) => [c.code, c.title, c.from]),
      [['codeB', 'prod-b', 'reports']],
    );
    assert.deepEqual(
      others.map((c) => [c.code, c.title, c.from]),
      [
        ['codeA', 'Product A', 'reports'],
        ['codeP', 'Playbook Product', 'playbook'],
      ],
    );
  });

  it('lists every product when the account is unknown or unlisted', () => {
    const { own, others } = productChoices(reports, playbook, new Set());
    assert.deepEqual(own, []);
    assert.deepEqual(
      others.map((c) => c.code),
      ['codeA', 'codeB', 'codeP'],
    );
  });
});
