// Prints the closing line CI reads: "N passed, N failed, N skipped", alone and last.
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<unknown>) {
    let passed = 0,
      failed = errors.length,
      skipped = 0;
    for (const m of modules) {
      if (m.errors().length > 0) failed++; // the file itself failed (setup, import)
      for (const t of m.children.allTests()) {
        const s = t.result().state;
        if (s === 'passed') passed++;
        else if (s === 'failed') failed++;
        else skipped++;
      }
    }
    // At exit: the pool's teardown may still print (a slow worker's warning) after the run ends, and the line must
    // come last (stdout to a pipe or file is synchronous here, so an exit handler's write is not lost).
    process.once('exit', () => process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`));
  }
}
