// Runs a supervision tree in the real `otpbox lsp` ($OTPBOX_BIN) the way the
// extension does (otpbox.run, then otpbox.processTree) and prints, as JSON,
// what present.js makes of the answers and notifications: the lines the
// output channel would show. The Go test (vscode_test.go) judges them.
'use strict';

const fs = require('fs');
const path = require('path');
const { check, settingsTree } = require('./lsp');
const present = require('../present');

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'));

const modules = {
  'demo_sup.erl': `-module(demo_sup).
-behaviour(supervisor).
-export([start/0, init/1]).
start() -> supervisor:start_link({local, demo_sup}, ?MODULE, []).
init([]) ->
    Child = #{id => worker, start => {demo_worker, start_link, []}},
    {ok, {#{strategy => one_for_one}, [Child]}}.
`,
  'demo_worker.erl': `-module(demo_worker).
-behaviour(gen_server).
-export([start_link/0, init/1, handle_call/3, handle_cast/2]).
start_link() -> gen_server:start_link({local, demo_worker}, ?MODULE, [], []).
init([]) -> {ok, 0}.
handle_call(_, _, S) -> {reply, S, S}.
handle_cast(_, S) -> {noreply, S}.
`,
  'boot.erl': `-module(boot).
-export([main/0]).
main() ->
    {ok, Sup} = demo_sup:start(),
    unlink(Sup),
    io:format("booted~n"),
    io:format(standard_error, "a warning~nand more~n", []),
    started.
`,
};

check(async (conn, ws) => {
  fs.mkdirSync(path.join(ws, 'src'));
  for (const [name, text] of Object.entries(modules)) {
    fs.writeFileSync(path.join(ws, 'src', name), text);
  }
  await conn.request('initialize', {
    processId: process.pid,
    rootUri: `file://${ws}`,
    capabilities: {},
    initializationOptions: settingsTree(manifest, { 'otpbox.sandbox.isolation': process.env.OTPBOX_ISOLATION || 'wasm' }),
  });
  conn.notify('initialized', {});

  const report = { result: [], output: '', tree: [] };
  const run = await conn.request('workspace/executeCommand', {
    command: 'otpbox.run',
    arguments: [`file://${path.join(ws, 'src', 'boot.erl')}`, 'boot', 'main'],
  }, 60000);
  report.result = present.resultLines('otpbox.run', run);
  await conn.request('workspace/executeCommand', { command: 'otpbox.processTree', arguments: [] });
  const ep = await conn.request('workspace/executeCommand', { command: 'otpbox.debugAdapter', arguments: [] });
  report.debugAdapter = present.resultLines('otpbox.debugAdapter', ep);
  for (const n of conn.notifications) {
    if (n.method === 'otpbox/output') {
      report.output += present.outputText(n.params);
    } else if (n.method === 'otpbox/processTree') {
      report.tree = present.processTreeLines(n.params.processes || []);
    }
  }

  return report;
});
