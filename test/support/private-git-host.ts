import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createTestCertificate,
  gitHttpBackend,
  startHttpsTestHost,
  trustCertificate,
  type HttpsTestHost,
} from '../../libs/pipeline/src/git/testing/https-test-host.js';
import { basicCredentials } from '../../libs/pipeline/src/git/git-command.js';
import { createFixtureRepository } from './fixture-repository.js';
import { commitFiles } from './resync.js';

/** A private repository on an https Git host (git http-backend) that answers 401 unless given `token`. */
export interface PrivateGitHost {
  /** The repository's https URL (on 127.0.0.1: the stack needs ALLOW_PRIVATE_NETWORK). */
  readonly url: string;
  /** What the host was asked, with each request's Authorization header. */
  readonly requests: HttpsTestHost['requests'];
  /** Commits `files` to the repository's main branch and returns the new head commit. */
  push(files: Record<string, string>): string;
  close(): Promise<void>;
}

export async function startPrivateGitHost(files: Record<string, string>, token: string): Promise<PrivateGitHost> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'repolens-private-host-'));
  const work = createFixtureRepository(files);
  const bare = path.join(root, 'acme', 'private.git');
  execFileSync('git', ['clone', '--quiet', '--bare', work.dir, bare]);
  const certificate = await createTestCertificate(root, ['git.test']);
  const untrust = trustCertificate(certificate);
  const serve = gitHttpBackend(root);
  const expected = `Basic ${basicCredentials(token)}`;
  const host = await startHttpsTestHost(certificate, (req, res) => {
    if (req.headers.authorization !== expected) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="private"' }).end();
      return;
    }
    serve(req, res);
  });
  return {
    url: `https://127.0.0.1:${host.port}/acme/private.git`,
    requests: host.requests,
    push(changes) {
      const head = commitFiles(work.dir, changes);
      execFileSync('git', ['push', '--quiet', bare, 'HEAD:main'], { cwd: work.dir });
      return head;
    },
    async close() {
      untrust();
      await host.close();
    },
  };
}
