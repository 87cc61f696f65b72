import { it } from 'vitest';
import { openPlaygroundSession } from '../helpers/playground-browser.js';

it('manual session', { timeout: 400_000 }, async () => {
  const session = await openPlaygroundSession({ BALISES_DATA_DIR: '/tmp/pgm/data' }, 1100);
  const page = session.page;
  await page.getByText('Camille Tremblay', { exact: true }).first().waitFor();
  const shots: [string, string][] = [
    ['Who is accountable when an AI system makes a mistake?', 'a-accountable'],
    ['Bon matin!', 'b-bonmatin'],
    ['Puis-je coller le courriel d’une citoyenne avec son adresse dans ChatGPT?', 'c-chatgpt'],
    ['Voir mes déclarations', 'd-voir'],
    ['Merci pour l’info', 'e-merci'],
  ];
  for (const [text, name] of shots) {
    await session.say(text);
    await page.waitForTimeout(2500);
    await page.screenshot({ path: `/tmp/pgm/${name}.png` });
  }
  await session.close();
});
