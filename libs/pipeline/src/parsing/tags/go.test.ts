import { describe, expect, it } from 'vitest';
import { analyzeSource } from '../analyze-source.js';
import { CodeParser } from '../code-parser.js';
import { outlineLines, symbolNamed } from '../testing/outline-lines.js';

const parser = new CodeParser();

const SERVER = `// Package server serves files.
package server

import "fmt"

import (
	"net/http"
	log "github.com/sirupsen/logrus"
	_ "embed"
)

// Server serves a directory.
// It is safe for concurrent use.
type Server struct {
	Root string
}

type Handler interface {
	// Serve answers one request.
	Serve(w http.ResponseWriter) error
}

type ID = string
type state int

/* Start listens on the port. */
//go:noinline
func (s *Server) Start(port int) error {
	url := "http://localhost" // not a comment start
	return fmt.Errorf("%s:%d", url, port)
}

func (s Server) root() string { return s.Root }

func newServer[T any](root T) *Server {
	helper := func() {}
	helper()
	return nil
}
`;

describe('Go outline', () => {
  const result = analyzeSource(parser, 'go', SERVER);

  it('finds types by what they are, methods by receiver and interface methods', () => {
    expect(outlineLines(result.symbols)).toEqual([
      'struct Server 14-16 exported',
      'interface Handler 18-21 exported',
      'method Serve@Handler 20-20 exported',
      'type ID 23-23 exported',
      'type state 24-24',
      'method Start@Server 28-31 exported',
      'method root@Server 33-33',
      'function newServer 35-39',
    ]);
    expect(result.error).toBeUndefined();
  });

  it('reads the comments above as docs, without compiler directives', () => {
    expect(symbolNamed(result.symbols, 'Server').doc).toBe('Server serves a directory.\nIt is safe for concurrent use.');
    expect(symbolNamed(result.symbols, 'Serve').doc).toBe('Serve answers one request.');
    const start = symbolNamed(result.symbols, 'Start');
    expect(start.doc).toBe('Start listens on the port.');
    expect(start.signature).toBe('func (s *Server) Start(port int) error {');
    expect(symbolNamed(result.symbols, 'newServer').signature).toBe('func newServer[T any](root T) *Server {');
  });

  it('lists imports by path, with their local names', () => {
    expect(result.imports).toEqual([
      { source: 'fmt', names: [], line: 4 },
      { source: 'net/http', names: [], line: 7 },
      { source: 'github.com/sirupsen/logrus', names: ['log'], line: 8 },
      { source: 'embed', names: ['_'], line: 9 },
    ]);
  });

  it('exports capitalised names only', () => {
    expect(result.exports.map((entry) => entry.name)).toEqual(['Server', 'Handler', 'ID']);
  });

  it('counts a line of code with a trailing comment as code', () => {
    expect(result.lineStats).toEqual({ code: 25, comment: 6, blank: 8 });
  });
});
