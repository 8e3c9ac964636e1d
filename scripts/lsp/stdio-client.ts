import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import {
  CodeActionRequest,
  CompletionRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type CodeAction,
  type CodeActionContext,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type Hover,
  type InitializeResult,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
} from 'vscode-languageserver-protocol/node';

/**
 * The language server driven as an editor drives it: a child process spoken to in JSON-RPC over
 * its stdin and stdout. The tests and the keystroke-latency measurement use it.
 */

export const SERVER = fileURLToPath(new URL('./server.mjs', import.meta.url));

export interface ClientOptions {
  /** The repository the editor has open. */
  root: string;
  /** The editor's language, as VS Code sends it (`zh-cn`, `en`). */
  locale?: string;
  initializationOptions?: Record<string, unknown>;
  capabilities?: ClientCapabilities;
  /** How to start the server (default: this Node running `server.mjs --stdio`), run in `root`. */
  command?: [string, ...string[]];
}

interface Published {
  params: PublishDiagnosticsParams;
  at: number;
}

export class LspClient {
  readonly child: ChildProcess;
  readonly connection: ProtocolConnection;
  initialized: InitializeResult | undefined;
  /** The last diagnostics published per document. */
  readonly diagnostics = new Map<string, Published>();
  private waiters: Array<{ test: (published: Published) => boolean; resolve: (published: Published) => void }> = [];
  private versions = new Map<string, number>();
  private stderr = '';

  readonly options: ClientOptions;

  constructor(options: ClientOptions) {
    this.options = options;
    const [command, ...args] = options.command ?? [process.execPath, SERVER, '--stdio'];
    this.child = spawn(command, args, { cwd: options.root, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const published = { params, at: performance.now() };
      this.diagnostics.set(params.uri, published);
      this.waiters = this.waiters.filter((waiter) => {
        if (!waiter.test(published)) return true;
        waiter.resolve(published);
        return false;
      });
    });
    this.connection.listen();
  }

  /** What the server wrote to stderr (nothing, unless something went wrong). */
  get errors(): string {
    return this.stderr;
  }

  async initialize(): Promise<InitializeResult> {
    this.initialized = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(this.options.root).href,
      workspaceFolders: [{ uri: pathToFileURL(this.options.root).href, name: path.basename(this.options.root) }],
      capabilities: this.options.capabilities ?? {
        textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] }, completion: { completionItem: { documentationFormat: ['markdown', 'plaintext'] } }, publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true } },
      },
      ...(this.options.locale ? { locale: this.options.locale } : {}),
      ...(this.options.initializationOptions ? { initializationOptions: this.options.initializationOptions } : {}),
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return this.initialized;
  }

  uri(file: string): string {
    return pathToFileURL(path.resolve(this.options.root, file)).href;
  }

  async open(file: string, text: string): Promise<string> {
    const uri = this.uri(file);
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    return uri;
  }

  /** Replaces a range of the document (an incremental change, as editors send keystrokes); returns the new version. */
  async edit(uri: string, range: Range, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    return version;
  }

  /** Replaces the whole text; returns the new version. */
  async replace(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** The next diagnostics published for `uri` (at `version` or later, when given). */
  diagnosticsFor(uri: string, version?: number, timeoutMs = 20_000): Promise<{ diagnostics: Diagnostic[]; at: number }> {
    const matches = (published: Published) => published.params.uri === uri && (version === undefined || (published.params.version ?? 0) >= version);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri}${version !== undefined ? ` at version ${version}` : ''} within ${timeoutMs} ms\n${this.stderr}`)), timeoutMs);
      this.waiters.push({
        test: matches,
        resolve: (published) => {
          clearTimeout(timer);
          resolve({ diagnostics: published.params.diagnostics, at: published.at });
        },
      });
    });
  }

  async completion(uri: string, position: Position): Promise<CompletionItem[]> {
    const result = (await this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position })) as CompletionList | CompletionItem[] | null;
    return Array.isArray(result) ? result : (result?.items ?? []);
  }

  async hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  async codeActions(uri: string, range: Range, context: CodeActionContext): Promise<CodeAction[]> {
    const result = await this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context });
    return (result ?? []).filter((action): action is CodeAction => 'kind' in action || 'edit' in action);
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // Already gone.
    }
    this.connection.dispose();
    if (this.child.exitCode === null) await new Promise((resolve) => this.child.once('exit', resolve));
  }
}
