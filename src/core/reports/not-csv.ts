// What a file's first line says it is when it is not the UTF-8, comma- (or semicolon-) separated text
// that reports are: a spreadsheet's "Unicode Text" (UTF-16), a tab-separated export, a workbook. A
// European Excel's semicolons are read (csv.ts), not refused.
// Named exactly, with how to export it again, instead of "not a known report" over garbled columns.
import { detectFormat } from './report-formats';

export interface NotCsv {
  /** A few words for a list of files: "UTF-16 text", "tab-separated text". */
  what: string;
  /** The line-1 error: what the file is and how to export it again. */
  message: string;
}

const EXPORT_AGAIN =
  'export it again as "CSV UTF-8 (Comma delimited)" (Excel: File > Save As; LibreOffice: Text CSV with UTF-8 and a comma)';

const BYTE_ORDER_MARKS: [bytes: number[], encoding: string][] = [
  // UTF-32 first: its little-endian mark starts like UTF-16's.
  [[0xff, 0xfe, 0x00, 0x00], 'UTF-32LE'],
  [[0x00, 0x00, 0xfe, 0xff], 'UTF-32BE'],
  [[0xff, 0xfe], 'UTF-16LE'],
  [[0xfe, 0xff], 'UTF-16BE'],
];

const WORKBOOKS: [magic: number[], what: string][] = [
  [[0x50, 0x4b, 0x03, 0x04], 'a zip archive, such as an Excel workbook (.xlsx)'],
  [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 'an Excel 97-2003 workbook (.xls)'],
];

const SEPARATORS: [byte: number, name: string][] = [[0x09, 'tab']];
const COMMA = 0x2c;

/** What the first line (raw bytes, line break excluded) shows the file to be, or undefined for UTF-8 comma-separated text. */
export function recognizeNotCsv(firstLine: Buffer): NotCsv | undefined {
  const encoding = wideEncoding(firstLine);
  if (encoding) {
    return {
      what: `${encoding} text`,
      message: `this file is ${encoding} text, not UTF-8 (as Excel's "Unicode Text" and PowerShell save it): ${EXPORT_AGAIN}, or convert it: iconv -f ${encoding} -t UTF-8`,
    };
  }
  const workbook = WORKBOOKS.find(([magic]) => startsWith(firstLine, magic));
  if (workbook)
    return {
      what: workbook[1],
      message: `this file is ${workbook[1]}, not CSV text: open it and ${EXPORT_AGAIN}`,
    };
  return otherSeparator(firstLine);
}

/** UTF-16 or UTF-32, by the byte-order mark or, without one, by the zero bytes ASCII gets in UTF-16. */
function wideEncoding(line: Buffer): string | undefined {
  const marked = BYTE_ORDER_MARKS.find(([mark]) => startsWith(line, mark));
  if (marked) return marked[1];
  const pairs = Math.min(line.length, 64) >> 1;
  if (pairs < 2) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < pairs; i++) {
    if (line[2 * i] === 0) evenZeros++;
    if (line[2 * i + 1] === 0) oddZeros++;
  }
  if (oddZeros === pairs && evenZeros === 0) return 'UTF-16LE';
  if (evenZeros === pairs && oddZeros === 0) return 'UTF-16BE';
  return undefined;
}

/** A header with no comma but tabs or semicolons: another separator, named with what its columns are. */
function otherSeparator(line: Buffer): NotCsv | undefined {
  if (line.includes(COMMA)) return undefined;
  const counts = SEPARATORS.map(([byte, name]) => ({
    byte,
    name,
    count: line.reduce((n, b) => n + (b === byte ? 1 : 0), 0),
  }));
  const found = counts.sort((a, b) => b.count - a.count)[0];
  if (found.count === 0) return undefined;
  const columns = line
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .split(String.fromCharCode(found.byte))
    .map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
  const format = detectFormat(columns);
  const holds = format ? `, the columns of a ${format.id} report` : '';
  return {
    what: `${found.name}-separated text`,
    message: `this file is ${found.name}-separated (its header has ${columns.length} columns separated by ${found.name}s${holds}), but reports are read comma-separated: ${EXPORT_AGAIN}`,
  };
}

function startsWith(bytes: Buffer, prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}
