/**
 * The reference the mocks are compared with: a bare `node:http` server in a process of its own
 * (as Prism has), answering every request with the bytes the mock answered.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../../scripts/lib/fs-atomic.ts';
import { projectRoot } from '../../scripts/lib/registry.ts';

export interface CannedResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
}

export interface PlainServer {
  readonly url: string;
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

const serverMain = fileURLToPath(new URL('../plain-server-main.ts', import.meta.url));

/** Starts the server on a free loopback port; `responseFile` is where the canned answer is handed over. */
export function startPlainServer(response: CannedResponse, responseFile: string): Promise<PlainServer> {
  writeFileAtomic(
    responseFile,
    JSON.stringify({ status: response.status, contentType: response.contentType, body: response.body.toString('base64') }),
  );
  // tsx's loader only reads the file in; requests are served by plain node:http code, in one process.
  const child = spawn(process.execPath, ['--import', 'tsx', serverMain, responseFile], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolveServer, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`plain server did not start within 30 s: ${output}`));
    }, 30_000);
    child.on('exit', (code) => reject(new Error(`plain server exited with code ${code}: ${output}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const port = /listening (\d+)/.exec(output)?.[1];
      if (!port) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolveServer({
        url: `http://127.0.0.1:${port}`,
        pid: child.pid,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
