import type { GitInfo } from '@repolens/contracts';
import { createGit } from '../../git/git-command.js';

const MAX_CONTRIBUTORS = 100;

/** History figures of the checkout; a shallow clone's cover only the history it fetched. */
export async function readGitInfo(checkoutDir: string, signal: AbortSignal): Promise<GitInfo> {
  // No remote is contacted; `https` keeps even the file transport switched off.
  const git = createGit({ baseDir: checkoutDir, kind: 'https', signal });
  const commit = (await git.raw(['rev-parse', '--verify', 'HEAD^{commit}'])).trim();
  const branch = (await git.raw(['symbolic-ref', '-q', '--short', 'HEAD']).catch(() => '')).trim();
  const commitCount = Number((await git.raw(['rev-list', '--count', 'HEAD'])).trim());
  const lastCommitDate = (await git.raw(['log', '-1', '--format=%cI', 'HEAD'])).trim();
  const shallow = (await git.raw(['rev-parse', '--is-shallow-repository'])).trim() === 'true';
  // Summary by author name (mailmap applied); e-mail addresses stay out of results.
  const shortlog = await git.raw(['shortlog', '--summary', '--numbered', 'HEAD']);
  return {
    branch: branch === '' ? null : branch,
    commit,
    commitCount: Number.isFinite(commitCount) ? commitCount : 0,
    contributors: parseShortlog(shortlog).slice(0, MAX_CONTRIBUTORS),
    lastCommitDate: lastCommitDate === '' ? null : new Date(lastCommitDate).toISOString(),
    historyTruncated: shallow,
  };
}

function parseShortlog(output: string): GitInfo['contributors'] {
  const contributors: GitInfo['contributors'] = [];
  for (const line of output.split('\n')) {
    const match = /^\s*(\d+)\t(.+)$/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) contributors.push({ name: match[2].trim(), commits: Number(match[1]) });
  }
  return contributors;
}
