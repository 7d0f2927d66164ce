// Restricted Mode in the manifest: every AWS action (src/ui/commands/aws-actions.ts, whose restricted
// forms the command table registers) is hidden from every menu in an untrusted workspace, and nothing
// else is; the words the restricted forms and the CLI's errors build on.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../../../../src/cli/usage';
import { UserFacingError } from '../../../../src/core/user-facing-error';
import { AWS_ACTIONS } from '../../../../src/ui/commands/aws-actions';

const ROOT = resolve(__dirname, '../../../../..');
const manifest = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
  contributes: {
    commands: { command: string; title: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
  };
  capabilities: { untrustedWorkspaces: { supported: string | boolean; description: string } };
};
const nls = JSON.parse(readFileSync(resolve(ROOT, 'package.nls.json'), 'utf8')) as Record<
  string,
  string
>;
const AWS_IDS = Object.keys(AWS_ACTIONS).sort();
/** `isWorkspaceTrusted` as one of the clause's `&&` terms (not negated, not inside an `||`). */
const requiresTrust = (when = '') =>
  !when.includes('||') && when.split('&&').some((term) => term.trim() === 'isWorkspaceTrusted');
const entries = Object.entries(manifest.contributes.menus).flatMap(([menu, items]) =>
  items.map((item) => ({ menu, ...item })),
);

describe('Restricted Mode in the manifest', () => {
  it('declares every AWS action as a command, titled as its restricted form says it', () => {
    for (const id of AWS_IDS) {
      const declared = manifest.contributes.commands.find((c) => c.command === id);
      assert.ok(declared, `${id} is not declared in contributes.commands`);
      const title = nls[declared.title.replace(/^%|%$/g, '')] ?? declared.title;
      assert.equal(
        title.replace(/\.\.\.$/, ''),
        AWS_ACTIONS[id as keyof typeof AWS_ACTIONS],
        `${id}'s title`,
      );
    }
  });

  it('hides every AWS action from the Command Palette and every menu in Restricted Mode', () => {
    for (const id of AWS_IDS) {
      const palette = manifest.contributes.menus.commandPalette.find((e) => e.command === id);
      assert.ok(
        palette && requiresTrust(palette.when),
        `${id} has no commandPalette entry with "when": "isWorkspaceTrusted"`,
      );
      for (const entry of entries.filter((e) => e.command === id))
        assert.ok(requiresTrust(entry.when), `${entry.menu} shows ${id} when "${entry.when}"`);
    }
  });

  it('asks for trust only for AWS actions: every other command keeps its menus in Restricted Mode', () => {
    const guarded = [
      ...new Set(
        entries.filter((e) => (e.when ?? '').includes('isWorkspaceTrusted')).map((e) => e.command),
      ),
    ].sort();
    assert.deepEqual(guarded, AWS_IDS);
  });

  it('says in its Restricted Mode description that no AWS call is made', () => {
    const { supported, description } = manifest.capabilities.untrustedWorkspaces;
    assert.equal(supported, 'limited');
    assert.match(nls[description.replace(/^%|%$/g, '')], /no AWS call is made/);
  });
});

describe('UserFacingError', () => {
  it('is an Error with the words as its message, and the CLI usage error is one', () => {
    const error = new UserFacingError('Type the instance id.', { cause: new Error('inner') });
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'UserFacingError');
    assert.equal(error.message, 'Type the instance id.');
    assert.equal((error.cause as Error).message, 'inner');
    const usage = new UsageError('--as-of must be a day', { withUsage: true });
    assert.ok(usage instanceof UserFacingError);
    assert.equal(usage.name, 'UsageError');
    assert.equal(usage.withUsage, true);
  });
});
