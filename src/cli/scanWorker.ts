/**
 * A worker thread of `gemini-doctor explain` on a large log (see parallelScan.ts): it scans the batches
 * of lines it is sent and answers with their findings as the text to print.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { scanBatch, type BatchRequest, type ScanWorkerData } from './parallelScan';

const { scanned, index } = workerData as ScanWorkerData;

parentPort?.on('message', (request: BatchRequest) => {
  try {
    const result = scanBatch(request);
    Atomics.add(scanned, index, 1);
    // The output's memory is handed over, not copied (each batch writes into a buffer of its own).
    parentPort!.postMessage(result, result.bytes ? [result.bytes.buffer as ArrayBuffer] : []);
  } catch (error) {
    parentPort!.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
});
