// Rebuilds maraude.images' model file from the pinned NSFWJS package (npm ci installed it from
// package-lock.json, whose sha512 integrity npm checks): the MobileNetV2 model of
// dist/models/mobilenet_v2 (Keras layers topology + one uint8-quantised weight shard), written as
// a compact file that Java reads without a JSON or JavaScript parser:
//   text header, one item per line (model, source, classes, input, tensor..., layer..., end),
//   then the uint8 weights exactly as published, tensor after tensor in the header's order.
// A tensor's value is q * scale + min (TensorFlow.js's dequantisation). Usage: node convert.js OUT
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const VERSION = '4.4.0';
const INTEGRITY = 'sha512-krC1fgeTLXtZwgdpKJ0jm7hqv0gTSRQQRL+FhOaxaJ9Wj92t42BO3csO2odwgTAgZgf2RvkwPtp0R8Aa7dc+MA==';

const lock = JSON.parse(fs.readFileSync(path.join(__dirname, 'package-lock.json'), 'utf8'));
const locked = lock.packages['node_modules/nsfwjs'];
const dir = path.join(__dirname, 'node_modules', 'nsfwjs');
const installed = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
if (locked.version !== VERSION || locked.integrity !== INTEGRITY || installed !== VERSION) {
  throw new Error(`nsfwjs must be ${VERSION} with integrity ${INTEGRITY} (locked ${locked.version} ${locked.integrity}, installed ${installed})`);
}
const model = require(path.join(dir, 'dist/models/mobilenet_v2/model.min.js'));
const shard = Buffer.from(require(path.join(dir, 'dist/models/mobilenet_v2/group1-shard1of1.min.js')), 'base64');

const lines = ['model nsfwjs-mobilenet_v2 1', `source nsfwjs ${VERSION} ${INTEGRITY} dist/models/mobilenet_v2`,
  'classes Drawing Hentai Neutral Porn Sexy', 'input 224 224 3'];
const manifest = model.weightsManifest;
if (manifest.length !== 1 || manifest[0].paths.length !== 1) throw new Error('one weight shard expected');
let bytes = 0;
for (const w of manifest[0].weights) {
  const q = w.quantization;
  if (w.dtype !== 'float32' || !q || q.dtype !== 'uint8') throw new Error(`${w.name}: uint8-quantised float32 expected`);
  const n = w.shape.reduce((a, b) => a * b, 1);
  lines.push(`tensor ${w.name} ${w.shape.join(',')} ${q.min} ${q.scale}`);
  bytes += n;
}
if (bytes !== shard.length) throw new Error(`shard has ${shard.length} bytes, manifest ${bytes}`);

const KEYS = ['filters', 'units', 'kernel_size', 'strides', 'padding', 'pool_size', 'use_bias', 'activation',
  'depth_multiplier', 'dilation_rate', 'epsilon', 'axis', 'center', 'scale', 'max_value', 'negative_slope',
  'threshold', 'data_format', 'rate'];
for (const l of model.modelTopology.model_config.config.layers) {
  const inputs = l.inbound_nodes.length === 0 ? '-' : l.inbound_nodes[0].map(n => n[0]).join(',');
  const parts = [`layer ${l.class_name} ${l.name} ${inputs}`];
  for (const k of KEYS) {
    const v = l.config[k];
    if (v === undefined || v === null) continue;
    parts.push(`${k}=${Array.isArray(v) ? v.flat().join(',') : v}`);
  }
  lines.push(parts.join(' '));
}
const out = model.modelTopology.model_config.config.output_layers.map(o => o[0]).join(',');
lines.push(`output ${out}`, 'end', '');
const file = Buffer.concat([Buffer.from(lines.join('\n'), 'utf8'), shard]);
fs.writeFileSync(process.argv[2], file);
console.error(`${process.argv[2]}: ${file.length} bytes, sha256 ${crypto.createHash('sha256').update(file).digest('hex')}`);
