/**
 * Evidence is weighed, not used as a veto: gRPC and api_core are neutral, Gemini-only messages and
 * fields are strong, other services' hosts and names count against; the hover says why.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { explainAt, linesOf, scanLines } from '../../../src/core/errors/recognize';
import { renderMarkdown } from '../../../src/core/errors/markdown';
import { referenceDir } from '../../host/paths';

function at(text: string, token: string) {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(token));
  return explainAt(linesOf(text), { line, character: lines[line]!.indexOf(token) + 2 });
}

const grpcOnly = [
  'grpc._channel._InactiveRpcError: <_InactiveRpcError of RPC that terminated with:',
  '\tstatus = StatusCode.RESOURCE_EXHAUSTED',
  '\tdetails = "Quota exhausted for this consumer."',
  '>',
].join('\n');

describe('weighing evidence', () => {
  it('gRPC alone is neutral: a bare StatusCode print is not claimed', () => {
    assert.deepEqual(scanLines(linesOf(grpcOnly)), []);
    assert.equal(at(grpcOnly, 'StatusCode.RESOURCE_EXHAUSTED'), undefined);
  });

  it('gRPC next to a Gemini-only message is a Gemini error, with high confidence', () => {
    const text = grpcOnly.replace('Quota exhausted for this consumer.', 'User location is not supported for the API use.').replace('RESOURCE_EXHAUSTED', 'FAILED_PRECONDITION');
    const finding = at(text, 'StatusCode.FAILED_PRECONDITION');
    assert.equal(finding?.entry.id, 'user-location-unsupported');
    assert.equal(finding?.confidence, 'high');
    assert.ok(finding.evidence.includes('a gRPC or google-api-core print (neutral)'));
  });

  it('gRPC next to a Gemini SDK path is a Gemini error', () => {
    const text = `  File "/site-packages/google/generativeai/generative_models.py", line 331, in generate_content\n${grpcOnly}`;
    assert.equal(at(text, 'StatusCode.RESOURCE_EXHAUSTED')?.confidence, 'high');
  });

  it('a Gemini-only message outweighs one mention of another service, hedged', () => {
    const text = 'proxy for api.openai.com and others: 400 User location is not supported for the API use.';
    const finding = at(text, 'User location');
    assert.equal(finding?.confidence, 'low');
    assert.ok(finding.evidence.includes('despite another AI provider'), finding.evidence.join('; '));
    assert.match(renderMarkdown(finding), /despite another AI provider/);
  });

  it('another service\'s host outweighs a common Google error shape', () => {
    const text = 'firestore.googleapis.com answered {"error": {"code": 503, "message": "busy", "status": "UNAVAILABLE"}}';
    assert.deepEqual(scanLines(linesOf(text)), []);
  });

  it('a Vertex AI regional host and the Code Assist host are not another Google API; any other googleapis.com host is', () => {
    const body = ' answered {"error": {"code": 503, "message": "busy", "status": "UNAVAILABLE"}}';
    for (const host of ['us-central1-aiplatform.googleapis.com', 'europe-west4-aiplatform.googleapis.com', 'cloudcode-pa.googleapis.com', 'aiplatform.googleapis.com']) {
      const finding = at(`POST https://${host}/v1/x:generateContent${body}`, '"UNAVAILABLE"');
      assert.ok(finding, host);
      assert.ok(!finding.evidence.includes('despite another Google API'), `${host}: ${finding.evidence.join('; ')}`);
    }
    for (const host of ['storage.googleapis.com', 'my-aiplatformx.googleapis.com', 'oauth2.googleapis.com']) {
      assert.deepEqual(scanLines(linesOf(`https://${host}/x${body}`)), [], host);
    }
  });

  it('/openai/ in a Gemini URL is Gemini\'s own endpoint, not another provider', () => {
    const text = "base_url=https://generativelanguage.googleapis.com/v1beta/openai/ -> {'error': {'code': 429, 'message': 'slow down', 'status': 'RESOURCE_EXHAUSTED'}}";
    const finding = at(text, "'RESOURCE_EXHAUSTED'");
    assert.equal(finding?.confidence, 'high');
    assert.ok(!finding.evidence.some((e) => e.startsWith('despite')), finding.evidence.join('; '));
  });

  it('a WebSocket close of another app is not claimed; with Gemini around it, it is the Live API', () => {
    const close = 'websockets.exceptions.ConnectionClosedError: received 1011 (internal error) keepalive ping timeout; then sent 1011 (internal error) keepalive ping timeout';
    assert.deepEqual(scanLines(linesOf(close)), []);
    assert.deepEqual(scanLines(linesOf('ws closed: 1008 (policy violation) Invalid origin')), []);
    const live = at(`Error in Gemini live session:\n${close}`, 'received 1011');
    assert.equal(live?.entry.id, 'live-close-1011');
    assert.equal(live?.confidence, 'high');
  });

  it('the OpenAI-compatible array of errors is Gemini-only', () => {
    const text = "openai.BadRequestError: Error code: 400 - [{'error': {'code': 400, 'message': 'bad', 'status': 'INVALID_ARGUMENT'}}]";
    const finding = at(text, 'Error code: 400');
    assert.equal(finding?.status, 'INVALID_ARGUMENT');
    assert.equal(finding?.confidence, 'high');
    // The same SDK's object-shaped errors come from other providers.
    assert.deepEqual(scanLines(linesOf("openai.BadRequestError: Error code: 400 - {'error': {'message': 'bad', 'type': 'invalid_request_error'}}")), []);
  });
});

describe('gemini-facts.md §12–13 messages', () => {
  const facts = readFileSync(path.join(referenceDir(), 'gemini-facts.md'), 'utf8');
  const from = facts.indexOf('## 12.');
  const sections = facts.slice(from);
  // The exact error texts quoted there (`…`), without the ones that are shapes rather than messages.
  const samples = [...sections.matchAll(/`{1,2}\s?([A-Z*][^`]{24,}?)\s?`{1,2}/g)]
    .map((m) => m[1]!.replace(/^\* /, '').replace(/\.\.\.$/, ''))
    // Not environment variables, not fragments the text wraps over lines, not abbreviations too short to be a message.
    .filter((s) => !/^GOOGLE_/.test(s) && !s.includes('\n') && s.length >= 32);
  it('are parsed', () => assert.ok(samples.length >= 15, String(samples.length)));
  for (const sample of samples) {
    it(`"${sample.slice(0, 70)}" is a known message`, () => {
      const text = `google.genai.errors.APIError: ${sample}`;
      const findings = scanLines(linesOf(text));
      assert.ok(findings.some((f) => f.entry.kind === 'message' || f.statusEntry?.kind === 'message'), `recognized as ${findings.map((f) => f.entry.id).join(', ') || 'nothing'}`);
    });
  }
});
