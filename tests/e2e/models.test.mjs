// With model files in place, the app switches ranking from the lexical encoder to the on-device
// text model, and adds the picture signal (CLIP text -> product images), with no code change: the proxy serves a models folder holding the TEST MODELS
// (random weights, the real MiniLM/CLIP input and output names; scripts/make_test_models.py)
// and the tokenizers, exactly where real weights would go.
// Usage: node models.test.mjs <bank-proxy binary> <wasm app dir>
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { check, fillAndSubmit, launchBrowser, openPage, repo, screenshot, signIn, waitForPhase,
  waitForState } from '../support/browser.mjs';
import { startProxy } from '../support/proxy.mjs';

const [proxyBin, appDir] = process.argv.slice(2);
const testModels = process.env.BANK_TEST_MODELS || path.join(repo, 'build/native/inference-models');
const models = mkdtempSync(path.join(os.tmpdir(), 'bank-models-'));
cpSync(path.join(testModels, 'tiny'), models, { recursive: true });
cpSync(path.join(repo, 'models/tokenizers'), path.join(models, 'tokenizers'), { recursive: true });

// The on-device models feed the hand-weighted hybrid (the learned model was trained on the lexical
// similarity, the only one available offline), so this test serves the hybrid alone.
const server = await startProxy({ proxyBin, appDir, extraArgs: ['--models', models, '--propensity-model', 'none'] });
const browser = await launchBrowser();
try {
  const { page, errors, failures } = await openPage(browser, server.base + '/');
  await signIn(page, 'customer101', 'demo-101');
  await waitForPhase(page, 'ready');
  let state = await waitForState(page, (s) => s.text_model.stage === 'active' || s.text_model.stage === 'fallback',
    null, 90000);
  check(state.text_model.stage === 'active', `the text model is in use (${state.text_model.note})`);
  check(state.text_model.note.includes('TEST MODEL'), 'the screen names the test model as such');
  const semantic = state.profile.signals.find((s) => s.startsWith('semantic'));
  check(semantic && semantic.includes('TEST MODEL') && !semantic.includes('lexical'),
    `ranking uses the model's vectors: "${semantic}"`);
  check(state.profile.recommendations.length >= 3, 'recommendations are shown');
  state = await waitForState(page, (s) => s.picture_model.stage === 'active' || s.picture_model.stage === 'fallback',
    null, 90000);
  check(state.picture_model.stage === 'active', `the picture model is in use (${state.picture_model.note})`);
  const image = state.profile.signals.find((s) => s.startsWith('image'));
  check(image && image.includes('TEST MODEL'), `ranking compares the profile with the product pictures: "${image}"`);
  check(state.profile.insight.explanations_status !== 'idle', 'explanations follow the new shortlist');

  // Edited interests are embedded by the same model before the ranking updates.
  await fillAndSubmit(page, '#mirror-interests', 'Travel, Photography');
  state = await waitForState(page, (s) => s.profile.interests.includes('Photography') &&
    s.profile.signals.some((x) => x.includes('TEST MODEL')));
  check(state.profile.signals.some((x) => x.includes('TEST MODEL')), 'after an interests edit the ranking still uses the model');
  console.log('screenshot:', await screenshot(page, 'customer-test-model'));

  check(errors.length === 0, `no page errors (${errors.join(' | ')})`);
  // models/catalog/<model>.json holds product vectors precomputed at build time when weights are
  // present (scripts/embed_catalog.mjs); without them the browser computes the vectors, as here.
  const unexpected = failures.filter((f) => f !== '401 /api/me' && !/^404 \/models\/catalog\/(minilm|clip-vision)\.json$/.test(f));
  check(unexpected.length === 0, `no failed requests (${unexpected.join(' | ')})`);
} finally {
  await browser.close();
  server.stop();
  rmSync(models, { recursive: true, force: true });
}
