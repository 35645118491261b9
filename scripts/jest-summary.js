// Prints jest's JSON result as one plain closing line: "<label>: N passed, N failed, N skipped".
const fs = require('node:fs');
const [file, label] = process.argv.slice(2);
const r = JSON.parse(fs.readFileSync(file, 'utf8'));
process.stdout.write(
  `${label}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped\n`,
);
process.exit(r.success && r.numTotalTests > 0 ? 0 : 1);
