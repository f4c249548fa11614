// Checks package.json against the real `otpbox lsp` ($OTPBOX_BIN), the way
// VS Code would talk to it: the commands the manifest declares are the ones
// the server advertises in executeCommandProvider (plus those the extension
// itself registers), and the settings tree VS Code sends for the `otpbox`
// section is one the server reads. Prints a JSON report on stdout; the Go
// test (vscode_test.go) judges it.
'use strict';

const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');

const root = path.join(__dirname, '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const extensionSource = fs.readFileSync(path.join(root, manifest.main), 'utf8');

// Client-side commands: registered by extension.js, not executed by the
// server (docs/lsp-extensions.md: otpbox.debug).
const clientCommands = manifest.contributes.commands
  .map((c) => c.command)
  .filter((c) => extensionSource.includes(`registerCommand('${c}'`));

/**
 * The settings tree VS Code builds for a configuration section: the dotted
 * keys under it, nested, each at the given value or its default.
 */
function settingsTree(overrides) {
  const tree = {};
  for (const [key, prop] of Object.entries(manifest.contributes.configuration.properties)) {
    const parts = key.split('.');
    let node = tree;
    for (const p of parts.slice(0, -1)) {
      node = node[p] = node[p] || {};
    }
    node[parts[parts.length - 1]] = key in overrides ? overrides[key] : prop.default;
  }
  return tree;
}

/** A minimal LSP connection over the child's stdio. */
function connect(child) {
  let buf = Buffer.alloc(0);
  let nextId = 1;
  const pending = new Map();
  const notifications = [];
  child.stdout.on('data', (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    for (;;) {
      const headerEnd = buf.indexOf('\r\n\r\n');
      if (headerEnd < 0) {
        return;
      }
      const m = /Content-Length: (\d+)/i.exec(buf.slice(0, headerEnd).toString());
      if (!m) {
        throw new Error(`bad header: ${buf.slice(0, headerEnd)}`);
      }
      const len = Number(m[1]);
      if (buf.length < headerEnd + 4 + len) {
        return;
      }
      const msg = JSON.parse(buf.slice(headerEnd + 4, headerEnd + 4 + len).toString());
      buf = buf.slice(headerEnd + 4 + len);
      if (msg.id !== undefined && pending.has(msg.id) && msg.method === undefined) {
        pending.get(msg.id)(msg);
        pending.delete(msg.id);
      } else if (msg.method) {
        notifications.push(msg);
      }
    }
  });
  const send = (msg) => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...msg }));
    child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    child.stdin.write(body);
  };
  return {
    notifications,
    notify: (method, params) => send({ method, params }),
    request: (method, params) => new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => reject(new Error(`${method}: no answer in 20 s`)), 20000);
      pending.set(id, (msg) => {
        clearTimeout(timer);
        if (msg.error) {
          reject(new Error(`${method}: ${JSON.stringify(msg.error)}`));
        } else {
          resolve(msg.result);
        }
      });
      send({ id, method, params });
    }),
  };
}

async function main() {
  const bin = process.env.OTPBOX_BIN;
  if (!bin) {
    throw new Error('OTPBOX_BIN is not set');
  }
  const ws = fs.mkdtempSync(path.join(require('os').tmpdir(), 'otpbox-vscode-'));
  const child = spawn(bin, ['lsp'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = connect(child);
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

  // Every value a setting's enum allows, then one it does not: the server
  // must accept the first (no warning) and reject the last by name, which
  // it only can if it reads the key where VS Code puts it.
  report.settings = [];
  for (const [key, prop] of Object.entries(manifest.contributes.configuration.properties)) {
    if (!prop.enum) {
      continue;
    }
    const tries = [...prop.enum.map((v) => ({ value: v, valid: true })), { value: 'no-such-value', valid: false }];
    for (const t of tries) {
      const before = conn.notifications.length;
      conn.notify('workspace/didChangeConfiguration', { settings: settingsTree({ [key]: t.value }) });
      // A request after the notification: the server answers it after
      // handling the change, so any warning has arrived by then.
      await conn.request('workspace/symbol', { query: 'x' }).catch(() => null);
      const warnings = conn.notifications.slice(before)
        .filter((n) => n.method === 'window/showMessage')
        .map((n) => n.params.message);
      report.settings.push({ key, value: t.value, valid: t.valid, warnings });
    }
  }
  report.settingKeys = Object.keys(manifest.contributes.configuration.properties);
  report.debuggerTypes = (manifest.contributes.debuggers || []).map((d) => d.type);
  report.launchAttributes = Object.keys(((manifest.contributes.debuggers || [])[0] || {}).configurationAttributes?.launch?.properties || {});

  await conn.request('shutdown', null);
  conn.notify('exit', null);
  await new Promise((resolve) => child.on('exit', resolve));
  fs.rmSync(ws, { recursive: true, force: true });
  process.stdout.write(JSON.stringify(report) + '\n');
}

main().catch((err) => {
  process.stderr.write(`${err.stack || err}\n`);
  process.exit(1);
});
