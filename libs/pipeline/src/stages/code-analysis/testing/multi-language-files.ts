/** For tests: a small store written in each of the twelve languages code analysis reads. */
export const MULTI_LANGUAGE_FILES: Readonly<Record<string, string>> = {
  'web/store.ts': `import { z } from 'zod';\n\n/** A store. */\nexport class Store {\n  add(item: string): void {}\n}\n`,
  'web/View.tsx': `import { Store } from './store';\n\nexport function View() {\n  return <p>{String(Store)}</p>;\n}\n`,
  'web/legacy.js': `const path = require('node:path');\nfunction legacy() {}\nmodule.exports = { legacy };\n`,
  'shop/store.py': `"""Shop."""\nimport os\n\n\nclass Store:\n    """Keeps items."""\n\n    def add(self, item):\n        pass\n`,
  'shop/store.go': `package shop\n\nimport "fmt"\n\n// Store keeps items.\ntype Store struct{}\n\n// Add adds an item.\nfunc (s *Store) Add(item string) { fmt.Println(item) }\n`,
  'shop/Store.java': `package shop;\n\nimport java.util.List;\n\n/** Keeps items. */\npublic class Store {\n    public void add(String item) {}\n}\n`,
  'shop/store.rs': `use std::collections::HashMap;\n\n/// Keeps items.\npub struct Store;\n\nimpl Store {\n    pub fn add(&mut self, item: &str) {}\n}\n`,
  'shop/store.c': `#include "store.h"\n\n/* Keeps items. */\nstruct store { int count; };\n\nint store_add(struct store *s) { return ++s->count; }\n`,
  'shop/store.h': `#include <string>\n\nnamespace shop {\n/// Keeps items.\nclass Store {\n public:\n  void add(const std::string &item);\n};\n}  // namespace shop\n`,
  'shop/Store.cs': `using System;\n\nnamespace Shop\n{\n    /// <summary>Keeps items.</summary>\n    public class Store\n    {\n        public void Add(string item) { }\n    }\n}\n`,
  'shop/store.rb': `require_relative 'item'\n\nmodule Shop\n  # Keeps items.\n  class Store\n    def add(item); end\n  end\nend\n`,
  'shop/Store.php': `<?php\nnamespace Shop;\n\nuse Shop\\Item;\n\n/** Keeps items. */\nclass Store\n{\n    public function add(Item $item): void {}\n}\n`,
};
