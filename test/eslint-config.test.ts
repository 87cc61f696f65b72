import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The folders of use cases (README « Project layout », DESIGN.md): nothing in them may import the Teams or HTTP stack. */
const USE_CASE_FOLDERS = ['knowledge', 'retrieval', 'answers', 'models', 'inventory', 'feedback', 'storage', 'eval', 'documents', 'cli'];

async function restrictedImports(folder: string, source: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(source, { filePath: path.join(root, 'src', folder, 'lint-probe.ts') });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('npm run lint: the dependency rule', () => {
  it.each(USE_CASE_FOLDERS)('refuses a Teams package and the transport layer in src/%s', async (folder) => {
    expect(await restrictedImports(folder, "import { TurnContext } from 'botbuilder';\nexport type Turn = TurnContext;\n")).toEqual([
      expect.stringContaining('Use cases stay free of Teams/HTTP types'),
    ]);
    expect(await restrictedImports(folder, "import { startServer } from '../server/main.js';\nexport const start = startServer;\n")).toEqual([
      expect.stringContaining('must not depend on the transport layer'),
    ]);
  }, 20_000);
});
