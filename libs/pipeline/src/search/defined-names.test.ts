import { describe, expect, it } from 'vitest';
import { definedNames } from './defined-names.js';

describe('definedNames', () => {
  it('names prototype methods with their owner, and members assigned a function', () => {
    const code = [
      'Reply.prototype.code = function (code) {',
      '  return this',
      '}',
      'module.exports.destination = (dest = 1) => build(dest)',
      'logger.setBindings = function (bindings) {}',
    ].join('\n');
    expect([...definedNames(code)].sort()).toEqual(['code', 'destination', 'logger.setbindings', 'reply.code', 'setbindings']);
  });

  it('names functions, function-valued constants, object-literal and shorthand methods across languages', () => {
    const code = [
      'function rawBody (request) {',
      '  function onData (chunk) {}',
      '}',
      'const isoTimeNano = () => now()',
      'const handlers = { get: function _get (url) {} }',
      'class Router {',
      '  async lookup (path) {',
      '    if (path) {',
      '    }',
      '  }',
      '}',
      'def parse_config(path):',
      'func (s *Server) Handle(w http.ResponseWriter) {',
      'pub fn spawn_worker<T>(task: T) {',
    ].join('\n');
    expect([...definedNames(code)].sort()).toEqual(['_get', 'get', 'handle', 'isotimenano', 'lookup', 'ondata', 'parse_config', 'rawbody', 'spawn_worker']);
  });

  it('leaves out calls, control flow and options that merely take a callback', () => {
    const code = ['if (ready) {', 'run(task)', 'const app = fastify({ trustProxy: (address) => address === local })', 'x.y = 3'].join('\n');
    expect(definedNames(code).size).toBe(0);
  });
});
