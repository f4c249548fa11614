// How the server's answers and notifications (docs/lsp-extensions.md) read
// in the output channel. Apart from extension.js, with no dependency on
// VS Code, so the test can run it on the real server's messages.
'use strict';

/** The lines showing a run's or a test's answer, a reload's, or otpbox.debugAdapter's. */
function resultLines(command, result) {
  if (!result || typeof result !== 'object') {
    return [];
  }
  if ('value' in result || 'exception' in result) {
    const lines = (result.compileErrors || []).map((e) => `compile error: ${typeof e === 'string' ? e : JSON.stringify(e)}`);
    lines.push(`${command}: ${result.exception ? result.exception : result.value}`);
    return lines;
  }
  if (result.module) {
    return [reloadedLine(result)];
  }
  if (result.address && result.token) {
    // From the palette: for a DAP client other than VS Code's own.
    return [`debug adapter for the workspace sandbox at ${result.address}: attach with {"sandbox": "workspace", "token": "${result.token}"}`];
  }
  return [];
}

/** An otpbox/reloaded notification (or otpbox.reload's answer) as a line. */
function reloadedLine(p) {
  return `reloaded ${p.module} (version ${p.version}, ${p.millis} ms)`;
}

/** An otpbox/output notification's text; stderr's lines marked with "! ". */
function outputText(p) {
  return p.stream === 'stderr' ? p.text.replace(/^(?=.)/gm, '! ') : p.text;
}

/**
 * An otpbox/processTree snapshot as an indented tree: each process under
 * its parent (a pid or a registered name), the rest at the top.
 */
function processTreeLines(processes) {
  const byPid = new Map(processes.map((p) => [p.pid, p]));
  const byName = new Map(processes.filter((p) => p.name).map((p) => [p.name, p]));
  const children = new Map();
  const roots = [];
  for (const p of processes) {
    const parent = byPid.get(p.parent) || byName.get(p.parent);
    if (parent && parent !== p) {
      if (!children.has(parent.pid)) {
        children.set(parent.pid, []);
      }
      children.get(parent.pid).push(p);
    } else {
      roots.push(p);
    }
  }
  const lines = [`processes (${processes.length}):`];
  const seen = new Set();
  const walk = (p, depth) => {
    if (seen.has(p.pid)) {
      return;
    }
    seen.add(p.pid);
    lines.push(`${'  '.repeat(depth + 1)}${[p.pid, p.name, p.initialCall].filter(Boolean).join(' ')}`);
    for (const c of children.get(p.pid) || []) {
      walk(c, depth + 1);
    }
  };
  roots.forEach((p) => walk(p, 0));
  // A parent cycle has no root; list its members rather than drop them.
  processes.forEach((p) => walk(p, 0));
  return lines;
}

module.exports = { resultLines, reloadedLine, outputText, processTreeLines };
