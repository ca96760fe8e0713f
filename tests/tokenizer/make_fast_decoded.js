// Regenerates tests/tokenizer/data/fast_decoded.json: HF's Rust `tokenizers` (npm binding, the engine
// of every *TokenizerFast) decoding the model fixtures' reference ids, followed by transformers'
// clean_up_tokenization when the fixture's tokenizer_config.json asks for it — i.e. what
// AutoTokenizer.from_pretrained(dir).decode(ids) returns with the (default) fast tokenizer.
// The fixtures' own "decoded" strings come from HF's slow tokenizers, which differ for a few
// sentencepiece cases. Usage: node tests/tokenizer/make_fast_decoded.js  (needs bench/tokenizer's npm install)
const fs = require('fs');
const path = require('path');
const root = path.resolve(__dirname, '..', '..');
const { Tokenizer } = require(path.join(root, 'bench/tokenizer/node_modules/tokenizers'));

function cleanUp(s) {
  return s.split(' .').join('.').split(' ?').join('?').split(' !').join('!').split(' ,').join(',')
    .split(" ' ").join("'").split(" n't").join("n't").split(" 'm").join("'m").split(" 's").join("'s")
    .split(" 've").join("'ve").split(" 're").join("'re");
}

(async () => {
  const modelsDir = path.join(root, 'tests/fixtures/models');
  const out = {};
  for (const name of fs.readdirSync(modelsDir).sort()) {
    const dir = path.join(modelsDir, name);
    const tj = path.join(dir, 'tokenizer.json');
    if (!fs.existsSync(tj)) continue;
    const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8'));
    if (!expected.tokenizer_cases) continue;
    let clean = true;
    const cfgPath = path.join(dir, 'tokenizer_config.json');
    if (fs.existsSync(cfgPath)) {
      const cfg = JSON.parse(fs.readFileSync(cfgPath, 'utf8'));
      if (cfg.clean_up_tokenization_spaces === false) clean = false;
    }
    const tok = Tokenizer.fromFile(tj);
    const rows = [];
    for (const c of expected.tokenizer_cases) {
      if (c.text_pair !== undefined) continue;
      let d = await tok.decode(c.ids, false);
      let s = await tok.decode(c.ids, true);
      if (clean) { d = cleanUp(d); s = cleanUp(s); }
      rows.push({ text: c.text, decoded: d, decoded_skip_special: s });
    }
    out[name] = rows;
  }
  const file = path.join(__dirname, 'data', 'fast_decoded.json');
  fs.writeFileSync(file, JSON.stringify(out, null, 1) + '\n');
  console.log('wrote', file);
})();
