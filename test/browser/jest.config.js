// The real-browser tests (`npm run test:browser`): headless Chromium (the Debian package, /usr/bin/chromium
// or CHROMIUM_PATH) driven by playwright-core. Kept out of `npm test` because they need that browser;
// .ci/run installs it and runs them.
const { join } = require('node:path');

module.exports = {
  rootDir: join(__dirname, '..', '..'),
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/browser'],
  testRegex: '\\.browser-spec\\.ts$',
  testTimeout: 60000,
};
