/**
 * Values imported from another file of the project: small multi-file projects in memory, the calls
 * of one file validated with the values of the others, findings reported at the definition.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { callLanguage } from '../../../src/core/calls/extract';
import { joinPath, moduleCandidates, ModuleGraph, type ModuleHost } from '../../../src/core/calls/project';
import { validate, type CallFinding, type ModelFacts } from '../../../src/core/calls/validate';
import { SNAPSHOT_DATE, snapshotModels } from '../../../src/core/models/snapshot';
import { CallParser } from '../../../src/services/parsers';

const facts: ModelFacts = { source: 'snapshot', label: `offline snapshot (${SNAPSHOT_DATE})`, models: snapshotModels };
const parser = new CallParser();

type Project = Record<string, string>;

/** A host over files in memory; counts the reads and parses of each file. */
function memoryHost(files: Project, root = '/p'): ModuleHost & { reads: Map<string, number>; parses: Map<string, number> } {
  const reads = new Map<string, number>();
  const parses = new Map<string, number>();
  return {
    reads, parses,
    read: (file) => {
      reads.set(file, (reads.get(file) ?? 0) + 1);
      return Promise.resolve(files[file]);
    },
    extract: (file, text, options, prepare) => {
      parses.set(file, (parses.get(file) ?? 0) + 1);
      return parser.extract(callLanguage(file)!, text, options, prepare);
    },
    root: () => root,
  };
}

/** The findings of one file of the project, each as `file:line ruleId`. */
async function check(files: Project, file: string, graph = new ModuleGraph(memoryHost(files))): Promise<{ findings: CallFinding[]; keys: string[]; model: string | undefined }> {
  const extraction = await graph.extract(file, files[file]!);
  const findings = validate(extraction, files[file]!, facts, { sources: graph.sources, name: file }).filter((f) => f.severity !== 'info');
  const model = extraction.calls[0]?.model;
  return {
    findings,
    keys: findings.map((f) => `${f.range.file ?? file}:${f.range.start.line + 1} ${f.ruleId}`).sort(),
    model: model?.kind === 'string' ? model.value : undefined,
  };
}

const tsCall = (imports: string, request: string) => `import { GoogleGenAI } from "@google/genai";\n${imports}\nconst ai = new GoogleGenAI({});\nexport async function ask() {\n  return ai.models.generateContent(${request});\n}\n`;
const pyCall = (imports: string, call: string) => `${call.includes('GenerativeModel') ? 'import google.generativeai as genai' : 'from google import genai'}\nfrom google.genai import types\n${imports}\nclient = genai.Client()\n\ndef ask():\n    return ${call}\n`;

describe('imported values: TS/JS', () => {
  it('reports a retired model imported from config.ts at its definition, with a fix there', async () => {
    const files = {
      '/p/src/config.ts': 'export const GEMINI_MODEL = "gemini-1.5-pro";\n',
      '/p/src/main.ts': tsCall("import { GEMINI_MODEL } from './config';", '{ model: GEMINI_MODEL, contents: "hi" }'),
    };
    const { findings, keys, model } = await check(files, '/p/src/main.ts');
    assert.equal(model, 'gemini-1.5-pro');
    assert.deepEqual(keys, ['/p/src/config.ts:1 model-retired']);
    const [finding] = findings;
    assert.match(finding!.message, /Used by the call at \/p\/src\/main\.ts:5\./);
    // The fix edits the string's content in config.ts.
    const edit = finding!.fix?.edits[0];
    assert.equal(edit?.range.file, '/p/src/config.ts');
    assert.deepEqual([edit?.range.start.character, edit?.range.end.character], [29, 43]);
  });

  it('reads an imported generation config, a namespace import, a default export and an aliased name', async () => {
    const files = {
      '/p/src/settings/index.ts': 'const model = "gemini-2.5-flash-lite";\nexport const geminiConfig = {\n  model,\n  temperature: 3,\n  maxOutputTokens: 2048,\n};\nexport default { topP: 1.5 };\n',
      '/p/src/main.ts': tsCall("import * as cfg from './settings';\nimport defaults from './settings/index.js';\nimport { geminiConfig as gc } from './settings/index';",
        '{ model: cfg.geminiConfig.model, contents: "hi", config: { temperature: gc.temperature, topP: defaults.topP } }'),
    };
    const { keys, model } = await check(files, '/p/src/main.ts');
    assert.equal(model, 'gemini-2.5-flash-lite');
    assert.deepEqual(keys, ['/p/src/settings/index.ts:4 temperature-out-of-range', '/p/src/settings/index.ts:7 topP-out-of-range']);
  });

  it('follows re-exports and CommonJS require / module.exports', async () => {
    const files = {
      '/p/lib/models.js': 'const MODEL = "gemini-1.5-flash";\nmodule.exports = { MODEL, generationConfig: { temperature: 2.5 } };\n',
      '/p/lib/index.js': "export * from './models.js';\nexport { MODEL as DEFAULT_MODEL } from './models.js';\n",
      '/p/app.js': 'const { GoogleGenerativeAI } = require("@google/generative-ai");\nconst { DEFAULT_MODEL, generationConfig } = require("./lib");\nconst models = require("./lib/models");\nconst genAI = new GoogleGenerativeAI(process.env.KEY);\nconst m = genAI.getGenerativeModel({ model: DEFAULT_MODEL, generationConfig: models.generationConfig });\nconst n = genAI.getGenerativeModel({ model: models.MODEL, generationConfig });\n',
    };
    const { keys } = await check(files, '/p/app.js');
    // Two calls use the same definitions: each reports them (the CLI and Problems show one).
    assert.deepEqual(keys, ['/p/lib/models.js:1 model-retired', '/p/lib/models.js:1 model-retired', '/p/lib/models.js:2 temperature-out-of-range', '/p/lib/models.js:2 temperature-out-of-range']);
  });

  it('trusts no `let` or `var` export, no package import, and no local name that shadows nothing', async () => {
    const files = {
      '/p/config.ts': 'export let GEMINI_MODEL = "gemini-1.5-pro";\nexport var TEMPERATURE = 5;\n',
      '/p/main.ts': tsCall("import { GEMINI_MODEL, TEMPERATURE } from './config';\nimport { MODEL } from 'some-package';",
        '{ model: GEMINI_MODEL ?? MODEL, contents: "hi", config: { temperature: TEMPERATURE } }'),
    };
    const { keys, model } = await check(files, '/p/main.ts');
    assert.equal(model, undefined);
    assert.deepEqual(keys, []);
  });

  it('ends an import cycle; the file read inside the cycle is read again on its own', async () => {
    const files = {
      '/p/a.ts': tsCall("import { MODEL } from './b';\nexport const TEMPERATURE = 9;", '{ model: MODEL, contents: "hi" }'),
      '/p/b.ts': "import { TEMPERATURE } from './a';\nexport const MODEL = 'gemini-2.5-flash-lite';\nexport const config = { model: MODEL, temperature: TEMPERATURE };\n",
    };
    const host = memoryHost(files);
    const graph = new ModuleGraph(host);
    const a = await check(files, '/p/a.ts', graph);
    assert.equal(a.model, 'gemini-2.5-flash-lite');
    // Inside a's run, b could not see a (a cycle); on its own it does, and a is not read again.
    const b = await check(files, '/p/b.ts', graph);
    assert.deepEqual(b.keys, ['/p/a.ts:3 temperature-out-of-range']);
    assert.deepEqual(Object.fromEntries(host.parses), { '/p/a.ts': 1, '/p/b.ts': 2 });
  });

  it('parses a module several files import once', async () => {
    const files = {
      '/p/config.ts': 'export const GEMINI_MODEL = "gemini-1.5-pro";\n',
      '/p/one.ts': tsCall("import { GEMINI_MODEL } from './config';", '{ model: GEMINI_MODEL, contents: "hi" }'),
      '/p/two.ts': tsCall("import { GEMINI_MODEL } from './config.js';", '{ model: GEMINI_MODEL, contents: "hi" }'),
    };
    const host = memoryHost(files);
    const graph = new ModuleGraph(host);
    for (const file of ['/p/one.ts', '/p/two.ts', '/p/config.ts']) await check(files, file, graph);
    assert.deepEqual(Object.fromEntries(host.parses), { '/p/one.ts': 1, '/p/config.ts': 1, '/p/two.ts': 1 });
  });
});

describe('imported values: bounds', () => {
  const chain = {
    '/p/a.ts': tsCall("import { MODEL } from './b';", '{ model: MODEL, contents: "hi" }'),
    '/p/b.ts': "export { MODEL } from './c';\n",
    '/p/c.ts': "export { MODEL } from './d';\n",
    '/p/d.ts': "export const MODEL = 'gemini-1.5-flash';\n",
  };

  it('follows a chain of re-exports within the depth limit', async () => {
    assert.equal((await check(chain, '/p/a.ts', new ModuleGraph(memoryHost(chain), { depth: 3, files: 10 }))).model, 'gemini-1.5-flash');
  });

  it('stops past the depth limit and past the number of files', async () => {
    const deep = memoryHost(chain);
    assert.equal((await check(chain, '/p/a.ts', new ModuleGraph(deep, { depth: 2, files: 10 }))).model, undefined);
    assert.equal(deep.parses.get('/p/d.ts'), undefined, 'd.ts is never parsed');
    const few = memoryHost(chain);
    assert.equal((await check(chain, '/p/a.ts', new ModuleGraph(few, { depth: 4, files: 2 }))).model, undefined);
    assert.deepEqual([...few.parses.keys()].sort(), ['/p/a.ts', '/p/b.ts', '/p/c.ts']);
  });
});

describe('imported values: odd projects', () => {
  it('a file importing itself, a barrel re-exporting itself and thousands of imports of missing files end', async () => {
    const many = Array.from({ length: 3000 }, (_, i) => `import { N${i} } from './missing${i % 50}';`).join('\n');
    const files = {
      '/p/self.ts': tsCall("import { MODEL } from './self';\nexport * from './self';\nexport * from './barrel';", '{ model: MODEL, contents: "hi" }'),
      '/p/barrel.ts': "export * from './barrel';\nexport * from './self';\n",
      '/p/many.ts': tsCall(many, '{ model: N1, contents: "hi" }'),
    };
    assert.equal((await check(files, '/p/self.ts')).model, undefined);
    const host = memoryHost(files);
    assert.equal((await check(files, '/p/many.ts', new ModuleGraph(host))).model, undefined);
    // Each missing module is looked for once per candidate path, not once per import.
    assert.ok([...host.reads.values()].every((n) => n === 1), 'each candidate read once');
  });
});

describe('imported values: Python', () => {
  it('resolves `from .config import`, `from app import config`, `import config` and `import app.config as cfg`', async () => {
    const config = 'MODEL_NAME = "gemini-1.5-pro"\nGENERATION_CONFIG = {"temperature": 0.4, "max_output_tokens": 999999}\n';
    const forms: [string, string, string][] = [
      ['from .config import MODEL_NAME, GENERATION_CONFIG as GC', 'MODEL_NAME', 'GC'],
      ['from app import config', 'config.MODEL_NAME', 'config.GENERATION_CONFIG'],
      ['from . import config', 'config.MODEL_NAME', 'config.GENERATION_CONFIG'],
      ['import app.config as cfg', 'cfg.MODEL_NAME', 'cfg.GENERATION_CONFIG'],
      ['import app.config', 'app.config.MODEL_NAME', 'app.config.GENERATION_CONFIG'],
      ['from app.config import *', 'MODEL_NAME', 'GENERATION_CONFIG'],
      // Passed on by the package's __init__.py.
      ['from app import MODEL_NAME, GENERATION_CONFIG', 'MODEL_NAME', 'GENERATION_CONFIG'],
      ['import app', 'app.MODEL_NAME', 'app.GENERATION_CONFIG'],
    ];
    for (const [imports, model, config2] of forms) {
      const files = {
        '/p/app/__init__.py': 'from .config import MODEL_NAME, GENERATION_CONFIG\n',
        '/p/app/config.py': config,
        '/p/app/main.py': pyCall(imports, `genai.GenerativeModel(${model}, generation_config=${config2})`),
      };
      const { keys, model: found } = await check(files, '/p/app/main.py');
      assert.equal(found, 'gemini-1.5-pro', imports);
      assert.deepEqual(keys, ['/p/app/config.py:1 model-retired'], imports);
    }
  });

  it('reports an out-of-range value of an imported config (a settings module found from the project root)', async () => {
    const files = {
      '/p/settings.py': 'import os\nGEMINI_MODEL = "gemini-2.5-flash-lite"\nGENERATION_CONFIG = types.GenerateContentConfig(temperature=2.7, top_k=0)\n',
      '/p/app/service/chat.py': pyCall('import settings', 'client.models.generate_content(model=settings.GEMINI_MODEL, contents="hi", config=settings.GENERATION_CONFIG)'),
    };
    const { keys } = await check(files, '/p/app/service/chat.py');
    assert.deepEqual(keys, ['/p/settings.py:3 temperature-out-of-range', '/p/settings.py:3 topK-unsupported']);
  });

  it('leaves unknown what a package (not in the project), a re-bound name, or a local assignment gives', async () => {
    const files = {
      '/p/config.py': 'MODEL = "gemini-1.5-pro"\nif DEBUG:\n    MODEL = "gemini-2.5-flash"\n',
      '/p/main.py': pyCall('from google.genai import types as t\nfrom config import MODEL\nfrom .other import TEMPERATURE', 'client.models.generate_content(model=MODEL, contents="hi", config=t.GenerateContentConfig(temperature=TEMPERATURE))'),
      '/p/shadow.py': pyCall('from config import MODEL\nMODEL = os.environ["MODEL"]', 'client.models.generate_content(model=MODEL, contents="hi")'),
    };
    const main = await check(files, '/p/main.py');
    assert.equal(main.model, undefined);
    assert.deepEqual(main.keys, []);
    const shadow = await check(files, '/p/shadow.py');
    assert.equal(shadow.model, undefined);
  });

  it('ends a cycle of Python imports', async () => {
    const files = {
      '/p/a.py': pyCall('from b import MODEL\nTEMPERATURE = 7', 'client.models.generate_content(model=MODEL, contents="hi")'),
      '/p/b.py': 'from a import TEMPERATURE\nfrom b import MODEL\nMODEL = "gemini-1.0-pro"\n',
    };
    const { keys } = await check(files, '/p/a.py');
    assert.deepEqual(keys, ['/p/b.py:3 model-retired']);
  });
});

describe('module paths', () => {
  it('maps specifiers to candidate files', () => {
    assert.equal(joinPath('/p/src', '../lib/./x'), '/p/lib/x');
    assert.deepEqual(moduleCandidates('/p/src/a.ts', 'react'), []);
    assert.ok(moduleCandidates('/p/src/a.ts', './config.js').includes('/p/src/config.ts'));
    assert.ok(moduleCandidates('/p/src/a.ts', '../cfg').includes('/p/cfg/index.ts'));
    assert.deepEqual(moduleCandidates('/p/app/x/a.py', '..settings'), ['/p/app/settings.py', '/p/app/settings/__init__.py']);
    assert.deepEqual(moduleCandidates('/p/app/a.py', 'app.config', '/p'), ['/p/app/app/config.py', '/p/app/app/config/__init__.py', '/p/app/config.py', '/p/app/config/__init__.py']);
  });
});
