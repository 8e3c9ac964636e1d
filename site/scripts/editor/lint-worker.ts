/// <reference lib="webworker" />
import { EditorSession } from './session.ts';
import type { WorkerRequest, WorkerResponse } from './protocol.ts';

/**
 * The editor's web worker: the linter, the preview and the change summary run here, off the page's
 * thread, so typing never waits for them. Messages in, data out (protocol.ts).
 */
declare const self: DedicatedWorkerGlobalScope;

let session: EditorSession | undefined;
const reply = (message: WorkerResponse) => self.postMessage(message);

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  const seq = 'seq' in request ? request.seq : undefined;
  try {
    if (request.type === 'init') {
      session = new EditorSession(request.handbook, request.locale, request.today);
      reply({ type: 'ready' });
      return;
    }
    if (!session) throw new Error('the editor was not initialised');
    switch (request.type) {
      case 'published':
        session.setPublished(request.file, request.text);
        return;
      case 'check': {
        const started = performance.now();
        reply({ type: 'checked', seq: request.seq, findings: session.findings(request.file, request.text), ms: performance.now() - started });
        reply({ type: 'previewed', seq: request.seq, ...session.preview(request.file, request.text) });
        return;
      }
      case 'fix':
        reply({ type: 'fixed', seq: request.seq, text: session.fix(request.file, request.text, request.index) });
        return;
      case 'submit':
        reply({ type: 'submitted', seq: request.seq, ...session.submit(request.file, request.text, request.bump, request.author, request.change) });
        return;
    }
  } catch (error) {
    reply({ type: 'failed', ...(seq !== undefined ? { seq } : {}), message: error instanceof Error ? error.message : String(error) });
  }
};
