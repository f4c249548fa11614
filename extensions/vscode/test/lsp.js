// What the Node checks share: a minimal LSP client over a child process's
// stdio, and the settings tree VS Code sends for the otpbox section.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');

/**
 * The settings tree VS Code builds for a configuration section: the dotted
 * keys under it, nested, each at the given value or its default.
 */
function settingsTree(manifest, overrides) {
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
    request: (method, params, timeoutMs = 20000) => new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => reject(new Error(`${method}: no answer in ${timeoutMs} ms`)), timeoutMs);
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

/**
 * Runs a check: starts `$OTPBOX_BIN lsp` on a fresh workspace folder, gives
 * body the connection and the folder, shuts the server down and prints the
 * report body returns as JSON on stdout (or the error on stderr, exit 1).
 */
function check(body) {
  (async () => {
    if (!process.env.OTPBOX_BIN) {
      throw new Error('OTPBOX_BIN is not set');
    }
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'otpbox-vscode-'));
    const child = spawn(process.env.OTPBOX_BIN, ['lsp'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const conn = connect(child);
    const report = await body(conn, ws);
    await conn.request('shutdown', null);
    conn.notify('exit', null);
    await new Promise((resolve) => child.on('exit', resolve));
    fs.rmSync(ws, { recursive: true, force: true });
    process.stdout.write(JSON.stringify(report) + '\n');
  })().catch((err) => {
    process.stderr.write(`${err.stack || err}\n`);
    process.exit(1);
  });
}

module.exports = { check, settingsTree };
