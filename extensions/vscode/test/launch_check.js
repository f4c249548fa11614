// Resolves launch configurations the way the extension's
// resolveDebugConfiguration does (launch.js) and prints them, as JSON, for
// the Go test (vscode_test.go) to judge and to launch in the real otpbox dap.
// Reads [{config, sandbox}, ...] as JSON on stdin.
'use strict';

const fs = require('fs');
const { withSandboxLimits } = require('../launch');

const cases = JSON.parse(fs.readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(cases.map((c) => withSandboxLimits(c.config, c.sandbox))));
