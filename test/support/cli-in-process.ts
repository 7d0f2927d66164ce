// The CLI's main() run in this process with its output captured, for tests that need no child process.
import { main } from '../../src/cli';

export interface CliOutput {
  code: number;
  /** Everything printed on stdout, each write ending with a newline. */
  out: string;
  err: string;
}

export async function runCli(...argv: string[]): Promise<CliOutput> {
  let out = '';
  let err = '';
  const code = await main(argv, {
    out: (t) => {
      out += `${t}\n`;
    },
    err: (t) => {
      err += `${t}\n`;
    },
  });
  return { code, out, err };
}
