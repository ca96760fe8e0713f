// ONNX Runtime (onnxruntime-node) side of bench/bert/run.sh: times <dir>/bert_base.onnx.
// Usage: node ort_bench.js <dir> <seq> <iters> <batches,..> <threads,..>
// Prints one line per (batch, threads): "ort threads=T batch=B seq=S median_ms=... min_ms=... cpu_ms=...".
const ort = require('onnxruntime-node');
const path = require('path');

async function main() {
  const [dir, seqArg, itersArg, batchesArg, threadsArg] = process.argv.slice(2);
  const seq = Number(seqArg), iters = Number(itersArg);
  for (const batch of batchesArg.split(',').map(Number)) {
    for (const threads of threadsArg.split(',').map(Number)) {
      const session = await ort.InferenceSession.create(path.join(dir, 'bert_base.onnx'), {
        intraOpNumThreads: threads, interOpNumThreads: 1, executionMode: 'sequential',
        graphOptimizationLevel: 'all',
      });
      const n = batch * seq;
      const ids = new BigInt64Array(n), mask = new BigInt64Array(n);
      for (let i = 0; i < n; ++i) { ids[i] = BigInt((i * 7919 + 101) % 30522); mask[i] = 1n; }
      const feeds = {
        input_ids: new ort.Tensor('int64', ids, [batch, seq]),
        attention_mask: new ort.Tensor('int64', mask, [batch, seq]),
      };
      await session.run(feeds);
      const ms = [];
      const cpu0 = process.cpuUsage();
      for (let i = 0; i < iters; ++i) {
        const t0 = process.hrtime.bigint();
        await session.run(feeds);
        ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      const cpu = process.cpuUsage(cpu0);
      const cpuMs = (cpu.user + cpu.system) / 1000 / iters;
      ms.sort((a, b) => a - b);
      console.log(`ort threads=${threads} batch=${batch} seq=${seq} median_ms=${ms[Math.floor(ms.length / 2)].toFixed(2)} ` +
                  `min_ms=${ms[0].toFixed(2)} cpu_ms=${cpuMs.toFixed(2)}`);
      await session.release();
    }
  }
}
main().catch((e) => { console.error(e); process.exit(1); });
