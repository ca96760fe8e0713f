// The npm peers on the same corpus: HF `tokenizers` (Rust binding; single thread with
// TOKENIZERS_PARALLELISM=false, batched with RAYON_NUM_THREADS) and transformers.js (single thread).
// Usage: node bench.js <engine: hf|tjs> <mode: single|batch> <tokenizer_dir> <corpus.json> [repeats]
const fs = require('fs');
const path = require('path');
const [engine, mode, dir, corpusPath, repeatsArg] = process.argv.slice(2);
const repeats = Number(repeatsArg || 2);
const docs = JSON.parse(fs.readFileSync(corpusPath, 'utf8'));
const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d, 'utf8'), 0);

// Wall time and process CPU time (user + system, all threads); best of `repeats` for each.
let cpuBest = Infinity;
async function timed(run) {
  let best = Infinity, tokens = 0;
  for (let r = 0; r < repeats; ++r) {
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    tokens = await run();
    const c = process.cpuUsage(c0);
    cpuBest = Math.min(cpuBest, (c.user + c.system) / 1e6);
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return [tokens, best];
}

(async () => {
  let label, tokens, seconds, load;
  if (engine === 'hf') {
    const { Tokenizer } = require(path.join(__dirname, 'node_modules/tokenizers'));
    const t0 = process.hrtime.bigint();
    const tok = Tokenizer.fromFile(path.join(dir, 'tokenizer.json'));
    load = Number(process.hrtime.bigint() - t0) / 1e9;
    // Whole corpus in one encodeBatch call: one JS->Rust crossing, the Rust loop does the work.
    [tokens, seconds] = await timed(async () => {
      const encs = await tok.encodeBatch(docs, { addSpecialTokens: true });
      return encs.reduce((n, e) => n + e.getIds().length, 0);
    });
    label = 'HF tokenizers 0.23.2 (Rust, npm)';
  } else {
    const tjs = await import(path.join(__dirname, 'node_modules/@huggingface/transformers/dist/transformers.node.mjs'));
    tjs.env.allowRemoteModels = false;
    tjs.env.localModelPath = path.dirname(dir);
    const t0 = process.hrtime.bigint();
    const tok = await tjs.AutoTokenizer.from_pretrained(path.basename(dir));
    load = Number(process.hrtime.bigint() - t0) / 1e9;
    [tokens, seconds] = await timed(async () => {
      let n = 0;
      for (const d of docs) n += tok.encode(d).length;
      return n;
    });
    label = 'transformers.js 4.3.1';
  }
  console.log(JSON.stringify({ engine: label, mode: mode === 'batch' ? `batch, ${process.env.RAYON_NUM_THREADS || 2} threads` : '1 thread',
                               tokens, bytes, seconds, cpu_seconds: cpuBest, load_seconds: load }));
})().catch((e) => { console.error(e); process.exit(1); });
