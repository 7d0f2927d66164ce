// Streaming line readers: RFC 4180 CSV over chunks (plain or gzip, bounded memory) and JSON lines, with line numbers.
// The folder's door: callers outside it import only this file (test/unit/layers.test.ts says why).
export type { CsvRowSink } from './csv';
export { CsvParser, CsvRow } from './csv';
export { fileChunks, parseCsvChunks, readCsvFile, streamChunks } from './csv-input';
export { JsonLinesWriter, readJsonLinesFile } from './jsonl';
