import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type AjvDraft04 from 'ajv-draft-04';
import type AddFormats from 'ajv-formats';
import type { ErrorObject } from 'ajv';
import yazl from 'yazl';
import { z } from 'zod';
import { projectRoot } from '../src/config.js';

/**
 * `npm run package`: validates the Teams app manifest (appPackage/manifest.json) and its localization files against
 * the JSON schemas of the manifest's declared version, then zips them with the icons — the file uploaded to Teams.
 *
 * The schemas are the ones Microsoft publishes at
 * https://developer.microsoft.com/en-us/json-schemas/teams/v{version}/MicrosoftTeams.schema.json, read from the
 * maintained npm package `@microsoft/app-manifest` (build/json-schemas/teams/v{version}/), so no download is needed.
 * They are JSON Schema draft-04, hence `ajv-draft-04`, with `ajv-formats` for `uri`, `email`, `uuid`…
 */

// Both are CommonJS modules whose export is the function itself; NodeNext types them as namespaces with `default`.
const require = createRequire(import.meta.url);
const Ajv = require('ajv-draft-04') as typeof AjvDraft04.default;
const addFormats = require('ajv-formats') as typeof AddFormats.default;

/** What the packager reads from the manifest beyond the schema: which files go into the zip. */
const ManifestFiles = z.object({
  manifestVersion: z.string().regex(/^(\d+\.\d+|devPreview)$/),
  icons: z.object({ color: z.string().min(1), outline: z.string().min(1) }),
  localizationInfo: z.object({ additionalLanguages: z.array(z.object({ file: z.string().min(1) })).default([]) }).optional(),
});

/** The id the shipped manifest holds wherever a deployment's own GUID goes (appPackage/README.md, step 1). */
export const PLACEHOLDER_ID = '00000000-0000-0000-0000-000000000000';

/**
 * The outcome of {@link packageApp}: the zip written, with the JSON pointers of the ids still {@link PLACEHOLDER_ID}
 * (valid for the schema, so the zip is written, but Teams cannot reach the bot with it), or every problem found
 * (nothing written).
 */
export type PackageResult = { ok: true; file: string; entries: string[]; placeholders: string[] } | { ok: false; problems: string[] };

/** JSON pointers (`/bots/0/botId`) of every string in `value` equal to {@link PLACEHOLDER_ID}, in document order. */
function placeholderPointers(value: unknown, pointer = ''): string[] {
  if (value === PLACEHOLDER_ID) return [pointer || '/'];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => placeholderPointers(child, `${pointer}/${key}`));
}

/**
 * What `npm run package` prints for a written zip: `stdout` says it is valid and what it holds; `stderr`, when ids
 * are still the placeholder, names them and what to do, since the schema accepts them and the zip would upload.
 * @param shown the zip's path as the person should read it (relative to where they typed the command)
 */
export function packageReport(result: Extract<PackageResult, { ok: true }>, shown: string): { stdout: string; stderr: string | null } {
  const stdout = `appPackage/manifest.json is valid; ${shown} holds ${result.entries.join(', ')}`;
  if (result.placeholders.length === 0) return { stdout, stderr: null };
  return {
    stdout,
    stderr:
      `warning: appPackage/manifest.json still holds the placeholder id ${PLACEHOLDER_ID} at ${result.placeholders.join(', ')}: ` +
      `Teams cannot reach the bot with this zip; give the app’s and the bot’s ids (appPackage/README.md), then npm run package again`,
  };
}

/**
 * Validates the app package in `dir` and writes `output` (a zip of the manifest, the localization files and the
 * icons, at the root of the archive, as Teams requires).
 * @returns problems as `file: /json/pointer message` lines when the manifest or a localization file does not validate,
 *   a file is missing, or the schema of the declared version is not shipped
 */
export async function packageApp(dir: string, output: string): Promise<PackageResult> {
  const manifestFile = path.join(dir, 'manifest.json');
  const manifest: unknown = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const files = ManifestFiles.safeParse(manifest);
  if (!files.success) return { ok: false, problems: files.error.issues.map((i) => `manifest.json: ${i.path.join('.')} ${i.message}`) };
  const version = files.data.manifestVersion;
  const schemas = path.join(path.dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build/json-schemas/teams', `v${version}`);
  if (!existsSync(schemas)) return { ok: false, problems: [`manifest.json: no schema for manifestVersion ${version} in @microsoft/app-manifest`] };

  // The localization schemas' patterns (`\[\b…\b]`) are not valid with the `u` flag Ajv uses by default.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = (file: string, data: unknown, schemaFile: string): string[] => {
    const check = ajv.compile(JSON.parse(readFileSync(path.join(schemas, schemaFile), 'utf8')));
    if (check(data)) return [];
    return (check.errors ?? []).map((e: ErrorObject) => `${file}: ${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
  };

  const localizations = files.data.localizationInfo?.additionalLanguages.map((l) => l.file) ?? [];
  const entries = ['manifest.json', ...localizations, files.data.icons.color, files.data.icons.outline];
  const problems = entries.filter((f) => !existsSync(path.join(dir, f))).map((f) => `${f}: missing`);
  problems.push(...validate('manifest.json', manifest, 'MicrosoftTeams.schema.json'));
  for (const file of localizations.filter((f) => existsSync(path.join(dir, f)))) {
    problems.push(...validate(file, JSON.parse(readFileSync(path.join(dir, file), 'utf8')), 'MicrosoftTeams.Localization.schema.json'));
  }
  if (problems.length > 0) return { ok: false, problems };

  mkdirSync(path.dirname(output), { recursive: true });
  const zip = new yazl.ZipFile();
  // A fixed date keeps the archive identical from one build to the next.
  for (const entry of entries) zip.addFile(path.join(dir, entry), entry, { mtime: new Date('2026-01-01T00:00:00Z') });
  zip.end();
  await new Promise<void>((resolve, reject) => {
    zip.outputStream.pipe(createWriteStream(output)).on('close', resolve).on('error', reject);
  });
  return { ok: true, file: output, entries, placeholders: placeholderPointers(manifest) };
}

async function main(): Promise<void> {
  const root = projectRoot();
  const output = path.join(root, 'dist', 'balises-teams-app.zip');
  const result = await packageApp(path.join(root, 'appPackage'), output);
  if (!result.ok) {
    console.error(`appPackage is not valid:\n${result.problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exit(1);
  }
  const report = packageReport(result, path.relative(process.cwd(), result.file));
  console.log(report.stdout);
  if (report.stderr) console.error(report.stderr);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
