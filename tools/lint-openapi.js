// Lints openapi/openapi.json with Redocly and the committed ruleset (../redocly.yaml). Fails on any
// error, any warning and any ignored problem (Redocly itself exits 0 on warnings), and on a ruleset
// that Redocly reports as invalid.
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const redocly = join(__dirname, 'node_modules', '.bin', 'redocly');
const args = [
  'lint',
  join(__dirname, '..', 'openapi', 'openapi.json'),
  '--config',
  join(__dirname, '..', 'redocly.yaml'),
];
const json = spawnSync(redocly, [...args, '--format', 'json'], { encoding: 'utf8' });
let report;
try {
  report = JSON.parse(json.stdout);
} catch {
  process.stderr.write(json.stdout + json.stderr);
  process.exit(1);
}
const configProblems = /Your config has \d+ (error|warning)|Unused rules found/i.test(json.stderr);
const { errors, warnings, ignored } = report.totals;
if (errors || warnings || ignored || configProblems) {
  spawnSync(redocly, [...args, '--format', 'stylish'], { stdio: 'inherit' });
  process.stderr.write(
    `openapi lint: ${errors} errors, ${warnings} warnings, ${ignored} ignored${configProblems ? ', ruleset problems' : ''}\n`,
  );
  process.exit(1);
}
process.stdout.write('openapi lint: 0 errors, 0 warnings (Redocly, ruleset redocly.yaml)\n');
