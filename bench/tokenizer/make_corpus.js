// Builds the benchmark corpus: a JSON array of documents (paragraphs) from /usr/share/common-licenses,
// the fixture case strings (multilingual, emoji, code, whitespace runs) and /usr/share/doc/*/copyright,
// in sorted order, until about `target_mb` MB. Usage: node make_corpus.js <out.json> [target_mb=3]
const fs = require('fs');
const path = require('path');
const [out, targetArg] = process.argv.slice(2);
const target = Number(targetArg || 3) * 1e6;
const root = path.resolve(__dirname, '..', '..');
const docs = [];
let bytes = 0;
const add = (text) => {
  for (const para of text.split(/\n\s*\n/)) {
    const p = para.trim();
    if (!p || bytes >= target) continue;
    docs.push(p);
    bytes += Buffer.byteLength(p, 'utf8');
  }
};
const readDir = (dir, pick) => {
  let names = [];
  try { names = fs.readdirSync(dir).sort(); } catch (e) { return; }
  for (const n of names) {
    const f = pick(path.join(dir, n));
    try { if (fs.statSync(f).isFile()) add(fs.readFileSync(f, 'utf8')); } catch (e) { /* unreadable: skip */ }
  }
};
readDir('/usr/share/common-licenses', (f) => f);
const fixtures = path.join(root, 'tests/fixtures/tokenizers');
const cases = [];
for (const n of fs.readdirSync(fixtures).sort()) {
  const f = path.join(fixtures, n, 'cases.jsonl');
  if (!fs.existsSync(f)) continue;
  for (const line of fs.readFileSync(f, 'utf8').split('\n')) if (line) cases.push(JSON.parse(line).text);
}
for (const t of [...new Set(cases)]) if (t.trim() && bytes < target) { docs.push(t); bytes += Buffer.byteLength(t, 'utf8'); }
// Then everything again plus Debian copyright files until the target size is reached.
readDir('/usr/share/doc', (d) => path.join(d, 'copyright'));
while (bytes < target) { const n = docs.length; for (let i = 0; i < n && bytes < target; ++i) { docs.push(docs[i]); bytes += Buffer.byteLength(docs[i], 'utf8'); } }
fs.writeFileSync(out, JSON.stringify(docs));
console.error(`corpus: ${docs.length} documents, ${(bytes / 1e6).toFixed(2)} MB -> ${out}`);
