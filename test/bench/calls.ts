/**
 * `npm run bench` (calls): "Validate Gemini Call" on a 5,000-line file in TypeScript, Python, Go, Java
 * and C#, cold (a fresh process: the parser loads) and warm, beside the bare tree-sitter parse of the
 * same file in the same run. Prints numbers; asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { validate } from '../../src/core/calls/validate';
import { SNAPSHOT_DATE, snapshotModels } from '../../src/core/models/snapshot';
import { CallParser } from '../../src/services/parsers';
import { repoRoot } from '../host/paths';

const facts = { source: 'snapshot' as const, label: `offline snapshot (${SNAPSHOT_DATE})`, models: snapshotModels };

function lines(block: (i: number) => string, count: number): string {
  const out: string[] = [];
  for (let i = 0; out.length < count; i++) out.push(...block(i).split('\n'));
  return out.slice(0, count).join('\n');
}

const typescript = lines((i) => `export async function ask${i}(prompt: string): Promise<string> {
  // call ${i}: a typical helper around the SDK
  const response = await ai.models.generateContent({
    model: ${i % 3 === 0 ? '"gemini-1.5-pro"' : '"gemini-2.5-flash"'},
    contents: [{ role: "user", parts: [{ text: prompt }] }],
    config: { temperature: ${(i % 30) / 10}, topP: 0.95, maxOutputTokens: 8192, thinkingConfig: { thinkingBudget: ${i % 5 === 0 ? 0 : 1024} } },
  });
  return response.text ?? "";
}
`, 5000);

const python = lines((i) => `def ask_${i}(prompt: str) -> str:
    # call ${i}: a typical helper around the SDK
    response = client.models.generate_content(
        model=${i % 3 === 0 ? '"gemini-1.5-pro"' : '"gemini-2.5-flash"'},
        contents=prompt,
        config=types.GenerateContentConfig(temperature=${(i % 30) / 10}, top_p=0.95, max_output_tokens=8192,
            thinking_config=types.ThinkingConfig(thinking_budget=${i % 5 === 0 ? 0 : 1024})),
    )
    return response.text or ""

`, 5000);

const go = `package bench

${lines((i) => `func Ask${i}(ctx context.Context, client *genai.Client, prompt string) (string, error) {
	// call ${i}: a typical helper around the SDK
	result, err := client.Models.GenerateContent(ctx, ${i % 3 === 0 ? '"gemini-1.5-pro"' : '"gemini-2.5-flash"'}, genai.Text(prompt), &genai.GenerateContentConfig{
		Temperature: genai.Ptr[float32](${(i % 30) / 10}), TopP: genai.Ptr[float32](0.95), MaxOutputTokens: 8192,
		ThinkingConfig: &genai.ThinkingConfig{ThinkingBudget: genai.Ptr[int32](${i % 5 === 0 ? 0 : 1024})},
	})
	if err != nil {
		return "", err
	}
	return result.Text(), nil
}
`, 4998)}`;

const java = `class Bench {
${lines((i) => `  static String ask${i}(Client client, String prompt) {
    // call ${i}: a typical helper around the SDK
    GenerateContentResponse response = client.models.generateContent(${i % 3 === 0 ? '"gemini-1.5-pro"' : '"gemini-2.5-flash"'}, prompt,
        GenerateContentConfig.builder().temperature(${(i % 30) / 10}f).topP(0.95f).maxOutputTokens(8192)
            .thinkingConfig(ThinkingConfig.builder().thinkingBudget(${i % 5 === 0 ? 0 : 1024}).build())
            .build());
    return response.text();
  }
`, 4998)}
}`;

const csharp = `class Bench {
${lines((i) => `    public static async Task<string> Ask${i}(Client client, string prompt)
    {
        // call ${i}: a typical helper around the SDK
        var response = await client.Models.GenerateContentAsync(
            model: ${i % 3 === 0 ? '"gemini-1.5-pro"' : '"gemini-2.5-flash"'},
            contents: prompt,
            config: new GenerateContentConfig { Temperature = ${(i % 30) / 10}, TopP = 0.95, MaxOutputTokens = 8192, ThinkingConfig = new ThinkingConfig { ThinkingBudget = ${i % 5 === 0 ? 0 : 1024} } });
        return response.Text ?? "";
    }
`, 4998)}
}`;

type Benched = 'typescript' | 'python' | 'go' | 'java' | 'csharp';

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

/** First validation in a fresh process: tree-sitter and the grammar load. */
function cold(language: Benched, text: string): number {
  const script = `
    const { CallParser } = require(${JSON.stringify(path.join(repoRoot, 'out', 'src', 'services', 'parsers.js'))});
    const { validate } = require(${JSON.stringify(path.join(repoRoot, 'out', 'src', 'core', 'calls', 'validate.js'))});
    const { snapshotModels } = require(${JSON.stringify(path.join(repoRoot, 'out', 'src', 'core', 'models', 'snapshot.js'))});
    const text = require('fs').readFileSync(0, 'utf8');
    const t = performance.now();
    new CallParser().extract(${JSON.stringify(language)}, text).then((x) => {
      validate(x, text, { source: 'snapshot', label: 'snapshot', models: snapshotModels });
      process.stdout.write(String(performance.now() - t));
    });`;
  return median([0, 1, 2].map(() => Number(spawnSync(process.execPath, ['-e', script], { input: text, encoding: 'utf8' }).stdout)));
}

async function main(): Promise<void> {
  console.log('\nValidate Gemini Call (5,000 lines)');
  const parser = new CallParser();
  for (const [language, text] of [['typescript', typescript], ['python', python], ['go', go], ['java', java], ['csharp', csharp]] as const) {
    const extraction = await parser.extract(language, text);
    const findings = validate(extraction, text, facts);
    const warm: number[] = [];
    const parse: number[] = [];
    // The first runs warm the JIT up (of the validator and of the parser's bindings) and are not counted.
    for (let i = 0; i < 20; i++) {
      let t = performance.now();
      validate(await parser.extract(language, text), text, facts);
      const validated = performance.now() - t;
      t = performance.now();
      await parser.parseOnly(language, text);
      const parsed = performance.now() - t;
      if (i < 5) continue;
      warm.push(validated);
      parse.push(parsed);
    }
    const ratio = median(warm) / median(parse);
    console.log(`  ${language.padEnd(10)} cold ${cold(language, text).toFixed(0).padStart(5)} ms   warm ${median(warm).toFixed(0).padStart(5)} ms   bare parse ${median(parse).toFixed(0).padStart(5)} ms   warm/parse ${ratio.toFixed(2)}x (target: within 2x)   (${extraction.calls.length} calls, ${findings.length} findings)`);
  }
}

/** Inputs that were quadratic (issue figures: minutes); linear now. */
async function pathological(parser: CallParser): Promise<void> {
  console.log('\nValidate Gemini Call on pathological input (linear time)');
  const inputs: [string, 'json' | 'typescript' | 'python', string][] = [
    ['JSON collection of 12,000 requests', 'json', `[${Array.from({ length: 12_000 }, (_, i) => `{"contents": [{"parts": [{"text": "x${i}"}]}], "generationConfig": {"temperature": 1,},}`).join(',\n')}]`],
    ['one declaration of 20,000 constants', 'typescript', `const ${Array.from({ length: 20_000 }, (_, i) => `a${i} = "gemini-2.5-flash"`).join(',\n')};`],
    ['call chain of 40,000 links (TS)', 'typescript', `ai${'.then(x => x)'.repeat(40_000)};`],
    ['call chain of 100,000 links (Python)', 'python', `x = client${'.f()'.repeat(100_000)}\n`],
  ];
  for (const [name, language, text] of inputs) {
    const t = performance.now();
    validate(await parser.extract(language, text), text, facts);
    console.log(`  ${name.padEnd(38)} ${(text.length / 1e6).toFixed(2)} MB   ${(performance.now() - t).toFixed(0).padStart(6)} ms`);
  }
}

main().then(() => pathological(new CallParser())).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
