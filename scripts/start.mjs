#!/usr/bin/env node
// Starts RepoLens on local defaults: checks Redis and PostgreSQL (starting local ones where it can),
// then runs the API (which serves the web page) and a worker, and prints the URL to open.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const redisUrl = new URL(process.env.REDIS_URL || 'redis://127.0.0.1:6379');
const databaseUrl = new URL(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/repolens');

function reachable(url, defaultPort) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: url.hostname, port: Number(url.port || defaultPort) });
    socket.setTimeout(2000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

const isLocal = (url) => ['127.0.0.1', 'localhost', '::1'].includes(url.hostname);
const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(url, port, seconds) {
  for (let i = 0; i < seconds * 4; i += 1) {
    if (await reachable(url, port)) return true;
    await sleep(250);
  }
  return false;
}

async function ensureRedis() {
  if (await reachable(redisUrl, 6379)) return;
  if (isLocal(redisUrl) && has('redis-server')) {
    console.log('Starting a local Redis…');
    spawnSync('redis-server', ['--daemonize', 'yes', '--bind', '127.0.0.1', '--port', redisUrl.port || '6379', '--save', '', '--appendonly', 'no'], { stdio: 'inherit' });
    if (await waitFor(redisUrl, 6379, 10)) return;
  }
  fail(`Redis is not reachable at ${redisUrl.host}. Install and start it (Debian/Ubuntu: apt-get install redis-server && redis-server --daemonize yes), or set REDIS_URL.`);
}

async function ensurePostgres() {
  if (await reachable(databaseUrl, 5432)) return;
  if (isLocal(databaseUrl) && has('pg_ctlcluster') && existsSync('/etc/postgresql')) {
    for (const version of readdirSync('/etc/postgresql')) {
      console.log(`Starting the local PostgreSQL ${version} cluster…`);
      spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'inherit' });
    }
    if (await waitFor(databaseUrl, 5432, 15)) return;
  }
  fail(`PostgreSQL is not reachable at ${databaseUrl.host}. Install and start it (Debian/Ubuntu: apt-get install postgresql && pg_ctlcluster 15 main start), or set DATABASE_URL.`);
}

function fail(message) {
  console.error(`\nRepoLens cannot start: ${message}\n`);
  process.exit(1);
}

await ensureRedis();
await ensurePostgres();

const env = { ...process.env, REDIS_URL: redisUrl.toString(), DATABASE_URL: databaseUrl.toString() };
const children = [
  spawn(process.execPath, [path.join(root, 'apps/worker/dist/main.js')], { env, stdio: ['ignore', 'inherit', 'inherit'] }),
  spawn(process.execPath, [path.join(root, 'apps/api/dist/server.js')], { env, stdio: ['ignore', 'inherit', 'inherit'] }),
];

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 12_000).unref();
  Promise.all(children.map((child) => (child.exitCode === null ? new Promise((r) => child.once('exit', r)) : null))).then(() => process.exit(code));
}
for (const child of children) child.once('exit', (code) => stop(code ?? 1));
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
