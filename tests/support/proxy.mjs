// Our proxy for the browser tests: started on a free loopback port with its own feedback and audit
// store, so no run sees another's records.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { repo } from './browser.mjs';

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealthy(base, proxy, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proxy.exitCode !== null) throw new Error(`proxy exited with code ${proxy.exitCode}`);
    try {
      const r = await fetch(base + '/healthz');
      if (r.ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('proxy did not become healthy in time');
}

export async function startProxy({ proxyBin, appDir, extraArgs = [], env = {} }) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const storeDir = mkdtempSync(path.join(os.tmpdir(), 'bank-e2e-'));
  const store = path.join(storeDir, 'store.sqlite');
  const proxy = spawn(proxyBin, ['--host', '127.0.0.1', '--port', String(port), '--app', appDir,
    '--data', path.join(repo, 'data'), '--web', path.join(repo, 'web'), '--store', store, ...extraArgs],
  { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let log = '';
  proxy.stdout.on('data', (d) => { log += d; });
  proxy.stderr.on('data', (d) => { log += d; });
  try {
    await waitForHealthy(base, proxy, 15000);
  } catch (e) {
    proxy.kill('SIGKILL');
    throw new Error(`${e.message}\n--- proxy output ---\n${log}`);
  }
  const stop = () => {
    proxy.kill('SIGTERM');
    rmSync(storeDir, { recursive: true, force: true });
  };
  return { base, proxy, store, log: () => log, stop };
}
