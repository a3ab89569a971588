#!/usr/bin/env node
// Draws the two icons of the Teams app package, with nothing but Node:
//   color.png    192x192, a rounded square in the accent colour with a white document and a check mark
//   outline.png  32x32, the document and check mark alone, white on transparent
// Usage: node deploy/teams/make-icons.js [output folder]   (default: this folder)
//
// The PNGs are kept simple on purpose, so the tests can decode them with node:zlib alone:
// 8-bit RGBA (colour type 6), no interlace, filter type 0 on every row.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

/** The manifest's accentColor; the colour icon's background. */
const ACCENT = readAccentColor();
/** Samples per pixel side: edges are anti-aliased by coverage. */
const SUPERSAMPLE = 4;

// ---- PNG encoding -------------------------------------------------------------------------------

/** CRC-32 (ISO 3309, polynomial 0xEDB88320), as PNG chunks need. */
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** Encodes RGBA pixels (width*height*4 bytes, rows top to bottom) as a PNG. */
function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method 0
  ihdr[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type 0 (None)
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---- Shapes, in unit coordinates (0..1 on both axes, y down) ------------------------------------

function insideRoundedSquare(x, y, inset, radius) {
  const lo = inset + radius;
  const hi = 1 - inset - radius;
  const dx = Math.max(lo - x, 0, x - hi);
  const dy = Math.max(lo - y, 0, y - hi);
  if (x < inset || x > 1 - inset || y < inset || y > 1 - inset) return false;
  return dx * dx + dy * dy <= radius * radius;
}

/** A sheet of paper with its top-right corner folded down: left, top, right, bottom, fold size. */
function documentShape(left, top, right, bottom, fold) {
  return {
    body: (x, y) => x >= left && x <= right && y >= top && y <= bottom && x - (right - fold) <= y - top,
    flap: (x, y) => x >= right - fold && y <= top + fold && x - (right - fold) <= y - top,
  };
}

function distanceToSegment(x, y, [ax, ay], [bx, by]) {
  const vx = bx - ax;
  const vy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * vx + (y - ay) * vy) / (vx * vx + vy * vy)));
  return Math.hypot(x - (ax + t * vx), y - (ay + t * vy));
}

/** A check mark: two strokes meeting at the bottom. */
function checkMark(points, width) {
  return (x, y) => {
    for (let i = 0; i + 1 < points.length; i++) {
      if (distanceToSegment(x, y, points[i], points[i + 1]) <= width / 2) return true;
    }
    return false;
  };
}

// ---- Rendering ----------------------------------------------------------------------------------

/**
 * Renders size x size pixels; `paint(x, y)` returns the [r, g, b, a] (0..255) at a point in unit
 * coordinates. Each pixel averages SUPERSAMPLE^2 samples, weighted by alpha.
 */
function render(size, paint) {
  const rgba = Buffer.alloc(size * size * 4);
  const n = SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const [cr, cg, cb, ca] = paint((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          r += cr * ca;
          g += cg * ca;
          b += cb * ca;
          a += ca;
        }
      }
      const i = (py * size + px) * 4;
      if (a === 0) continue; // fully transparent: leave 0,0,0,0
      rgba[i] = Math.round(r / a);
      rgba[i + 1] = Math.round(g / a);
      rgba[i + 2] = Math.round(b / a);
      rgba[i + 3] = Math.round(a / (n * n));
    }
  }
  return rgba;
}

const TRANSPARENT = [0, 0, 0, 0];
const WHITE = [255, 255, 255, 255];

/** 192x192: accent rounded square, white document, accent check mark, tinted fold. */
function colorIcon() {
  const accent = [...hexToRgb(ACCENT), 255];
  const fold = [...mix(hexToRgb(ACCENT), [255, 255, 255], 0.6), 255];
  const doc = documentShape(0.27, 0.17, 0.73, 0.83, 0.14);
  const check = checkMark([[0.36, 0.52], [0.46, 0.63], [0.65, 0.4]], 0.075);
  return render(192, (x, y) => {
    if (!insideRoundedSquare(x, y, 0, 0.18)) return TRANSPARENT;
    if (doc.flap(x, y)) return fold;
    if (doc.body(x, y)) return check(x, y) ? accent : WHITE;
    return accent;
  });
}

/** 32x32: the white document with the check mark and the fold's edges cut out, on transparent. */
function outlineIcon() {
  const doc = documentShape(0.16, 0.06, 0.84, 0.94, 0.22);
  const check = checkMark([[0.3, 0.52], [0.45, 0.68], [0.7, 0.38]], 0.11);
  // The flap's two inner edges, as thin transparent gaps so the corner reads as folded.
  const crease = [0.84 - 0.22, 0.06 + 0.22];
  const foldEdge = (x, y) =>
    distanceToSegment(x, y, [crease[0], 0.06], crease) <= 0.04 || distanceToSegment(x, y, crease, [0.84, crease[1]]) <= 0.04;
  return render(32, (x, y) => {
    if (!doc.body(x, y) && !doc.flap(x, y)) return TRANSPARENT;
    if (check(x, y) || foldEdge(x, y)) return TRANSPARENT;
    return WHITE;
  });
}

// ---- Helpers ------------------------------------------------------------------------------------

function hexToRgb(hex) {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`make-icons: accentColor "${hex}" is not #rrggbb`);
  return match.slice(1).map((h) => parseInt(h, 16));
}

function mix(from, to, amount) {
  return from.map((c, i) => Math.round(c + (to[i] - c) * amount));
}

function readAccentColor() {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, 'manifest.json'), 'utf8'));
  return manifest.accentColor;
}

function main() {
  const out = path.resolve(process.argv[2] ?? __dirname);
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'color.png'), encodePng(192, 192, colorIcon()));
  fs.writeFileSync(path.join(out, 'outline.png'), encodePng(32, 32, outlineIcon()));
  process.stdout.write(`make-icons: wrote color.png (192x192) and outline.png (32x32) to ${out}\n`);
}

main();
