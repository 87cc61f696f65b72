import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { TestContext } from 'vitest';
import { startPlayground, type RunningPlayground } from '../../scripts/playground.js';

/** Debian's Chromium (PLATFORM.md): `npx playwright install` cannot work on these machines. */
export const CHROMIUM = '/usr/bin/chromium';
/** Flags for a headless Chromium that talks to nothing but the local Playground. */
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/** Where screenshots go (kept by CI as artefacts when a step fails). */
export const SCREENSHOTS = path.join(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'), 'test-results/playground');
/** Longest wait for something a person waits for (a reply, a card), in ms: generous for a loaded CI machine. */
export const UI_TIMEOUT_MS = 20_000;

/** True when Chromium is not installed: the Playground suites are skipped locally (never in CI, where .ci/run installs it). */
export const chromiumMissing = !existsSync(CHROMIUM);

/** Balises and the M365 Agents Playground running, with a Chromium page open on the Playground's chat. */
export interface PlaygroundSession {
  page: Page;
  /** The chat's compose box. */
  composer(): Locator;
  /** Types a message in the compose box and sends it with Enter, as a person does. */
  say(text: string): Promise<void>;
  /** Keeps what the person saw when the test fails: a full-page screenshot named after the test (`prefix` first). */
  screenshotOnFailure(ctx: TestContext, prefix?: string): void;
  /** Closes the browser, stops the Playground and Balises, removes the browser profile. */
  close(): Promise<void>;
}

/**
 * Starts Balises (`env`: its environment, e.g. BALISES_DATA_DIR) behind the Playground on free ports, opens it in a
 * fresh headless Chromium profile (locale fr-CA, 1280 px wide, `height` px high) and waits for the compose box.
 */
export async function openPlaygroundSession(env: NodeJS.ProcessEnv, height: number): Promise<PlaygroundSession> {
  const profileDir = mkdtempSync(path.join(tmpdir(), 'balises-chromium-'));
  let playground: RunningPlayground | undefined;
  let context: BrowserContext | undefined;
  const close = async () => {
    await context?.close();
    await playground?.stop();
    rmSync(profileDir, { recursive: true, force: true });
  };
  try {
    playground = await startPlayground({ PORT: '0', LOG_LEVEL: 'silent', ...env }, await freePort());
    context = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true, viewport: { width: 1280, height }, locale: 'fr-CA' });
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    const composer = () => page.locator('[contenteditable="true"]').first();
    await page.goto(playground.url);
    await composer().waitFor();
    return {
      page,
      composer,
      async say(text) {
        await composer().click();
        await page.keyboard.type(text);
        await page.keyboard.press('Enter');
      },
      screenshotOnFailure(ctx, prefix = '') {
        ctx.onTestFailed(async () => {
          mkdirSync(SCREENSHOTS, { recursive: true });
          await page.screenshot({ path: path.join(SCREENSHOTS, `${prefix}${ctx.task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 80)}.png`), fullPage: true });
        });
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A TCP port free on the loopback interface now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
