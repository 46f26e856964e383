import { describe, expect, it } from 'vitest';
import { longestSharedRun, phraseBoosts } from './phrase-match.js';

const candidates = [
  { id: 0, text: "  FST_ERR_PLUGIN_VERSION_MISMATCH: createError(\n    'FST_ERR_PLUGIN_VERSION_MISMATCH',\n    \"fastify-plugin: %s - expected '%s' fastify version, '%s' is installed\"\n  )," },
  { id: 1, text: "throw new Error(`unknown level ${level}: use one of ${names.join(', ')}`)" },
  { id: 2, text: 'The plugin checks the installed fastify version against the expected range before loading.' },
  { id: 3, text: "reply.send(new Error('Request body is too large'))" },
];

describe('phraseBoosts', () => {
  it('finds a pasted message in the template that produced it, placeholders standing for the values', () => {
    const boosts = phraseBoosts("fastify-plugin: my-auth - expected '4.x' fastify version, '5.12.8' is installed", candidates);
    expect([...boosts.keys()]).toEqual([0]);
    expect(boosts.get(0)).toBeCloseTo(0.6);
    expect(phraseBoosts('Error: unknown level verbose: use one of info, warn', candidates).has(1)).toBe(true);
  });

  it('counts a short message matched whole, and grows with the length of the run', () => {
    const whole = phraseBoosts('Request body is too large', candidates).get(3) ?? 0;
    expect(whole).toBeGreaterThan(0);
    const partial = phraseBoosts('we get request body is too large when uploading files of more than a megabyte through the proxy', candidates).get(3) ?? 0;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(whole);
  });

  it('ignores prose that only shares words, not their order', () => {
    expect(phraseBoosts('why does fastify check the plugin version expected by the installed plugin?', candidates).size).toBe(0);
  });
});

describe('longestSharedRun', () => {
  it('lets a placeholder stand for up to three words, or none', () => {
    const line = ['expected', '\u0000', 'fastify', 'version'];
    expect(longestSharedRun(['expected', '5', '12', '8', 'fastify', 'version'], line)).toEqual({ literal: 3, span: 6 });
    expect(longestSharedRun(['expected', 'fastify', 'version'], line)).toEqual({ literal: 3, span: 3 });
    expect(longestSharedRun(['expected', 'a', 'b', 'c', 'd', 'fastify', 'version'], line)).toEqual({ literal: 2, span: 2 });
  });
});
