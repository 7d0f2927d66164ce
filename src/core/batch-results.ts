// The results file of a batch (one confirmation JSON per line) as the state of a resumable run:
// what is already answered for good, and what must be asked again.
import { rename, writeFile } from 'node:fs/promises';
import { isFinalResult, type ConfirmationResult } from './confirmation';
import { readTextIfExists } from './files';
import { readJsonLines } from './jsonl';

export function resultKey(r: { instanceId: string; productCode: string }): string {
  return `${r.instanceId}\t${r.productCode}`;
}

export interface PriorResults {
  /** Final answers by resultKey: these are not sent again. */
  final: Map<string, ConfirmationResult>;
  /** Lines dropped from the file: retryable errors, repeats, a torn line. */
  dropped: number;
}

/**
 * Reads the results of earlier runs and rewrites the file to hold only final answers, once each,
 * so that a re-run appends retried instances without leaving a duplicate. The rewrite goes through
 * a temporary file and a rename, so a crash keeps either the old file or the new one.
 */
export async function resumeResults(path: string): Promise<PriorResults> {
  const text = await readTextIfExists(path);
  if (text === undefined) return { final: new Map(), dropped: 0 };
  const lines = text.split('\n').filter((l) => l.trim() !== '').length;
  const final = new Map<string, ConfirmationResult>();
  for (const r of readJsonLines(text, isResult)) if (isFinalResult(r) && !final.has(resultKey(r))) final.set(resultKey(r), r);
  const dropped = lines - final.size;
  if (dropped > 0 || (text !== '' && !text.endsWith('\n'))) {
    const temp = `${path}.${process.pid}.tmp`;
    await writeFile(temp, [...final.values()].map((r) => `${JSON.stringify(r)}\n`).join(''), { mode: 0o600 });
    await rename(temp, path);
  }
  return { final, dropped };
}

function isResult(value: unknown): value is ConfirmationResult {
  const v = value as ConfirmationResult;
  return typeof v === 'object' && v !== null && typeof v.instanceId === 'string' && typeof v.productCode === 'string' && typeof v.verdict === 'string';
}
