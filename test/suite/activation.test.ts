// The extension is installed, activates, and registers every command its manifest declares. The
// manifest is read at run time so that this stays true as commands are added.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

interface Manifest {
  publisher: string;
  name: string;
  contributes?: { commands?: { command: string }[]; views?: Record<string, { id: string }[]> };
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

  it('registers every command declared in package.json, and declares every supportDesk command it registers', async () => {
    const declared = (manifest.contributes?.commands ?? []).map((c) => c.command);
    assert.ok(declared.length > 0, 'package.json declares no command');
    await vscode.extensions.getExtension(id)?.activate();
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(
      declared.filter((command) => !registered.has(command)),
      [],
      'declared but not registered',
    );
    // VS Code adds a focus command per view (supportDesk.subscriptions.focus...): those are the views', not ours.
    const views = Object.values(manifest.contributes?.views ?? {}).flatMap((list) =>
      list.map((v) => v.id),
    );
    const ours = [...registered].filter(
      (command) =>
        command.startsWith('supportDesk.') && !views.some((view) => command.startsWith(`${view}.`)),
    );
    assert.deepEqual(
      ours.filter((command) => !declared.includes(command)),
      [],
      'registered but not declared',
    );
  });
});
