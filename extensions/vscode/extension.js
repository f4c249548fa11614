// The otpbox extension for VS Code: `otpbox lsp` as the language server,
// `otpbox dap` as the debug adapter, and the server's notifications
// (docs/lsp-extensions.md) in an output channel. Plain JavaScript so the
// folder runs and packages without a build step.
'use strict';

const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');
const present = require('./present');
const { withSandboxLimits } = require('./launch');

// Commands the server executes take these arguments; from the command
// palette they come with none, so they are filled in from the active editor.
const SERVER_COMMANDS = new Set([
  'otpbox.run', 'otpbox.test', 'otpbox.reload', 'otpbox.kill',
  'otpbox.processTree', 'otpbox.debugAdapter',
]);

/** @type {LanguageClient | undefined} */
let client;

/** The otpbox binary the settings name. */
function otpboxPath() {
  return vscode.workspace.getConfiguration('otpbox').get('path', 'otpbox');
}

/**
 * The settings tree the server reads (docs/lsp-extensions.md, "Settings"),
 * in the shape VS Code sends for the synchronized `otpbox` section.
 */
function serverSettings() {
  const cfg = vscode.workspace.getConfiguration('otpbox.sandbox');
  // Every otpbox.sandbox.* key package.json declares: where the workspace
  // sandbox runs and its limits, each at its value or default.
  const keys = ['isolation', 'memory', 'timeout', 'maxProcesses', 'maxAtoms', 'maxOutput', 'maxModuleSize'];
  return { otpbox: { sandbox: Object.fromEntries(keys.map((k) => [k, cfg.get(k)])) } };
}

/** The active editor's Erlang module: its uri and name, or undefined. */
function activeModule() {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'erlang') {
    return undefined;
  }
  const doc = editor.document;
  const m = /^-module\(\s*'?([^)']+)'?\s*\)/m.exec(doc.getText());
  const base = doc.uri.path.split('/').pop() || '';
  const name = m ? m[1] : base.replace(/\.(erl|hrl)$/, '');
  return { uri: doc.uri.toString(), path: doc.uri.fsPath, module: name };
}

/**
 * The arguments a server command gets when it was invoked without any (from
 * the palette): the active module, or for kill a pid the user types.
 * Undefined means the user gave up.
 */
async function defaultArguments(command) {
  switch (command) {
    case 'otpbox.processTree':
    case 'otpbox.debugAdapter':
      return [];
    case 'otpbox.kill': {
      const pid = await vscode.window.showInputBox({ prompt: 'The pid of the process to kill', placeHolder: '<0.42.0>' });
      return pid ? [pid.trim()] : undefined;
    }
  }
  const mod = activeModule();
  if (!mod) {
    vscode.window.showWarningMessage(`${command}: open an Erlang module first`);
    return undefined;
  }
  switch (command) {
    case 'otpbox.run':
      return [mod.uri, mod.module, 'main'];
    case 'otpbox.test':
      return [mod.uri, mod.module];
    default: // otpbox.reload
      return [mod.uri];
  }
}

/** Starts a debug session of module:main() in the file at uri. */
async function debugMain(uri, module, fn) {
  let program = uri ? vscode.Uri.parse(uri).fsPath : undefined;
  if (!program || !module) {
    const mod = activeModule();
    if (!mod) {
      vscode.window.showWarningMessage('otpbox.debug: open an Erlang module first');
      return false;
    }
    program = mod.path;
    module = mod.module;
  }
  return vscode.debug.startDebugging(vscode.workspace.getWorkspaceFolder(vscode.Uri.file(program)), {
    type: 'otpbox',
    request: 'launch',
    name: `Debug ${module}:${fn || 'main'}()`,
    program,
    entry: `${module}:${fn || 'main'}`,
  });
}

// Launch runs `otpbox dap` over stdio; attach to the workspace sandbox
// connects to the endpoint the language server serves (otpbox.debugAdapter),
// whose address and one-use token are fetched when the session starts.
const debugAdapterFactory = {
  createDebugAdapterDescriptor(session) {
    const cfg = session.configuration;
    if (cfg.request === 'attach') {
      const [host, port] = splitAddress(cfg.__otpboxAddress || '');
      if (!port) {
        throw new Error('otpbox: attach needs the language server (no address for the workspace sandbox)');
      }
      return new vscode.DebugAdapterServer(port, host);
    }
    const isolation = vscode.workspace.getConfiguration('otpbox').get('sandbox.isolation', 'wasm');
    return new vscode.DebugAdapterExecutable(otpboxPath(), ['dap', '--isolation', isolation]);
  },
};

/** "127.0.0.1:40123" → ["127.0.0.1", 40123]. */
function splitAddress(address) {
  const i = address.lastIndexOf(':');
  if (i < 0) {
    return ['', 0];
  }
  return [address.slice(0, i), Number(address.slice(i + 1))];
}

const debugConfigurationProvider = {
  async resolveDebugConfiguration(folder, config) {
    if (!config.type && !config.request) {
      // F5 without a launch.json: debug the active module's main/0.
      const mod = activeModule();
      if (!mod) {
        return undefined;
      }
      config = { type: 'otpbox', request: 'launch', name: `Debug ${mod.module}:main()`, program: mod.path };
    }
    if (config.request === 'attach') {
      if (!client) {
        vscode.window.showErrorMessage('otpbox: the language server is not running; open an Erlang file first');
        return undefined;
      }
      const ep = await client.sendRequest('workspace/executeCommand', { command: 'otpbox.debugAdapter', arguments: [] });
      return { ...config, sandbox: 'workspace', token: ep.token, __otpboxAddress: ep.address };
    }
    // A launch runs in a sandbox of its own: give it the workspace
    // sandbox's limits (but timeout) where launch.json sets none.
    return withSandboxLimits(config, serverSettings().otpbox.sandbox);
  },
};

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  const output = vscode.window.createOutputChannel('otpbox');
  context.subscriptions.push(output);

  context.subscriptions.push(
    vscode.commands.registerCommand('otpbox.debug', debugMain),
    vscode.debug.registerDebugAdapterDescriptorFactory('otpbox', debugAdapterFactory),
    vscode.debug.registerDebugConfigurationProvider('otpbox', debugConfigurationProvider),
  );

  const serverOptions = { command: otpboxPath(), args: ['lsp'] };
  const clientOptions = {
    documentSelector: [{ scheme: 'file', language: 'erlang' }, { scheme: 'untitled', language: 'erlang' }],
    initializationOptions: serverSettings(),
    // didChangeConfiguration then carries {"otpbox": {...}}, the tree the
    // server reads.
    synchronize: { configurationSection: 'otpbox' },
    // The server's own log (its stderr) stays apart from program output.
    outputChannelName: 'otpbox (language server)',
    middleware: {
      // The client registers the server's commands itself (from
      // executeCommandProvider); this fills in the arguments when the
      // palette gave none and shows what came back.
      async executeCommand(command, args, next) {
        if (SERVER_COMMANDS.has(command) && args.length === 0) {
          const filled = await defaultArguments(command);
          if (filled === undefined) {
            return undefined;
          }
          args = filled;
        }
        const result = await next(command, args);
        const lines = present.resultLines(command, result);
        lines.forEach((l) => output.appendLine(l));
        if (lines.length > 0 && command !== 'otpbox.reload') {
          output.show(true);
        }
        return result;
      },
    },
  };
  client = new LanguageClient('otpbox', 'otpbox', serverOptions, clientOptions);
  client.onNotification('otpbox/output', (p) => {
    output.append(present.outputText(p));
    output.show(true);
  });
  client.onNotification('otpbox/reloaded', (p) => output.appendLine(present.reloadedLine(p)));
  client.onNotification('otpbox/processTree', (p) => {
    present.processTreeLines(p.processes || []).forEach((l) => output.appendLine(l));
    output.show(true);
  });
  context.subscriptions.push(client);
  try {
    await client.start();
  } catch (err) {
    client = undefined;
    // Debugging a launch configuration still works without the server.
    vscode.window.showErrorMessage(`otpbox: cannot start "${serverOptions.command} lsp" (set otpbox.path to the otpbox binary): ${err && err.message ? err.message : err}`);
  }
}

async function deactivate() {
  if (client) {
    await client.stop();
    client = undefined;
  }
}

module.exports = { activate, deactivate };
