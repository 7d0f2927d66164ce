// The extension is installed, activates, and registers every command its manifest declares. The
// manifest is read at run time so that this stays true as commands are added.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

interface Manifest {
  publisher: string;
  name: string;
  contributes?: { commands?: { command: string }[] };
}

// SUPPORT_DESK_EXTENSION_PATH lets the harness prove itself on another extension; default this repository.
const extensionPath = process.env.SUPPORT_DESK_EXTENSION_PATH ?? join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(extensionPath, 'package.json'), 'utf8')) as Manifest;
const id = `${manifest.publisher}.${manifest.name}`;

describe('activation', () => {
  it(`finds and activates ${id}`, async () => {
    const extension = vscode.extensions.getExtension(id);
    assert.ok(extension, `${id} is not installed in this extension host`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('registers every command declared in package.json', async () => {
    const declared = (manifest.contributes?.commands ?? []).map((c) => c.command);
    assert.ok(declared.length > 0, 'package.json declares no command');
    await vscode.extensions.getExtension(id)?.activate();
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(
      declared.filter((command) => !registered.has(command)),
      [],
      'declared but not registered',
    );
  });
});
