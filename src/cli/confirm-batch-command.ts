// `support-desk confirm-batch FILE --out RESULTS.jsonl`: confirms many instances with bounded
// concurrency. Each result is appended as soon as it is known; a re-run with the same --out skips
// instances already answered for good and asks again only those that failed in a retryable way.
// One run at a time holds the results file (RESULTS.jsonl.lock): a second one refuses, or waits.
import { loadAws } from '../aws/lazy';
import { AuditLog, auditEntryFor, resolveAuditPath } from '../core/audit';
import { BATCH_INPUT_SHAPES, readBatchInput, type BatchRow } from '../core/batch';
import {
  describeHolder,
  lockResults,
  ResultsFileInUse,
  resultKey,
  resultsWriteError,
  resumeResults,
  ResultsWriteError,
  type ResultsLock,
} from '../core/batch';
import {
  DEFAULT_CONCURRENCY,
  isFinalResult,
  malformedResult,
  validateConfirmationRequest,
  type ConfirmationRequest,
  type ConfirmationResult,
} from '../core/confirmations';
import { JsonLinesWriter } from '../core/csv';
import { NamedFileError } from '../core/files';
import type { Problem } from '../core/domain';
import type { AwsSettings } from '../aws/profiles';
import { ANSWERS, exitRecorded } from './audit-record';
import { defineCommand, usageMistake } from './command-definition';
import { awsSettings, CONFIRM_OPTIONS, ProductCodes } from './confirm-options';
import { describeProblems } from './report-command';
import { EXIT, UsageError, type CliIo } from './usage';

const PROGRESS_EVERY_MS = 1000;

export const confirmBatch = defineCommand({
  name: 'confirm-batch',
  summary: 'confirm the instances listed in a file; run it again to resume',
  usage: [
    'confirm-batch FILE --out RESULTS.jsonl [--product-code C | --product-id P --reports PATH...]\n[--profile P] [--region R|auto] [--endpoint-url U] [--concurrency N] [--wait] [--audit PATH]',
  ],
  description: `FILE holds one instance id per line; or the tab-separated text of aws ec2 describe-instances
--output text (every i- id on a line is asked); or is a CSV whose header names instanceId ("Instance ID",
instance_id) and optionally productCode, productId, account and region (row values win over the options);
or a sheet without that header, whose cells starting with i- are the ids. A FILE with no valid instance id
is refused (exit 2, nothing sent or written).`,
  options: {
    out: {
      type: 'string',
      value: 'PATH',
      help: 'results, one confirm JSON per line; run again with the same --out to resume',
    },
    concurrency: {
      type: 'string',
      value: 'N',
      help: `calls in flight at once, 1 to 64 (default ${DEFAULT_CONCURRENCY})`,
    },
    wait: {
      type: 'boolean',
      help: 'when another run is using RESULTS.jsonl, wait for it to finish instead of refusing',
    },
    ...CONFIRM_OPTIONS,
  },
  exitCodes: `0 every instance has a final answer; 1 some failed in a way a re-run may fix (retryable
errors, a bad answer from EC2); 2 a usage error, a FILE with no valid instance id, or RESULTS.jsonl in
use by another run (nothing sent); 3 answered but the audit log could not be written.`,
  run: async ({ values, positionals }, io) => {
    const [file, ...extra] = positionals;
    if (!file) throw usageMistake('give the file of instances to confirm');
    if (!values.out)
      throw new UsageError(
        'give the results file with --out RESULTS.jsonl (run again with the same --out to resume)',
      );
    const reportPaths = [...(values.reports ?? []), ...extra];
    if (values['product-code'] !== undefined && values['product-id'] !== undefined)
      throw new UsageError('give either --product-code or --product-id, not both');
    const concurrency = Number(values.concurrency ?? DEFAULT_CONCURRENCY);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
      throw new UsageError(
        `--concurrency "${values.concurrency}" must be a whole number from 1 to 64`,
      );
    const settings = awsSettings(values);

    const input = await readBatchInput(file).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(
        error.code === 'ENOENT'
          ? `no such file: ${file}`
          : error instanceof NamedFileError
            ? error.message
            : `cannot read ${file}: ${error.message}`,
      );
    });
    const codes = new ProductCodes(reportPaths, values.playbook, settings);
    const problems: Problem[] = [...input.problems];
    const requests: ConfirmationRequest[] = [];
    const rejected: ConfirmationResult[] = [];
    const keys = new Set<string>();
    for (const row of input.rows) {
      const { req, productProblem } = await requestFor(row, values, codes);
      const rowProblems = validateConfirmationRequest(req, productProblem);
      if (rowProblems.length) {
        problems.push({ file, line: row.line, severity: 'error', message: rowProblems.join('; ') });
        rejected.push(malformedResult(req, rowProblems, settings.profile ?? null));
      } else if (keys.has(resultKey(req))) {
        problems.push({
          file,
          line: row.line,
          severity: 'warning',
          message: `${req.instanceId} (${req.productCode}) is listed again: asked once`,
        });
      } else {
        keys.add(resultKey(req));
        requests.push(req);
      }
    }
    if (problems.length) io.err(`${file}: ${describeProblems(problems, 20)}`);
    // Nothing to ask is no success: the list is not in a shape that is read, or every row of it is wrong.
    if (input.rows.length === 0)
      throw new UsageError(
        `${file} holds no instance id; nothing was sent. It should hold ${BATCH_INPUT_SHAPES}.`,
      );
    if (requests.length === 0)
      throw new UsageError(
        `no row of ${file} can be asked (the problems above say why); nothing was sent`,
      );

    try {
      const lock = await holdResults(values.out, values.wait === true, io);
      try {
        return await run(
          {
            out: lock.resultsPath,
            requests,
            rejected,
            settings,
            concurrency,
            auditPath: resolveAuditPath(values.audit),
          },
          io,
        );
      } finally {
        await lock.release();
      }
    } catch (error) {
      if (!(error instanceof ResultsWriteError)) throw error;
      io.err(
        `confirm-batch: the results file cannot be written: ${error.message}. Nothing more is sent: free space (or give another --out), then run the same command again.`,
      );
      return EXIT.notDone;
    }
  },
});

/** Takes the results file for this run, saying so when it waits or replaces a dead run's lock; in use is a usage error (exit 2). */
async function holdResults(out: string, wait: boolean, io: CliIo): Promise<ResultsLock> {
  try {
    const lock = await lockResults(out, {
      wait,
      onWait: (holder) =>
        io.err(
          `${out}: in use by ${holder ? describeHolder(holder) : 'another run'}; waiting for it to finish (--wait)`,
        ),
    });
    if (lock.tookOver)
      io.err(
        `${out}: took over the lock of ${describeHolder(lock.tookOver)}, which is no longer running`,
      );
    return lock;
  } catch (error) {
    throw error instanceof ResultsFileInUse ? new UsageError(error.message) : error;
  }
}

/** One run over a results file this process holds. */
interface BatchRun {
  out: string;
  /** Valid requests, once each. */
  requests: ConfirmationRequest[];
  /** Rows that are never sent: recorded as malformed-input results. */
  rejected: ConfirmationResult[];
  settings: AwsSettings;
  concurrency: number;
  auditPath: string;
}

/** Resumes from the results file and asks what has no final answer yet; the exit status. */
async function run(
  { out, requests, rejected, settings, concurrency, auditPath }: BatchRun,
  io: CliIo,
): Promise<number> {
  const prior = await resumeResults(out);
  for (const { line, problem } of prior.foreign)
    io.err(
      `${out}: line ${line} is not a result this product writes, so it is asked again: ${problem}`,
    );
  const todo = requests.filter((r) => !prior.final.has(resultKey(r)));
  if (prior.final.size)
    io.err(`${out}: ${requests.length - todo.length} already answered, ${todo.length} to ask`);

  const results = new JsonLinesWriter(out);
  // Results keep coming when the audit log cannot be written; the exit code says so at the end (3).
  const audit = new AuditLog(auditPath);
  const unrecorded: string[] = [];
  // A results file that cannot be written stops the run (what is answered is in the audit log).
  const stop = new AbortController();
  const unwritten = { error: undefined as ResultsWriteError | undefined, answers: 0 };
  const record = async (r: ConfirmationResult) => {
    await Promise.all([
      results.append(r).catch((error: unknown) => {
        unwritten.error ??= resultsWriteError(out, error);
        unwritten.answers++;
        stop.abort();
      }),
      audit.tryAppend(auditEntryFor(r)).then((problem) => {
        if (problem) unrecorded.push(problem);
      }),
    ]);
  };
  for (const r of rejected.filter((r) => !prior.final.has(resultKey(r)))) await record(r);

  const progress = new Progress(todo.length, io);
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  try {
    const aws = await loadAws();
    const answered = await aws.confirmBatch(todo, {
      ...settings,
      concurrency,
      signal: stop.signal,
      onResult: async (r) => {
        await record(r);
        progress.add(r);
      },
    });
    progress.finish();
    if (unwritten.error) {
      io.err(
        `confirm-batch: the results file cannot be written: ${unwritten.error.message}. The run stopped; ${unwritten.answers} answered ` +
          `but not in it (the audit log has them) and ${todo.length - answered.length} not asked: free space (or give another --out), then run the same command again.`,
      );
      return exitRecorded(EXIT.notDone, unrecorded, io, ANSWERS);
    }
    const retryable =
      answered.filter((r) => !isFinalResult(r)).length + (todo.length - answered.length);
    if (retryable)
      io.err(`${retryable} not answered for good: run the same command again to retry them`);
    return exitRecorded(retryable ? EXIT.notDone : EXIT.ok, unrecorded, io, ANSWERS);
  } finally {
    process.off('SIGINT', onSignal);
  }
}

async function requestFor(
  row: BatchRow,
  values: { 'product-code'?: string; 'product-id'?: string },
  codes: ProductCodes,
): Promise<{ req: ConfirmationRequest; productProblem?: string }> {
  // A row's own code wins over its product id, and the row over the options.
  const productId = row.productCode ? undefined : (row.productId ?? values['product-id']);
  const product = productId
    ? await codes.resolve(productId)
    : { code: row.productCode ?? values['product-code'], problem: null };
  const req: ConfirmationRequest = {
    instanceId: row.instanceId,
    productCode: product.code ?? '',
    ...(row.account ? { claimedAccount: row.account } : {}),
    // A row's region is for that instance; rows without one go where --region (or AWS's order) says.
    ...(row.region ? { region: row.region } : {}),
  };
  if (product.problem) return { req, productProblem: product.problem };
  if (product.code === undefined)
    return {
      req,
      productProblem:
        'no product code: add a productCode (or productId) column, or pass --product-code',
    };
  return { req };
}

/** A progress line on stderr at most once a second, and a summary by verdict at the end. */
class Progress {
  private done = 0;
  private last = 0;
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly total: number,
    private readonly io: CliIo,
  ) {}

  add(r: ConfirmationResult): void {
    this.done++;
    const label = r.verdict === 'error' ? `error:${r.error?.kind}` : r.verdict;
    this.counts.set(label, (this.counts.get(label) ?? 0) + 1);
    if (Date.now() - this.last >= PROGRESS_EVERY_MS) {
      this.last = Date.now();
      this.io.err(`confirm-batch: ${this.done}/${this.total} answered (${this.summary()})`);
    }
  }

  finish(): void {
    this.io.err(
      `confirm-batch: ${this.done}/${this.total} answered (${this.summary() || 'nothing to ask'})`,
    );
  }

  private summary(): string {
    return [...this.counts]
      .sort()
      .map(([label, n]) => `${label} ${n}`)
      .join(', ');
  }
}
