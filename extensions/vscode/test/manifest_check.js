// Checks package.json against the real `otpbox lsp` ($OTPBOX_BIN), the way
// VS Code would talk to it: the commands the manifest declares are the ones
// the server advertises in executeCommandProvider (plus those the extension
// itself registers), and the settings tree VS Code sends for the `otpbox`
// section is one the server reads. Prints a JSON report on stdout; the Go
// test (vscode_test.go) judges it.
'use strict';

const fs = require('fs');
const path = require('path');
const { check, settingsTree: tree } = require('./lsp');

const root = path.join(__dirname, '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const extensionSource = fs.readFileSync(path.join(root, manifest.main), 'utf8');

const settingsTree = (overrides) => tree(manifest, overrides);

// Client-side commands: registered by extension.js, not executed by the
// server (docs/lsp-extensions.md: otpbox.debug).
const clientCommands = manifest.contributes.commands
  .map((c) => c.command)
  .filter((c) => extensionSource.includes(`registerCommand('${c}'`));

check(async (conn, ws) => {
  const report = { clientCommands };

  const init = await conn.request('initialize', {
    processId: process.pid,
    rootUri: `file://${ws}`,
    capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } } },
    initializationOptions: settingsTree({}),
  });
  conn.notify('initialized', {});
  report.serverCommands = ((init.capabilities || {}).executeCommandProvider || {}).commands || [];
  report.manifestCommands = manifest.contributes.commands.map((c) => c.command);

  // Every value a setting's enum allows (or its default, for the server's
  // settings without an enum), then one it does not: the server must
  // accept the first (no warning) and reject the last by name, which it
  // only can if it reads the key where VS Code puts it.
  report.settings = [];
  for (const [key, prop] of Object.entries(manifest.contributes.configuration.properties)) {
    const good = prop.enum || (key.startsWith('otpbox.sandbox.') ? [prop.default] : null);
    if (!good) {
      continue;
    }
    const tries = [...good.map((v) => ({ value: v, valid: true })), { value: 'no-such-value', valid: false }];
    for (const t of tries) {
      const before = conn.notifications.length;
      conn.notify('workspace/didChangeConfiguration', { settings: settingsTree({ [key]: t.value }) });
      // A request after the notification: the server answers it after
      // handling the change, so any warning has arrived by then.
      await conn.request('workspace/symbol', { query: 'x' }).catch(() => null);
      const warnings = conn.notifications.slice(before)
        .filter((n) => n.method === 'window/showMessage')
        .map((n) => n.params.message);
      report.settings.push({ key, value: String(t.value), valid: t.valid, warnings });
    }
  }
  report.settingKeys = Object.keys(manifest.contributes.configuration.properties);
  report.debuggerTypes = (manifest.contributes.debuggers || []).map((d) => d.type);
  report.launchAttributes = Object.keys(((manifest.contributes.debuggers || [])[0] || {}).configurationAttributes?.launch?.properties || {});

  return report;
});
