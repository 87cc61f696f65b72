import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HELP_COMMAND, SOURCES_COMMAND } from '../../src/bot/input.js';
import { promptStarters } from '../../src/bot/render/messages.js';
import { DECLARE_COMMAND } from '../../src/bot/routes/declare.js';
import { INVENTORY_COMMAND, MY_DECLARATIONS_COMMAND } from '../../src/bot/routes/inventory-list.js';
import { GOVERNANCE_REGISTER_COMMAND } from '../../src/bot/routes/review.js';
import { SEARCH_COMMAND_ID, SEARCH_PARAMETER } from '../../src/bot/routes/search-extension.js';

const dir = path.resolve(import.meta.dirname, '../../appPackage');
const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
const english = JSON.parse(readFileSync(path.join(dir, 'en-us.json'), 'utf8'));

function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(path.join(dir, file));
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('Teams app package', () => {
  it('uses manifest v1.19 with GUID ids', () => {
    expect(manifest.manifestVersion).toBe('1.19');
    const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    expect(manifest.id).toMatch(guid);
    expect(manifest.bots[0].botId).toMatch(guid);
  });

  it('ships a 192×192 color icon and a 32×32 outline icon', () => {
    expect(pngSize(manifest.icons.color)).toEqual({ width: 192, height: 192 });
    expect(pngSize(manifest.icons.outline)).toEqual({ width: 32, height: 32 });
  });

  it('respects the manifest length limits in both languages', () => {
    for (const [short, full, descShort] of [
      [manifest.name.short, manifest.name.full, manifest.description.short],
      [english['name.short'], english['name.full'], english['description.short']],
    ]) {
      expect(short.length).toBeLessThanOrEqual(30);
      expect(full.length).toBeLessThanOrEqual(100);
      expect(descShort.length).toBeLessThanOrEqual(80);
    }
  });

  it('lists only commands the bot answers', () => {
    const lists = manifest.bots[0].commandLists as { commands: { title: string }[] }[];
    const titles = [
      ...lists.flatMap((l) => l.commands.map((c) => c.title)),
      ...Object.entries(english as Record<string, string>)
        .filter(([key]) => /^bots\[0\]\.commandLists\[\d+\]\.commands\[\d+\]\.title$/.test(key))
        .map(([, title]) => title),
    ];
    const answered = [HELP_COMMAND, SOURCES_COMMAND, DECLARE_COMMAND, MY_DECLARATIONS_COMMAND, INVENTORY_COMMAND, GOVERNANCE_REGISTER_COMMAND];
    for (const t of titles) expect(answered.some((command) => command.test(t)), t).toBe(true);
  });

  it('offers the same prompt starters in personal chat as the buttons under the welcome, in French and English', () => {
    const personal = (manifest.bots[0].commandLists as { scopes: string[]; commands: { title: string }[] }[]).findIndex((l) => l.scopes.includes('personal'));
    const french = manifest.bots[0].commandLists[personal].commands.map((c: { title: string }) => c.title);
    const englishTitles = french.map((_: string, i: number) => english[`bots[0].commandLists[${personal}].commands[${i}].title`]);
    expect(french).toEqual(promptStarters('fr', { declarations: true }));
    expect(englishTitles).toEqual(promptStarters('en', { declarations: true }));
  });

  it('offers in a team the commands a mention can use, governance ones included, and translates every one', () => {
    const lists = manifest.bots[0].commandLists as { scopes: string[]; commands: { title: string }[] }[];
    expect(lists.find((l) => l.scopes.includes('team'))!.commands.map((c) => c.title)).toEqual(['aide', 'sources', 'gouvernance enregistrer', 'inventaire']);
    lists.forEach((l, i) => l.commands.forEach((_c, j) => expect(english[`bots[0].commandLists[${i}].commands[${j}].title`]).toBeTruthy()));
  });

  it('declares the search message extension the bot serves, on the bot’s id, with its opening query, in French and English', () => {
    expect(manifest.composeExtensions).toHaveLength(1);
    const [extension] = manifest.composeExtensions;
    expect(extension.botId).toBe(manifest.bots[0].botId);
    expect(extension.commands).toEqual([
      expect.objectContaining({ id: SEARCH_COMMAND_ID, type: 'query', title: 'Rechercher dans les documents', initialRun: true, parameters: [expect.objectContaining({ name: SEARCH_PARAMETER, inputType: 'text' })] }),
    ]);
    for (const key of ['commands[0].title', 'commands[0].description', 'commands[0].parameters[0].title', 'commands[0].parameters[0].description']) {
      expect(english[`composeExtensions[0].${key}`], key).toBeTruthy();
    }
    expect(english['composeExtensions[0].commands[0].title']).toBe('Search the documents');
  });
});
