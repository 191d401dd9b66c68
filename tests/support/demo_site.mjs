// The static demo for the browser tests and benchmarks: scripts/make_demo_site.sh from the builds
// given (the proxy writes the demo bundle), served by a plain file server (python3 -m http.server)
// on a free loopback port: no proxy, no isolation headers, as a static host would serve it.
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { repo } from './browser.mjs';
import { freePort } from './proxy.mjs';

// Writes the site into `site` (a folder that does not exist yet) and serves it; returns
// { base, stop }.
export async function serveDemoSite({ site, appDir, proxyBin, stdio = 'inherit' }) {
  execFileSync('bash', [path.join(repo, 'scripts/make_demo_site.sh'), site], { stdio,
    env: { ...process.env, BANK_WASM_APP_DIR: appDir, BANK_PROXY_BIN: proxyBin } });
  const port = await freePort();
  const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', site],
    { stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; ++i) {
    try { if ((await fetch(base + '/')).ok) break; } catch { /* starting */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { base, stop: () => server.kill('SIGTERM') };
}
