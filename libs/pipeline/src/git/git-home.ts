import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let home: string | null = null;

/**
 * An empty directory, private to this process (mkdtemp makes it 0700), that git and curl get as HOME and
 * XDG_CONFIG_HOME: the service user's own files (`~/.gitconfig`, `~/.config/git`, `~/.netrc`,
 * `~/.git-credentials`) must never reach a clone of someone else's repository. Made on first use, again
 * if something removed it, and removed when the process exits.
 */
export function privateGitHome(): string {
  if (home !== null && existsSync(home)) return home;
  const made = mkdtempSync(path.join(os.tmpdir(), 'repolens-git-home-'));
  if (home === null) process.once('exit', () => removeHome());
  home = made;
  return made;
}

function removeHome(): void {
  if (home !== null) rmSync(home, { recursive: true, force: true });
}
