// A debug session against `otpbox dap` driven by Microsoft's DAP test
// client. Run by dap/node_test.go: node session.js OTPBOX PROGRAM.
'use strict';
const assert = require('assert');
const { DebugClient } = require('@vscode/debugadapter-testsupport');

const [otpbox, program] = process.argv.slice(2);

async function main() {
  const dc = new DebugClient(otpbox, 'dap', 'erlang');
  await dc.start();
  try {
    // Stop at a breakpoint on line 5: Y = X * 2.
    await dc.hitBreakpoint({ program }, { path: program, line: 5 });
    const threads = (await dc.threadsRequest()).body.threads;
    assert.strictEqual(threads.length, 1);
    assert.match(threads[0].name, /nodeprog:main\/0/);
    const threadId = threads[0].id;
    const frames = (await dc.stackTraceRequest({ threadId })).body.stackFrames;
    assert.strictEqual(frames[0].name, 'nodeprog:main/0');
    const scopes = (await dc.scopesRequest({ frameId: frames[0].id })).body.scopes;
    const vars = (await dc.variablesRequest({ variablesReference: scopes[0].variablesReference })).body.variables;
    assert.deepStrictEqual(vars.map(v => `${v.name}=${v.value}`), ['X={1,[a,b]}']);
    const tuple = (await dc.variablesRequest({ variablesReference: vars[0].variablesReference })).body.variables;
    assert.deepStrictEqual(tuple.map(v => `${v.name}=${v.value}`), ['1=1', '2=[a,b]']);
    const ev = await dc.evaluateRequest({ expression: 'element(1, X) + 41', frameId: frames[0].id, context: 'watch' });
    assert.strictEqual(ev.body.result, '42');
    // Step over line 5, then continue to the end.
    await Promise.all([dc.nextRequest({ threadId }), dc.assertStoppedLocation('step', { line: 6 })]);
    await Promise.all([
      dc.continueRequest({ threadId }),
      dc.assertOutput('stdout', '{{1,[a,b]},2}\n'),
      dc.waitForEvent('terminated'),
    ]);
  } finally {
    await dc.stop();
  }
}

main().then(() => {
  console.log('ok');
}, err => {
  console.error(err && err.stack || err);
  process.exit(1);
});
