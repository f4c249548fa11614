// The launch configuration an otpbox debug session starts with, from what
// launch.json (or the Debug lens, or F5 without a launch.json) gave and the
// otpbox.sandbox settings. No VS Code dependency, so Node tests run it.
'use strict';

// The otpbox.sandbox settings a launch request takes as its limits, under
// the same names and units (docs/lsp-extensions.md). timeout is left out:
// the sandbox counts it over the whole call, time stopped at a breakpoint
// included, so a debug session would be killed while the user looks.
const LAUNCH_LIMITS = ['memory', 'maxProcesses', 'maxAtoms', 'maxOutput', 'maxModuleSize'];

/**
 * withSandboxLimits returns a launch configuration whose limits are the
 * configuration's own, filled in from the otpbox.sandbox settings
 * (`sandbox`, keyed as in package.json without the prefix) where the
 * configuration sets none: a launch.json value wins. Settings that are
 * unset (undefined, null or "") are not sent, so the adapter's default holds.
 */
function withSandboxLimits(config, sandbox) {
  if (config.request !== 'launch') {
    return config;
  }
  const own = config.limits && typeof config.limits === 'object' ? config.limits : {};
  const limits = {};
  for (const k of LAUNCH_LIMITS) {
    const v = sandbox[k];
    if (v !== undefined && v !== null && v !== '') {
      limits[k] = v;
    }
  }
  Object.assign(limits, own);
  if (Object.keys(limits).length === 0) {
    return config;
  }
  return { ...config, limits };
}

module.exports = { LAUNCH_LIMITS, withSandboxLimits };
