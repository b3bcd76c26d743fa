import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, Settings } from '../../src/constants';
import { hoverText, positionOf, setSetting, workspaceFile } from './helpers';

describe('error hover', () => {
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  });

  it('explains a 429 in a log file, with what the error says specifically', async () => {
    const uri = workspaceFile('app.log');
    const document = await vscode.workspace.openTextDocument(uri);
    const text = await hoverText(uri, positionOf(document, 'RESOURCE_EXHAUSTED', 4));
    assert.match(text, /\*\*429 RESOURCE\\_EXHAUSTED — No free tier for this model\*\*/);
    assert.match(text, /What to do/);
    assert.match(text, /GenerateRequestsPerDayPerProjectPerModel-FreeTier|generate_content_free_tier_requests/);
    assert.match(text, /limit: 0/);
  });

  it('explains the numeric code and the exception class of the same error', async () => {
    const uri = workspaceFile('app.log');
    const document = await vscode.workspace.openTextDocument(uri);
    assert.match(await hoverText(uri, positionOf(document, 'ServerError', 2)), /503 UNAVAILABLE — Model overloaded/);
    assert.match(await hoverText(uri, positionOf(document, '503 UNAVAILABLE', 1)), /503 UNAVAILABLE/);
  });

  it('explains a finish reason in a log line', async () => {
    const uri = workspaceFile('app.log');
    const document = await vscode.workspace.openTextDocument(uri);
    assert.match(await hoverText(uri, positionOf(document, 'MAX_TOKENS', 2)), /finishReason MAX\\_TOKENS — Output token limit reached[\s\S]*thinking/);
  });

  it('explains a wrapped SDK error pasted into a plain-text file', async () => {
    const uri = workspaceFile('pasted-dump.txt');
    const document = await vscode.workspace.openTextDocument(uri);
    assert.match(await hoverText(uri, positionOf(document, 'ApiError', 2)), /400 INVALID\\_ARGUMENT — API key not valid/);
  });

  it('explains BlockedReason.OTHER in Python code, and not an ordinary OTHER', async () => {
    const uri = workspaceFile('handler.py');
    const document = await vscode.workspace.openTextDocument(uri);
    assert.match(await hoverText(uri, positionOf(document, 'BlockedReason.OTHER', 16)), /blockReason OTHER — Prompt blocked for another reason[\s\S]*terms of service/);
    assert.doesNotMatch(await hoverText(uri, positionOf(document, 'OTHER = ', 1)), /blockReason|finishReason|Gemini/);
  });

  it('explains a Live API close line by its reason, with the session limits', async () => {
    const uri = workspaceFile('error-surfaces.txt');
    const document = await vscode.workspace.openTextDocument(uri);
    const text = await hoverText(uri, positionOf(document, 'received 1011', 3));
    assert.match(text, /503 UNAVAILABLE — Service unavailable/);
    assert.match(text, /closed the WebSocket \(code 1011\)/);
    assert.match(text, /10 minutes per connection/);
  });

  it('explains an OpenAI-compatible endpoint error (an array of errors)', async () => {
    const uri = workspaceFile('error-surfaces.txt');
    const document = await vscode.workspace.openTextDocument(uri);
    const text = await hoverText(uri, positionOf(document, 'Error code: 400', 3));
    assert.match(text, /400 INVALID\\_ARGUMENT — Unknown field in the request/);
    assert.match(text, /OpenAI-compatible error format/);
  });

  it('explains a legacy gRPC traceback, anywhere on its Gemini-only message', async () => {
    const uri = workspaceFile('error-surfaces.txt');
    const document = await vscode.workspace.openTextDocument(uri);
    for (const [token, offset] of [['StatusCode.FAILED_PRECONDITION', 3], ['User location is not supported', 20]] as const) {
      const text = await hoverText(uri, positionOf(document, token, offset));
      assert.match(text, /400 FAILED\\_PRECONDITION — Region not supported without billing/, token);
      assert.match(text, /neutral/, token); // the hover says what it weighed
    }
    assert.match(await hoverText(uri, positionOf(document, 'ResourceExhausted: 429', 3)), /429 RESOURCE\\_EXHAUSTED/);
  });

  it('gives no explanation on ordinary log lines', async () => {
    const uri = workspaceFile('app.log');
    const document = await vscode.workspace.openTextDocument(uri);
    assert.doesNotMatch(await hoverText(uri, positionOf(document, 'GET /healthz 200', 13)), /Gemini|RESOURCE|What to do/);
  });

  it('can be switched off', async () => {
    const uri = workspaceFile('app.log');
    const document = await vscode.workspace.openTextDocument(uri);
    await setSetting(Settings.hoverEnabled, false);
    try {
      assert.doesNotMatch(await hoverText(uri, positionOf(document, 'RESOURCE_EXHAUSTED', 4)), /What to do/);
    } finally {
      await setSetting(Settings.hoverEnabled, undefined);
    }
  });
});
