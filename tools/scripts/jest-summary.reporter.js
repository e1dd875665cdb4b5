// Appends each Jest run's totals to $HOOKRELAY_TEST_SUMMARY_FILE ("passed failed skipped suitesFailed"),
// so npm test can print one closing "N passed, N failed" line across all projects and tiers.
'use strict';
const fs = require('node:fs');

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const file = process.env.HOOKRELAY_TEST_SUMMARY_FILE;
    if (!file) return;
    const line = [results.numPassedTests, results.numFailedTests, results.numPendingTests + results.numTodoTests, results.numRuntimeErrorTestSuites];
    fs.appendFileSync(file, `${line.join(' ')}\n`);
  }
}

module.exports = SummaryReporter;
