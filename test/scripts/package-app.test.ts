import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { packageApp, packageReport } from '../../scripts/package-app.js';

const appPackage = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../appPackage');

describe('packageApp', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'balises-package-'));
    cpSync(appPackage, path.join(dir, 'app'), { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const edit = (file: string, change: (json: any) => void) => {
    const target = path.join(dir, 'app', file);
    const json = JSON.parse(readFileSync(target, 'utf8'));
    change(json);
    writeFileSync(target, JSON.stringify(json));
  };

  it('validates the manifest of the repository against its version’s schema and zips it with the icons', async () => {
    const result = await packageApp(path.join(dir, 'app'), path.join(dir, 'out', 'app.zip'));
    expect(result).toEqual({
      ok: true,
      file: path.join(dir, 'out', 'app.zip'),
      entries: ['manifest.json', 'en-us.json', 'color.png', 'outline.png'],
      placeholders: ['/id', '/bots/0/botId', '/composeExtensions/0/botId'],
    });
    const zip = readFileSync(path.join(dir, 'out', 'app.zip'));
    expect(zip.subarray(0, 2).toString('latin1')).toBe('PK');
    for (const name of ['manifest.json', 'en-us.json', 'color.png', 'outline.png']) expect(zip.includes(Buffer.from(name))).toBe(true);
  });

  it('warns, naming each, while the ids are still the placeholder, and says nothing once they are given', async () => {
    const out = path.join(dir, 'out', 'app.zip');
    const shipped = await packageApp(path.join(dir, 'app'), out);
    if (!shipped.ok) throw new Error(shipped.problems.join('\n'));
    expect(packageReport(shipped, 'dist/app.zip')).toEqual({
      stdout: 'appPackage/manifest.json is valid; dist/app.zip holds manifest.json, en-us.json, color.png, outline.png',
      stderr:
        'warning: appPackage/manifest.json still holds the placeholder id 00000000-0000-0000-0000-000000000000 at /id, /bots/0/botId, ' +
        '/composeExtensions/0/botId: Teams cannot reach the bot with this zip; give the app’s and the bot’s ids (appPackage/README.md), then npm run package again',
    });
    edit('manifest.json', (m) => {
      m.id = '7d2f4c1e-0b9a-4e5f-8c3d-2a1b0c9d8e7f';
      m.bots[0].botId = m.composeExtensions[0].botId = '3e8a1f60-5c2b-4d7e-9f10-6b4c2d8a0e91';
    });
    const given = await packageApp(path.join(dir, 'app'), out);
    if (!given.ok) throw new Error(given.problems.join('\n'));
    expect(packageReport(given, 'dist/app.zip').stderr).toBeNull();
  });

  it('refuses a manifest the Teams schema rejects, naming where, and writes nothing', async () => {
    edit('manifest.json', (m) => {
      m.bots[0].commandLists[0].commands[0].title = 'une commande bien trop longue pour Teams';
      m.unknownProperty = true;
    });
    const result = await packageApp(path.join(dir, 'app'), path.join(dir, 'out', 'app.zip'));
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toContain('manifest.json: /bots/0/commandLists/0/commands/0/title must NOT have more than 32 characters');
    expect(problems.some((p) => p.includes('unknownProperty'))).toBe(true);
    expect(existsSync(path.join(dir, 'out', 'app.zip'))).toBe(false);
  });

  it('refuses a localization file the schema rejects and a missing icon', async () => {
    edit('en-us.json', (l) => (l['name.short'] = 'A name much too long for the Teams app bar'));
    rmSync(path.join(dir, 'app', 'outline.png'));
    const result = await packageApp(path.join(dir, 'app'), path.join(dir, 'out', 'app.zip'));
    expect(result.ok ? [] : result.problems).toEqual(expect.arrayContaining(['outline.png: missing', 'en-us.json: /name.short must NOT have more than 30 characters']));
  });
});
