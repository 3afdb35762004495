// The load generator of `npm run bench`, run in a worker thread so the client has an
// event loop of its own and does not queue behind the server it measures. Sends the
// given paths with `concurrency` requests in flight (loopback only) and reports each
// request's latency, body read included.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';

export interface LoadJob {
  baseUrl: string;
  paths: string[];
  concurrency: number;
}

export interface LoadResult {
  latenciesMs: number[];
  durationMs: number;
  failures: number;
}

export async function runLoad(job: LoadJob): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  let failures = 0;
  let next = 0;
  const started = performance.now();
  async function client(): Promise<void> {
    while (next < job.paths.length) {
      const path = job.paths[next++] as string;
      const t0 = performance.now();
      try {
        const response = await fetch(job.baseUrl + path);
        await response.arrayBuffer();
        if (response.status !== 200) failures++;
      } catch {
        failures++;
      }
      latenciesMs.push(performance.now() - t0);
    }
  }
  await Promise.all(Array.from({ length: job.concurrency }, client));
  return { latenciesMs, durationMs: performance.now() - started, failures };
}

if (!isMainThread) {
  void runLoad(workerData as LoadJob).then((result) => parentPort?.postMessage(result));
}
