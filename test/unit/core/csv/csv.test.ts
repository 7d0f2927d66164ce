import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import Papa from 'papaparse';
import { CsvParser, type CsvRow, type CsvSink } from '../../../../src/core/csv/csv';
import { readCsvFile } from '../../../../src/core/csv/csv-input';
import { temporaryFolder } from '../../../support/temporary-folder';

interface Parsed {
  records: { fields: string[]; line: number }[];
  problems: { line: number; message: string }[];
  undecodable: number[];
}

function collector(): { parsed: Parsed; sink: CsvSink } {
  const parsed: Parsed = { records: [], problems: [], undecodable: [] };
  return {
    parsed,
    sink: {
      record: (fields, line) => parsed.records.push({ fields, line }),
      problem: (line, message) => parsed.problems.push({ line, message }),
      undecodable: (line) => parsed.undecodable.push(line),
    },
  };
}

/** Parses `text` fed in pieces of `piece` bytes (all at once by default): pieces may split a character. */
function parse(text: string | Buffer, piece = Buffer.byteLength(text) || 1, max?: number): Parsed {
  const { parsed, sink } = collector();
  const parser = new CsvParser(sink, max);
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; at += piece) parser.push(bytes.subarray(at, at + piece));
  parser.end();
  return parsed;
}

const RFC4180_CASES: Record<string, string> = {
  plain: 'a,b,c\n1,2,3\n',
  'no final newline': 'a,b\n1,2',
  'quoted comma': 'a,"b,c",d\n',
  'doubled quotes': '"he said ""hi""",x\n"""",""\n',
  'newline inside quotes': 'a,"line1\nline2",c\n1,2,3\n',
  'CRLF lines': 'a,b\r\n1,"2"\r\n3,4\r\n',
  'CRLF inside quotes': '"x\r\ny",z\r\nlast,row\r\n',
  'blank lines': 'a,b\n\n1,2\n\n\n3,4\n',
  'empty fields': ',,\n"",x,\n',
  'quote inside an unquoted field': 'size,12" pipe\n',
  'quoted field at end of text': 'a,"b"',
  unicode: 'produit,"Société Générale, Paris"\n名前,値\n',
};

describe('csv parser', () => {
  for (const [name, text] of Object.entries(RFC4180_CASES)) {
    it(`reads RFC 4180 "${name}" as papaparse does, whatever the chunking`, () => {
      const expected = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
      for (const piece of [Buffer.byteLength(text), 1, 2, 3, 7]) {
        const parsed = parse(text, piece);
        assert.deepEqual(
          parsed.records.map((r) => r.fields),
          expected,
          `pieces of ${piece}`,
        );
        assert.deepEqual(parsed.problems, []);
      }
    });
  }

  it('reads any RFC 4180 table as papaparse does, fed in pieces of any size', () => {
    const cell = fc
      .array(fc.constantFrom('a', 'Z', '7', '-', ' ', ',', '"', '\n', '\r\n', 'é', '名', '😀'), {
        maxLength: 12,
      })
      .map((p) => p.join(''));
    const table = fc.record({
      rows: fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), {
        minLength: 1,
        maxLength: 8,
      }),
      quoteAll: fc.boolean(),
      eol: fc.constantFrom('\n', '\r\n'),
      finalEol: fc.boolean(),
      piece: fc.integer({ min: 1, max: 40 }),
    });
    fc.assert(
      fc.property(table, ({ rows, quoteAll, eol, finalEol, piece }) => {
        const quote = (v: string) =>
          quoteAll || /[",\r\n]/.test(v) || v === '' ? `"${v.replaceAll('"', '""')}"` : v;
        const text = rows.map((r) => r.map(quote).join(',')).join(eol) + (finalEol ? eol : '');
        const expected = Papa.parse<string[]>(text, { newline: eol, skipEmptyLines: true }).data;
        const parsed = parse(text, piece);
        assert.deepEqual(
          parsed.records.map((r) => r.fields),
          expected,
        );
        assert.deepEqual(parsed.problems, []);
        // Each record starts on the line after the line breaks of the records before it.
        let line = 1;
        parsed.records.forEach((r, i) => {
          assert.equal(r.line, line);
          line += 1 + rows[i].join('').split('\n').length - 1;
        });
      }),
      { numRuns: 300, seed: 4180 },
    );
  });

  it('hands a row sink byte ranges, decoded and unquoted on demand', () => {
    const seen: { texts: string[]; blank: boolean[]; line: number }[] = [];
    const parser = new CsvParser({
      row: (row: CsvRow, line) =>
        seen.push({
          texts: row.fields(),
          blank: Array.from({ length: row.count }, (_, i) => row.isBlank(i)),
          line,
        }),
      problem: () => assert.fail('no problem expected'),
      undecodable: () => assert.fail('all UTF-8'),
    });
    parser.push(Buffer.from('"a ""b""",\u00a0\t, x ,""\n'));
    parser.end();
    assert.deepEqual(seen, [
      { texts: ['a "b"', '\u00a0\t', ' x ', ''], blank: [false, true, false, true], line: 1 },
    ]);
  });

  it('reports an unterminated quote in the last line of the input, without a final line break', () => {
    for (const piece of [100, 1]) {
      const parsed = parse('a,b\n1,2\n3,"4', piece);
      assert.deepEqual(
        parsed.problems.map((p) => [p.line, p.message.slice(0, 19)]),
        [[3, 'unterminated quote:']],
        `pieces of ${piece}`,
      );
      assert.deepEqual(
        parsed.records.map((r) => r.line),
        [1, 2],
      );
    }
  });

  it('names the lines holding bytes that are not UTF-8, in any chunk', () => {
    const good = 'x,y\n'.repeat(50);
    const bytes = Buffer.concat([
      Buffer.from(good),
      Buffer.from('a,\xff\n', 'latin1'),
      Buffer.from(good),
      Buffer.from('"\xe9\n",b\n', 'latin1'),
      Buffer.from('c,d'),
    ]);
    for (const piece of [bytes.length, 64, 5]) {
      const parsed = parse(bytes, piece);
      assert.deepEqual(parsed.undecodable, [51, 102], `pieces of ${piece}`);
      assert.equal(parsed.records.length, 103);
      assert.equal(parsed.records[50].fields[1], '\uFFFD');
    }
  });

  it('drops a byte-order mark even when it arrives one byte at a time', () => {
    const parsed = parse(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a,b\n')]), 1);
    assert.deepEqual(
      parsed.records.map((r) => r.fields),
      [['a', 'b']],
    );
  });

  it('gives each record the physical line it starts on', () => {
    const parsed = parse('h1,h2\n\n"multi\nline\nvalue",x\r\nnext,row\n');
    assert.deepEqual(
      parsed.records.map((r) => r.line),
      [1, 3, 6],
    );
  });

  it('reports an unterminated quote at the line its record starts, and keeps the rows after it', () => {
    const parsed = parse('h1,h2\n1,2\n"open,3\n4,5\n6,7\n');
    assert.deepEqual(
      parsed.problems.map((p) => p.line),
      [3],
    );
    assert.match(parsed.problems[0].message, /unterminated quote/);
    assert.deepEqual(
      parsed.records.map((r) => [r.line, ...r.fields]),
      [
        [1, 'h1', 'h2'],
        [2, '1', '2'],
        [4, '4', '5'],
        [5, '6', '7'],
      ],
    );
  });

  it('reports text after a closing quote instead of guessing the value', () => {
    const parsed = parse('a,b\n"ab"c,d\ne,f\n');
    assert.deepEqual(
      parsed.problems.map((p) => p.line),
      [2],
    );
    assert.match(parsed.problems[0].message, /field 1 has text after its closing quote/);
    assert.deepEqual(
      parsed.records.map((r) => r.line),
      [1, 3],
    );
  });

  it('turns an over-long line into a problem and carries on, in one piece or streamed', () => {
    const text = `a,b\n${'x'.repeat(500)}\n1,2\n${'y'.repeat(300)}`;
    for (const piece of [text.length, 64]) {
      const parsed = parse(text, piece, 100);
      assert.deepEqual(
        parsed.problems.map((p) => p.line),
        [2, 4],
        `pieces of ${piece}`,
      );
      assert.match(parsed.problems[0].message, /line longer than 100 bytes/);
      assert.deepEqual(
        parsed.records.map((r) => [r.line, ...r.fields]),
        [
          [1, 'a', 'b'],
          [3, '1', '2'],
        ],
      );
    }
  });

  it('gives up on a quoted field still open after the record limit and reads on from the next line', () => {
    const text = `a,b\n"${'x\n'.repeat(200)}`;
    for (const piece of [text.length, 50]) {
      const parsed = parse(text, piece, 100);
      assert.equal(parsed.problems[0].line, 2, `pieces of ${piece}`);
      assert.deepEqual(
        parsed.records.slice(0, 2).map((r) => [r.line, ...r.fields]),
        [
          [1, 'a', 'b'],
          [3, 'x'],
        ],
      );
    }
  });

  it("reads a European Excel's semicolon-separated text, its commas kept in the values, whatever the chunking", () => {
    const text =
      '\uFEFFName;Title;Amount\r\nJane;"Lead; Platform";1,5\r\n"Doe, J.";Ops, EU;"2,75"\r\n';
    const expected = [
      { fields: ['Name', 'Title', 'Amount'], line: 1 },
      { fields: ['Jane', 'Lead; Platform', '1,5'], line: 2 },
      { fields: ['Doe, J.', 'Ops, EU', '2,75'], line: 3 },
    ];
    for (const piece of [1, 2, 5, 64])
      assert.deepEqual(parse(text, piece).records, expected, `pieces of ${piece}`);
    // A header with a comma is comma-separated, semicolons and all.
    assert.deepEqual(parse('a,b;c\n1,2;3\n').records[1].fields, ['1', '2;3']);
  });

  it("honours Excel's sep= first line: skipped, its separator used, lines still counted from the file's first", () => {
    for (const piece of [1, 3, 64]) {
      assert.deepEqual(parse('sep=;\r\na;b,c\r\n1;2,3\r\n', piece).records, [
        { fields: ['a', 'b,c'], line: 2 },
        { fields: ['1', '2,3'], line: 3 },
      ]);
      assert.deepEqual(parse('\uFEFFsep=,\na,b\n1,2\n', piece).records, [
        { fields: ['a', 'b'], line: 2 },
        { fields: ['1', '2'], line: 3 },
      ]);
    }
    const parser = new CsvParser(collector().sink);
    parser.push(Buffer.from('SEP=;\nx;y\n'));
    parser.end();
    assert.deepEqual([parser.separator, parser.separatorHinted], [';', true]);
  });

  it('stops delivering when told to', () => {
    const { parsed, sink } = collector();
    const parser = new CsvParser({
      ...sink,
      record: (fields, line) => {
        sink.record(fields, line);
        parser.stop();
      },
    });
    parser.push(Buffer.from('a\nb\nc\n'));
    parser.end();
    assert.equal(parsed.records.length, 1);
    assert.equal(parser.stopped, true);
  });

  describe('reading files', () => {
    const tmp = temporaryFolder('csv-test-');

    async function readFile(bytes: Buffer): Promise<Parsed> {
      const path = join(tmp(), 'f.csv');
      writeFileSync(path, bytes);
      const { parsed, sink } = collector();
      await readCsvFile(path, new CsvParser(sink));
      return parsed;
    }

    it('drops a UTF-8 BOM and decodes multi-byte characters split across chunks', async () => {
      const body = `id,name\n${'1,é名\n'.repeat(300_000)}`;
      const parsed = await readFile(
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)]),
      );
      assert.deepEqual(parsed.records[0].fields, ['id', 'name']);
      assert.equal(parsed.records.length, 300_001);
      assert.ok(parsed.records.every((r, i) => i === 0 || r.fields[1] === 'é名'));
      assert.deepEqual(parsed.undecodable, []);
    });

    it('flags lines holding bytes that are not UTF-8, and still delivers them', async () => {
      const parsed = await readFile(
        Buffer.concat([
          Buffer.from('a,b\n'),
          Buffer.from([0x53, 0x6f, 0x63, 0xe9, 0x74, 0xe9]),
          Buffer.from(',x\nc,d\n'),
        ]),
      );
      assert.deepEqual(parsed.undecodable, [2]);
      assert.equal(parsed.records.length, 3);
    });
  });
});
