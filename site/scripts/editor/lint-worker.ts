/// <reference lib="webworker" />
import { EditorSession } from './session.ts';
import type { WorkerRequest, WorkerResponse } from './protocol.ts';

/**
 * The editor's web worker: the linter, the preview and the change summary run here, off the page's
 * thread, so typing never waits for them. Messages in, data out (protocol.ts).
 */
declare const self: DedicatedWorkerGlobalScope;

let session: EditorSession | undefined;
/** The latest text's check: older texts get no preview. */
let latest = 0;
const reply = (message: WorkerResponse) => self.postMessage(message);

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  const seq = 'seq' in request ? request.seq : undefined;
  try {
    if (request.type === 'init') {
      session = new EditorSession(request.handbook, request.locale, request.today, request.strings);
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
        latest = request.seq;
        reply({ type: 'checked', seq: request.seq, findings: session.findings(request.file, request.text), ms: performance.now() - started });
        // The preview yields to texts already typed: their findings come first, and a preview of a text that is no longer the latest is not drawn.
        const current = session;
        setTimeout(() => {
          if (request.seq !== latest) return;
          try {
            reply({ type: 'previewed', seq: request.seq, ...current.preview(request.file, request.text) });
          } catch (error) {
            reply({ type: 'failed', seq: request.seq, message: error instanceof Error ? error.message : String(error) });
          }
        });
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
