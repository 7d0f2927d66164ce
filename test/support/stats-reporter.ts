// Mocha's spec output, plus the run's counts appended as one JSON line to $SUPPORT_DESK_STATS, so the
// test command can print a single closing "N passed, N failed" over the unit, VS Code and e2e stages.
import * as fs from 'node:fs';
import * as Mocha from 'mocha';

class StatsReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.once('end', () => {
      const file = process.env.SUPPORT_DESK_STATS;
      const stats = runner.stats;
      if (!file || !stats) return;
      const line = {
        stage: process.env.SUPPORT_DESK_STAGE ?? 'unknown',
        passes: stats.passes,
        failures: stats.failures,
        pending: stats.pending,
      };
      fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
    });
  }
}

export = StatsReporter;
