// Sums the vitest JSON reports and the other checks into "N passed, N failed".
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const [dir, checksPassed, checksFailed, flag] = process.argv.slice(2);
let passed = Number(checksPassed);
let failed = Number(checksFailed);
const expected = ['tests-embedded.json', 'tests-debian.json', 'tests-e2e.json'];
const found = new Set(readdirSync(dir));
const lineOnly = flag === '--line-only';
for (const name of expected) {
  if (!found.has(name)) {
    // A suite that did not report at all (crashed before writing) counts as one failure.
    failed += 1;
    if (!lineOnly) console.log(`${name}: no report (the suite did not run to the end)`);
    continue;
  }
  const report = JSON.parse(readFileSync(path.join(dir, name), 'utf8'));
  const suiteFailed = report.numFailedTests + (report.success ? 0 : report.numFailedTests === 0 ? 1 : 0);
  passed += report.numPassedTests;
  failed += suiteFailed;
  if (!lineOnly) console.log(`${name}: ${report.numPassedTests} passed, ${suiteFailed} failed, ${report.numPendingTests} skipped`);
  if (report.numPendingTests > 0 || report.numTodoTests > 0) failed += report.numPendingTests + report.numTodoTests;
}
if (lineOnly) console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
