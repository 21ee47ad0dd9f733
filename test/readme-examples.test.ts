/**
 * examples/*\/README.md: each shows the one line its tests start the mock with; that line is in
 * the test file, as written, and so runs with it. The chat app's start commands (the mock's CLI
 * and `npm start`) run in examples/chat-app/test/main.test.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectEveryBlockTaken, Readme, repoRoot } from './support/readme-blocks.js';

for (const [example, testFile] of [
  ['chat-app', 'test/chat-app.test.ts'],
  ['publisher-app', 'test/chat-service.test.ts'],
] as const) {
  describe(`examples/${example}/README.md`, () => {
    const readme = new Readme(`examples/${example}/README.md`);
    const line = readme.take('ts', 'const centrifugo = ');

    it(`its mock line is the one ${testFile} runs`, () => {
      expect(readme.text).toContain(`(\`${testFile}\`)`);
      const test = readFileSync(path.join(repoRoot, 'examples', example, testFile), 'utf8');
      // As Prettier prints it there: compared without white space and trailing commas.
      const bare = (code: string) => code.replace(/\s+/g, '').replace(/,([}\])])/g, '$1');
      expect(bare(test)).toContain(bare(line.code));
    });

    if (example === 'chat-app')
      it('its start commands are run by examples/chat-app/test/main.test.ts', () => {
        const main = readFileSync(path.join(repoRoot, 'examples/chat-app/test/main.test.ts'), 'utf8');
        for (const command of [
          'npx centkit-mock --protocol v6 -c centrifugo.json',
          'npm start -w @centkit/example-chat-app',
        ]) {
          expect(readme.text).toContain(command);
          expect(main).toContain(command.replaceAll('.', '\\.').replaceAll('/', '\\/'));
        }
      });

    expectEveryBlockTaken(readme);
  });
}
