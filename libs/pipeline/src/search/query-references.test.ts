import { describe, expect, it } from 'vitest';
import { queryReferences } from './query-references.js';

describe('queryReferences', () => {
  it('reads Node stack frames: file, line and the function, top frame first, built-ins left out', () => {
    const trace = [
      "FastifyError [FST_ERR_DEC_ALREADY_PRESENT]: The decorator 'db' has already been added!",
      '    at decorate (/app/node_modules/fastify/lib/decorate.js:21:11)',
      '    at Object.decorateFastify [as decorate] (/app/node_modules/fastify/lib/decorate.js:78:3)',
      '    at async Promise.all (index 0)',
      '    at IncomingMessage.emit (node:events:519:28)',
      '    at file:///home/dev/app/src/index.mjs:3:9',
    ].join('\n');
    expect(queryReferences(trace).frames).toEqual([
      { path: '/app/node_modules/fastify/lib/decorate.js', line: 21, functionName: 'decorate' },
      { path: '/app/node_modules/fastify/lib/decorate.js', line: 78, functionName: 'decorateFastify' },
      { path: '/home/dev/app/src/index.mjs', line: 3, functionName: null },
    ]);
  });

  it('reads Python, Go, Java and Ruby frames', () => {
    const python = [
      'Traceback (most recent call last):',
      '  File "/srv/app/views.py", line 12, in create_order',
      '  File "/srv/app/orders/store.py", line 40, in save',
      "KeyError: 'name'",
    ].join('\n');
    const go = 'goroutine 1 [running]:\nmain.(*Server).handle(0xc000010000)\n\t/home/u/app/server/handler.go:42 +0x1d';
    const java = 'java.lang.NullPointerException\n\tat com.acme.orders.OrderService.place(OrderService.java:42)';
    const ruby = "app/models/user.rb:12:in `save'";
    // Python prints the most recent call last; frames come out innermost first, as for the others.
    expect(queryReferences(python).frames).toEqual([
      { path: '/srv/app/orders/store.py', line: 40, functionName: 'save' },
      { path: '/srv/app/views.py', line: 12, functionName: 'create_order' },
    ]);
    expect(queryReferences(go).frames).toEqual([{ path: '/home/u/app/server/handler.go', line: 42, functionName: 'handle' }]);
    expect(queryReferences(java).frames).toEqual([{ path: 'OrderService.java', line: 42, functionName: 'place' }]);
    expect(queryReferences(ruby).frames).toEqual([{ path: 'app/models/user.rb', line: 12, functionName: 'save' }]);
  });

  it('reads bundler and Windows paths', () => {
    const frames = queryReferences('at Socket.<anonymous> (webpack:///./src/client.js:5:1)\nat C:\\Users\\dev\\app\\src\\a.ts:4:2').frames;
    expect(frames).toEqual([
      { path: 'src/client.js', line: 5, functionName: null },
      { path: '/Users/dev/app/src/a.ts', line: 4, functionName: null },
    ]);
  });

  it('finds file paths written in prose, but not URLs, versions or abbreviations', () => {
    const references = queryReferences('What is in lib/reply.js and `hooks.js`? See http://127.0.0.1:3000/docs/x.html, e.g. Node 22.4 and fastify 5.12.8.');
    expect(references).toEqual({ frames: [], paths: ['lib/reply.js', 'hooks.js'] });
  });

  it('finds nothing in a plain question', () => {
    expect(queryReferences('how is the retry delay computed?')).toEqual({ frames: [], paths: [] });
  });
});
