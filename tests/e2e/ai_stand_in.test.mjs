// The AI stand-in of the end-to-end tests (fake_ai.mjs) behaves like a thinking Gemini model, and
// the real proxy copes with each behaviour: no browser, the proxy binary against the stand-in.
//  - within the thinking bound the proxy sends (the pinned Gemini 3 model: thinkingLevel low), the
//    model answers and the explanations are Gemini's;
//  - with a Gemini 2.5 model the proxy sends a thinkingBudget instead, and the model answers;
//  - with a model id whose family the proxy does not know (a moving -latest alias) no bound is
//    sent, thinking uses the whole output budget, the model stops with MAX_TOKENS, and the proxy
//    answers offline with the code truncated_by_thinking and tells the operator why;
//  - the stand-in's own answers: thoughtsTokenCount always, a thought part only on request.
// Usage: node ai_stand_in.test.mjs <bank-proxy binary> <wasm app dir>
import { startFakeAi, thinkingModelAnswer } from './fake_ai.mjs';
import { check } from '../support/browser.mjs';
import { startProxy } from '../support/proxy.mjs';

const [proxyBin, appDir] = process.argv.slice(2);
// Products customer 101 may be offered (not held, within the eligibility rules).
const shortlist = { product_ids: ['DEP-1Y', 'SAV-EASY'],
  reason_codes: { 'DEP-1Y': ['fits-finances'], 'SAV-EASY': ['popular-choice'] } };

async function signIn(base) {
  const r = await fetch(base + '/api/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'customer101', password: 'demo-101' }) });
  check(r.status === 200, `signed in (${r.status})`);
  return r.headers.get('set-cookie').split(';')[0];
}

async function explain(model) {
  const ai = await startFakeAi();
  const server = await startProxy({ proxyBin, appDir, env: { GEMINI_API_KEY: 'stand-in-key-0123456789' },
    extraArgs: ['--gemini-url', ai.base, ...(model ? ['--gemini-model', model] : [])] });
  try {
    const cookie = await signIn(server.base);
    const r = await fetch(server.base + '/api/generate', { method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: cookie }, body: JSON.stringify(shortlist) });
    const text = await r.text();
    check(r.status === 200, `/api/generate answered (${r.status} ${text.slice(0, 200)})`);
    const sent = JSON.parse(ai.received.find((x) => x.url.includes(':generateContent')).body);
    return { answer: JSON.parse(text), config: sent.generationConfig, log: server.log() };
  } finally {
    server.stop();
    ai.stop();
  }
}

// The pinned default: Gemini 3, thinking bounded, the answer fits.
let run = await explain(null);
check(run.config.thinkingConfig.thinkingLevel === 'low', 'the default model is asked to think little');
check(run.config.temperature === 1, 'Gemini 3 keeps temperature 1.0');
check(run.answer.provider === 'gemini' && !run.answer.fallback, `Gemini's explanations were shown (${JSON.stringify(run.answer).slice(0, 200)})`);

// Gemini 2.5: a thinking budget, not a level.
run = await explain('gemini-2.5-flash');
check(run.config.thinkingConfig.thinkingBudget === 512 && !('thinkingLevel' in run.config.thinkingConfig),
  'Gemini 2.5 gets a thinkingBudget');
check(run.answer.provider === 'gemini', 'Gemini 2.5 answered within its budget');

// An alias whose family is unknown: thinking starves the answer.
run = await explain('gemini-flash-latest');
check(!('thinkingConfig' in run.config), 'no thinking bound for an unknown family');
check(run.answer.provider === 'offline' && run.answer.fallback.code === 'truncated_by_thinking',
  `thinking that ate the budget is reported as such (${JSON.stringify(run.answer.fallback)})`);
check(/stopped at maxOutputTokens \d+ after \d+ thinking tokens/.test(run.log), 'the operator is told thinking used the budget');

// The stand-in itself.
const request = (thinkingConfig, maxOutputTokens) => ({ generationConfig: { maxOutputTokens, thinkingConfig,
  responseSchema: { properties: { explanations: { items: { properties: { product_id: { enum: ['A', 'B'] } } } } } } } });
let reply = thinkingModelAnswer(request({ thinkingLevel: 'low', includeThoughts: true }, 5000));
check(reply.candidates[0].content.parts[0].thought === true && reply.candidates[0].finishReason === 'STOP',
  'with includeThoughts the thought part comes first');
check(reply.usageMetadata.thoughtsTokenCount === 900, 'thinking is counted in thoughtsTokenCount');
reply = thinkingModelAnswer(request({ thinkingLevel: 'low' }, 5000));
check(reply.candidates[0].content.parts.every((p) => !p.thought), 'no thought part unless asked for');
reply = thinkingModelAnswer(request({ thinkingBudget: 100 }, 5000));
check(reply.usageMetadata.thoughtsTokenCount === 100, 'a thinkingBudget caps the thinking');
reply = thinkingModelAnswer(request(undefined, 1000));
check(reply.candidates[0].finishReason === 'MAX_TOKENS' && reply.candidates[0].content.parts.length === 0 &&
  reply.usageMetadata.thoughtsTokenCount === 1000, 'unbounded thinking uses the whole budget and stops with MAX_TOKENS');
