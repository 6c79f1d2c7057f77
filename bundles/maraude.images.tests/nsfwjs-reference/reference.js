// Test-only reference for maraude.images' NsfwModel parity test: the published NSFWJS package
// (MobileNetV2 model) run on TensorFlow.js's CPU backend. Reads pictures as raw RGB from the file
// named by the first argument (int32 big-endian count, then for each picture int32 width, int32
// height, width*height*3 bytes row by row) and prints one JSON document: for each picture the
// five class probabilities in the model's class order (Drawing, Hentai, Neutral, Porn, Sexy).
'use strict';
// Libraries' notices go to stderr: stdout carries the one JSON document.
console.info = console.log = (...a) => console.error(...a);
const fs = require('fs');
const tf = require('@tensorflow/tfjs');
const nsfwjs = require('nsfwjs');

async function main() {
  await tf.setBackend('cpu');
  const model = await nsfwjs.load('MobileNetV2');
  const buf = fs.readFileSync(process.argv[2]);
  let at = 0;
  const count = buf.readInt32BE(at); at += 4;
  const out = [];
  for (let i = 0; i < count; i++) {
    const w = buf.readInt32BE(at); at += 4;
    const h = buf.readInt32BE(at); at += 4;
    const pixels = new Int32Array(buf.subarray(at, at + w * h * 3)); at += w * h * 3;
    const img = tf.tensor3d(pixels, [h, w, 3], 'int32');
    const probs = model.infer(img);
    out.push(Array.from(await probs.data()));
    probs.dispose();
    img.dispose();
  }
  process.stdout.write(JSON.stringify({ backend: tf.getBackend(), tfjs: tf.version.tfjs, probabilities: out }) + '\n');
}

main().catch(e => { console.error(e && e.stack || e); process.exit(1); });
