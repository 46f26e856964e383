/**
 * Step 1 of the training pipeline: reads the installed, permissively licensed sources (the apt packages
 * listed in sources/*-packages.txt, the npm packages under node_modules), extracts (doc summary → function code)
 * pairs with the product's parser, splits them by package family into train, validation and held-out,
 * and writes:
 *   <work>/pairs/{train,validation,heldout}.jsonl   every pair, for tokenising
 *   tools/embedding-model/heldout/<language>.jsonl.gz  the held-out set `npm run eval` searches (committed)
 *   tools/embedding-model/data-manifest.json           packages, versions, licenses, pair counts (committed)
 *
 * Usage: node --conditions=source --import tsx tools/embedding-model/extract-pairs.ts [--work <dir>]
 */
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { CodeParser, codeLanguageForPath } from '@repolens/pipeline';
import { extractPairs, type CodePair } from './src/pairs.js';
import {
  readDebianPackage,
  readNpmPackages,
  type DebianSourceLanguage,
  type RejectedPackage,
  type SourcePackage,
} from './src/source-packages.js';
import { capPairs, chooseFamilies, codeKey, evalLanguageOf, queryKey, type EvalLanguage, type Split } from './src/split.js';

const toolDir = path.dirname(fileURLToPath(import.meta.url));
const repositoryRoot = path.resolve(toolDir, '../..');

/** Big libraries would otherwise set the style of the whole training set. */
const MAX_PAIRS_PER_PACKAGE = 4_000;
const SPLIT_SALT = 'repolens-code-embed-v1';
/** Held-out and validation sizes per language, in pairs (whole families, so a little more). */
const HELDOUT_TARGET: Record<EvalLanguage, number> = { python: 3_000, go: 3_000, javascript: 2_000 };
const VALIDATION_TARGET: Record<EvalLanguage, number> = { python: 1_500, go: 1_500, javascript: 1_000 };
const HELDOUT_FAMILY_PAIRS = { min: 15, max: 900 };
/** The committed held-out files keep at most this many pairs per language. */
const MAX_COMMITTED_HELDOUT = 3_000;

interface PackageRecord {
  readonly source: SourcePackage;
  readonly pairs: CodePair[];
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { work: { type: 'string', default: path.join(toolDir, 'work') } } });
  const workDir = path.resolve(values.work);
  const parser = new CodeParser();

  const accepted: SourcePackage[] = [];
  const rejected: RejectedPackage[] = [];
  for (const language of ['python', 'go', 'javascript'] as const satisfies readonly DebianSourceLanguage[]) {
    for (const name of await readPackageList(language)) {
      const result = readDebianPackage(name, language);
      if ('reason' in result) rejected.push(result);
      else accepted.push(result);
    }
  }
  for (const result of readNpmPackages(repositoryRoot)) {
    if ('reason' in result) rejected.push(result);
    else accepted.push(result);
  }
  log(`${accepted.length} packages accepted, ${rejected.length} left out`);

  const seenCode = new Set<string>();
  const records: PackageRecord[] = [];
  for (const [index, source] of accepted.entries()) {
    const pairs: CodePair[] = [];
    for (const file of source.files) {
      const language = codeLanguageForPath(file.relative);
      if (language === null) continue;
      const text = await readFile(file.absolute, 'utf8').catch(() => null);
      if (text === null || text.includes('\u0000')) continue;
      for (const pair of extractPairs(parser, language, source.name, file.relative, text)) {
        const key = codeKey(pair);
        if (seenCode.has(key)) continue; // a copy of a function some package already gave
        seenCode.add(key);
        pairs.push(pair);
      }
    }
    records.push({ source, pairs: capPairs(pairs, MAX_PAIRS_PER_PACKAGE, SPLIT_SALT) });
    if ((index + 1) % 25 === 0) log(`read ${index + 1} / ${accepted.length} packages`);
  }

  const splitOf = chooseSplits(records);
  const byLanguageQueries = new Map<EvalLanguage, Map<string, number>>();
  const heldOut = new Map<EvalLanguage, CodePair[]>();
  for (const record of records) {
    for (const pair of record.pairs) {
      const language = evalLanguageOf(pair.language);
      if (language === null || splitOf(record.source, language) !== 'heldout') continue;
      const counts = byLanguageQueries.get(language) ?? new Map<string, number>();
      counts.set(queryKey(pair), (counts.get(queryKey(pair)) ?? 0) + 1);
      byLanguageQueries.set(language, counts);
      const pairs = heldOut.get(language) ?? [];
      pairs.push(pair);
      heldOut.set(language, pairs);
    }
  }
  // A query two held-out functions share has no single right answer.
  const heldOutQueries = new Set<string>();
  for (const [language, pairs] of heldOut) {
    const counts = byLanguageQueries.get(language);
    const unique = pairs.filter((pair) => counts?.get(queryKey(pair)) === 1);
    heldOut.set(language, capPairs(unique, MAX_COMMITTED_HELDOUT, `${SPLIT_SALT}:heldout`));
    for (const pair of pairs) heldOutQueries.add(queryKey(pair));
  }

  await mkdir(path.join(workDir, 'pairs'), { recursive: true });
  const writers = {
    train: createWriteStream(path.join(workDir, 'pairs', 'train.jsonl')),
    validation: createWriteStream(path.join(workDir, 'pairs', 'validation.jsonl')),
  };
  const counts = new Map<string, { split: Split; pairs: number; languages: Record<string, number> }>();
  const totals: Record<string, Record<string, number>> = {};
  const count = (record: PackageRecord, split: Split, pair: CodePair): void => {
    const entry = counts.get(record.source.name) ?? { split, pairs: 0, languages: {} };
    entry.pairs += 1;
    entry.languages[pair.language] = (entry.languages[pair.language] ?? 0) + 1;
    counts.set(record.source.name, entry);
    const byLanguage = (totals[split] ??= {});
    byLanguage[pair.language] = (byLanguage[pair.language] ?? 0) + 1;
  };
  const heldOutKept = new Set([...heldOut.values()].flat());
  for (const record of records) {
    for (const pair of record.pairs) {
      const language = evalLanguageOf(pair.language);
      const split = language === null ? 'train' : splitOf(record.source, language);
      if (split === 'heldout') {
        if (heldOutKept.has(pair)) count(record, split, pair);
        continue;
      }
      // The same description in training would leak a held-out answer's wording.
      if (heldOutQueries.has(queryKey(pair))) continue;
      writers[split].write(`${JSON.stringify(pair)}\n`);
      count(record, split, pair);
    }
  }
  await Promise.all(Object.values(writers).map((writer) => new Promise((resolve) => writer.end(resolve))));

  const heldOutDir = path.join(toolDir, 'heldout');
  await mkdir(heldOutDir, { recursive: true });
  const allHeldOut: CodePair[] = [];
  for (const [language, pairs] of [...heldOut].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const lines = pairs.map((pair) => JSON.stringify(pair)).join('\n');
    await writeFile(path.join(heldOutDir, `${language}.jsonl.gz`), gzipSync(`${lines}\n`, { level: 9 }));
    allHeldOut.push(...pairs);
    log(`held out ${pairs.length} ${language} pairs`);
  }
  await writeFile(path.join(workDir, 'pairs', 'heldout.jsonl'), `${allHeldOut.map((pair) => JSON.stringify(pair)).join('\n')}\n`);

  const manifest = {
    description:
      'Sources of the training data of repolens/code-embed-v1: (doc summary → function code) pairs extracted with ' +
      "RepoLens's parser. Written by tools/embedding-model/extract-pairs.ts; pair counts are after de-duplication and caps.",
    splitSalt: SPLIT_SALT,
    totals,
    packages: records
      .map(({ source }) => ({
        name: source.name,
        origin: source.origin,
        version: source.version,
        license: source.license,
        family: source.family,
        files: source.files.length,
        ...(source.excludedFiles > 0 ? { filesLeftOutForLicense: source.excludedFiles } : {}),
        split: counts.get(source.name)?.split ?? 'train',
        pairs: counts.get(source.name)?.pairs ?? 0,
        languages: counts.get(source.name)?.languages ?? {},
      }))
      .filter((entry) => entry.pairs > 0),
    leftOut: rejected.map(({ name, origin, version, reason }) => ({ name, origin, version, reason })),
  };
  await writeFile(path.join(toolDir, 'data-manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
  log(`totals ${JSON.stringify(totals)}`);
}

/** Held-out and validation families per language; everything else trains. Python's and Go's standard libraries always train. */
function chooseSplits(records: readonly PackageRecord[]): (source: SourcePackage, language: EvalLanguage) => Split {
  const familyCounts = new Map<EvalLanguage, Map<string, number>>();
  for (const record of records) {
    for (const pair of record.pairs) {
      const language = evalLanguageOf(pair.language);
      if (language === null) continue;
      const counts = familyCounts.get(language) ?? new Map<string, number>();
      counts.set(record.source.family, (counts.get(record.source.family) ?? 0) + 1);
      familyCounts.set(language, counts);
    }
  }
  const heldOut = new Map<EvalLanguage, Set<string>>();
  const validation = new Map<EvalLanguage, Set<string>>();
  for (const [language, counts] of familyCounts) {
    const chosen = chooseFamilies({
      counts,
      targetPairs: HELDOUT_TARGET[language],
      minFamilyPairs: HELDOUT_FAMILY_PAIRS.min,
      maxFamilyPairs: HELDOUT_FAMILY_PAIRS.max,
      salt: `${SPLIT_SALT}:heldout`,
    });
    heldOut.set(language, chosen);
    const remaining = new Map([...counts].filter(([family]) => !chosen.has(family)));
    validation.set(
      language,
      chooseFamilies({
        counts: remaining,
        targetPairs: VALIDATION_TARGET[language],
        minFamilyPairs: HELDOUT_FAMILY_PAIRS.min,
        maxFamilyPairs: HELDOUT_FAMILY_PAIRS.max,
        salt: `${SPLIT_SALT}:validation`,
      }),
    );
  }
  // A family is held out from every language it appears in, so nothing of it trains.
  const heldOutAnywhere = new Set([...heldOut.values()].flatMap((families) => [...families]));
  return (source, language) => {
    if (heldOut.get(language)?.has(source.family) === true) return 'heldout';
    if (heldOutAnywhere.has(source.family)) return 'heldout';
    if (validation.get(language)?.has(source.family) === true) return 'validation';
    return 'train';
  };
}

async function readPackageList(language: DebianSourceLanguage): Promise<string[]> {
  const text = await readFile(path.join(toolDir, 'sources', `${language}-packages.txt`), 'utf8');
  return text
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter((line) => line !== '');
}

function log(message: string): void {
  process.stderr.write(`[extract-pairs] ${message}\n`);
}

await main();
