/** An error is explained by its own text, not by the error printed on the line before it. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explainAt, linesOf, scanLines } from '../../../src/core/errors/recognize';

const OVERLOADED = 'google.genai.errors.ServerError: 503 UNAVAILABLE. {"error": {"code": 503, "message": "This model is currently experiencing high demand. Spikes in demand are usually temporary. Please try again later.", "status": "UNAVAILABLE"}}';

describe('neighbouring errors', () => {
  it('a wrapper that names no status on its own line does not borrow the previous error', () => {
    const source = linesOf(`${OVERLOADED}\nError: [GoogleGenerativeAI Error]: First content should be with role 'user', got model\n`);
    assert.deepEqual(scanLines(source).filter((f) => f.line === 1).map((f) => f.entry.id), []);
    assert.equal(explainAt(source, { line: 1, character: 12 }), undefined);
  });

  it('a wrapper still takes the status of the body that follows it', () => {
    const source = linesOf('[GoogleGenerativeAI Error]: Error fetching from generativelanguage.googleapis.com\n{"error": {"code": 429, "message": "Resource has been exhausted (e.g. check quota).", "status": "RESOURCE_EXHAUSTED"}}\n');
    const first = scanLines(source).find((f) => f.line === 0);
    assert.equal(first?.status, 'RESOURCE_EXHAUSTED');
  });

  it('a line inside an open body (gRPC details under its status) still reads the lines above', () => {
    const source = linesOf([
      'grpc._channel._InactiveRpcError: <_InactiveRpcError of RPC that terminated with:',
      '\tstatus = StatusCode.RESOURCE_EXHAUSTED',
      '\tdetails = "Quota exceeded for quota metric \'Generate Content API requests per minute\' and limit \'GenerateContent request limit per minute for a region\' of service \'generativelanguage.googleapis.com\'"',
      '>',
    ].join('\n'));
    assert.ok(scanLines(source).some((f) => f.line === 2 && f.status === 'RESOURCE_EXHAUSTED'));
  });
});
