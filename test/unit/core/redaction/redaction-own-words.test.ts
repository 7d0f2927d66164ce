// Issue 17, item 3: redaction never changes the product's own words. Every string literal and
// template in src/ (messages, advice, labels, help; a template's ${...} parts as a neutral word) is
// redacted, and must come back unchanged: "no AWS certificate for /rsa2048 is bundled" once came out
// as "[REDACTED:signature] AWS certificate ...". Only the redaction rules themselves are left out.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';
import { redact } from '../../../../src/core/redaction/redaction';

const SRC = join(__dirname, '..', '..', '..', '..', '..', 'src');
/** The rules hold secret shapes on purpose. */
const RULE_FILES = new Set(['core/redaction.ts', 'core/secret-shapes.ts']);
/** What stands for a template's ${...}: a word that is no secret and no key. */
const PLACEHOLDER = 'sample';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The string literals and templates of one file, as written (a template's holes filled with PLACEHOLDER). */
function stringsOf(file: string): { line: number; text: string }[] {
  const source = ts.createSourceFile(
    file,
    readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
  );
  const found: { line: number; text: string }[] = [];
  const visit = (node: ts.Node) => {
    // An import's module name and a type's literal are code, not words.
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isLiteralTypeNode(node))
      return;
    let text: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    else if (ts.isTemplateExpression(node))
      text =
        node.head.text + node.templateSpans.map((span) => PLACEHOLDER + span.literal.text).join('');
    if (text !== undefined && /[A-Za-z]/.test(text))
      found.push({ line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text });
    if (!ts.isTemplateExpression(node)) ts.forEachChild(node, visit);
    else node.templateSpans.forEach((span) => visit(span.expression));
  };
  visit(source);
  return found;
}

describe("redaction: the product's own words", function () {
  this.timeout(60_000);
  const files = sourceFiles(SRC).filter(
    (file) => !RULE_FILES.has(relative(SRC, file).split('\\').join('/')),
  );

  it('finds the messages in src', () => {
    const count = files.reduce((sum, file) => sum + stringsOf(file).length, 0);
    assert.ok(count > 1000, `only ${count} strings found under ${SRC}`);
  });

  it('leaves every string the product can print unchanged', () => {
    const changed: string[] = [];
    for (const file of files) {
      for (const { line, text } of stringsOf(file)) {
        const redacted = redact(text).text;
        if (redacted !== text)
          changed.push(
            `${relative(SRC, file)}:${line}: ${JSON.stringify(text)}\n    -> ${JSON.stringify(redacted)}`,
          );
      }
    }
    assert.deepEqual(
      changed,
      [],
      `${changed.length} of the product's own strings changed:\n${changed.join('\n')}`,
    );
  });
});
