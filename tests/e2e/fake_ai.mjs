// Loopback stand-ins for the three AI upstreams, speaking their real wire formats (the shapes
// shared/ai parses: Gemini generateContent, the Hugging Face inference router, Google Custom
// Search JSON API). Every request is recorded so tests can audit what the proxy sent out.
import http from 'node:http';

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
        // Answer exactly the shortlist the response schema allows, as Gemini would.
        const request = JSON.parse(body);
        const ids = request.generationConfig.responseSchema.properties.explanations.items.properties.product_id.enum;
        const explanations = ids.map((id) => ({ product_id: id,
          text: 'A sensible next step at this stage of life, explained by the stand-in model.' }));
        return send(200, {
          candidates: [{ content: { role: 'model', parts: [{ text: JSON.stringify({ explanations }) }] },
            finishReason: 'STOP', index: 0 }],
          usageMetadata: { promptTokenCount: 200, candidatesTokenCount: 80, totalTokenCount: 280 },
          modelVersion: 'stand-in' });
      }
      if (req.method === 'POST' && req.url.startsWith('/hf-inference/models/')) {
        return send(200, [{ summary_text: 'A short summary of the shortlist written by the stand-in summarizer.' }]);
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
