// Loopback stand-ins for the AI upstreams, speaking their real wire formats (the shapes shared/ai
// parses: Gemini generateContent, the Hugging Face inference router, Vertex AI Search searchLite
// and the Google Custom Search JSON API). Every request is recorded so tests can audit what the
// proxy sent out.
//
// Gemini behaves like a thinking model (Gemini 3): it thinks before answering as much as the
// request's thinkingConfig allows (thinkingLevel low 900 tokens, medium 3000, high or no
// thinkingConfig 9000; thinkingBudget N up to N), counts the thinking against maxOutputTokens,
// reports it as usageMetadata.thoughtsTokenCount, sends its thought part only when asked
// (includeThoughts), and stops with MAX_TOKENS, thought part only, when thinking used the budget.
import http from 'node:http';

const THOUGHTS_BY_LEVEL = { minimal: 128, low: 900, medium: 3000, high: 9000 };
const ANSWER_TOKENS_PER_PRODUCT = 40;

function thinkingTokens(config) {
  const thinking = config.thinkingConfig || {};
  if (Number.isInteger(thinking.thinkingBudget)) return Math.min(thinking.thinkingBudget, 3000);
  return THOUGHTS_BY_LEVEL[thinking.thinkingLevel || 'high'] ?? THOUGHTS_BY_LEVEL.high;
}

// The generateContent answer of a thinking model to `request`.
export function thinkingModelAnswer(request) {
  const config = request.generationConfig;
  const ids = config.responseSchema.properties.explanations.items.properties.product_id.enum;
  const explanations = ids.map((id) => ({ product_id: id,
    text: 'A sensible next step at this stage of life, explained by the stand-in model.' }));
  const answer = JSON.stringify({ explanations });
  const budget = config.maxOutputTokens ?? 8192;
  const thoughts = thinkingTokens(config);
  const answerTokens = ANSWER_TOKENS_PER_PRODUCT * ids.length;
  const parts = [];
  if (config.thinkingConfig && config.thinkingConfig.includeThoughts) {
    parts.push({ text: 'Thinking about which product suits the profile.', thought: true });
  }
  let finishReason = 'STOP';
  let usedThoughts = thoughts;
  let usedAnswer = answerTokens;
  let text = answer;
  if (thoughts + answerTokens > budget) {
    finishReason = 'MAX_TOKENS';
    usedThoughts = Math.min(thoughts, budget);
    usedAnswer = budget - usedThoughts;
    text = answer.slice(0, Math.floor(answer.length * usedAnswer / answerTokens));
  }
  if (text) parts.push({ text, thoughtSignature: 'c2lnbmF0dXJl' });
  return {
    candidates: [{ content: { role: 'model', parts }, finishReason, index: 0 }],
    usageMetadata: { promptTokenCount: 200, candidatesTokenCount: usedAnswer, thoughtsTokenCount: usedThoughts,
      totalTokenCount: 200 + usedAnswer + usedThoughts },
    modelVersion: 'stand-in' };
}

function vertexResults(results) {
  return {
    results: results.map(([title, link], i) => ({ id: String(i + 1), document: {
      name: `projects/bank-web/locations/global/collections/default_collection/dataStores/site/branches/0/documents/${i + 1}`,
      id: String(i + 1),
      derivedStructData: { title, link, displayLink: new URL(link).hostname,
        snippets: [{ snippet: 'Apply in minutes.', snippet_status: 'SUCCESS' }] } } })),
    totalSize: results.length, attributionToken: 'stand-in-token' };
}

export async function startFakeAi() {
  const received = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body });
      const send = (status, json) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      if (req.method === 'POST' && /^\/v1beta\/models\/[a-z0-9.-]+:generateContent$/.test(req.url)) {
        return send(200, thinkingModelAnswer(JSON.parse(body)));
      }
      if (req.method === 'POST' && req.url.startsWith('/hf-inference/models/')) {
        return send(200, [{ summary_text: 'A short summary of the shortlist written by the stand-in summarizer.' }]);
      }
      if (req.method === 'POST' && /^\/v1\/projects\/[^?]+\/servingConfigs\/[A-Za-z0-9_-]+:searchLite$/.test(req.url)) {
        return send(200, vertexResults([['Apply online', 'https://www.northwind-bank.example/apply'],
          ['Elsewhere', 'https://evil.example/phish']]));
      }
      if (req.method === 'GET' && req.url.startsWith('/customsearch/v1?')) {
        return send(200, { kind: 'customsearch#search', items: [
          { title: 'Apply online', link: 'https://www.northwind-bank.example/apply', snippet: 'Apply in minutes.',
            displayLink: 'www.northwind-bank.example' },
          { title: 'Elsewhere', link: 'https://evil.example/phish', snippet: 'Not the bank.', displayLink: 'evil.example' }] });
      }
      send(404, { error: { code: 404, message: 'not found', status: 'NOT_FOUND' } });
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  return { base, received, stop: () => server.close() };
}
