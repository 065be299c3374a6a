// String and JSON workload without regular expressions: builds records and text, round-trips
// them through JSON.stringify/JSON.parse, tokenizes with split/indexOf/slice, reassembles with
// join and concatenation, and hashes the results character by character.
// Exercises: string allocation and concatenation, JSON serialization and parsing, property
// enumeration of parsed objects, charCodeAt/fromCharCode, case conversion.
'use strict';

const SCALE = typeof BENCH_SCALE === 'number' && BENCH_SCALE > 0 ? BENCH_SCALE : 1;
const emit = typeof print === 'function' ? print : (s) => console.log(s);

const WORDS = ['amber', 'basalt', 'cedar', 'delta', 'ember', 'fjord', 'garnet', 'harbor', 'indigo',
  'juniper', 'kelp', 'lumen', 'meadow', 'nectar', 'onyx', 'prairie', 'quartz', 'raven', 'sierra',
  'tundra', 'umber', 'violet', 'willow', 'xenon', 'yarrow', 'zephyr'];

function hashString(h, s) {
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

function makeRecord(i) {
  const w = WORDS[i % WORDS.length];
  const tags = [];
  for (let k = 0; k < (i % 4) + 1; k++) tags.push(WORDS[(i * 7 + k * 3) % WORDS.length]);
  return {
    id: i,
    name: `${w}-${i}`,
    title: w.charAt(0).toUpperCase() + w.slice(1) + ' ' + WORDS[(i * 5) % WORDS.length],
    score: (i * 37) % 1000 / 4,
    active: i % 3 === 0,
    tags,
    location: { x: i % 17, y: (i * 3) % 23, label: `cell ${i % 17}:${(i * 3) % 23}` },
    note: i % 5 === 0 ? null : `line one\nline "two"\tend ${i}`,
  };
}

// A small hand-written template expander: replaces {key} placeholders using indexOf/slice.
function expand(template, values) {
  let out = '';
  let pos = 0;
  for (;;) {
    const open = template.indexOf('{', pos);
    if (open < 0) break;
    const close = template.indexOf('}', open);
    out += template.slice(pos, open);
    const key = template.slice(open + 1, close);
    out += key in values ? String(values[key]) : '';
    pos = close + 1;
  }
  return out + template.slice(pos);
}

function caesar(s, shift) {
  const codes = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) codes.push(97 + ((c - 97 + shift) % 26));
    else codes.push(c);
  }
  return String.fromCharCode.apply(null, codes);
}

function round(batch) {
  let h = 0;
  const records = [];
  for (let i = 0; i < 200; i++) records.push(makeRecord(batch * 200 + i));

  // JSON round trip, plus a pretty-printed variant
  const text = JSON.stringify(records);
  const back = JSON.parse(text);
  h = hashString(h, text);
  const pretty = JSON.stringify(back.slice(0, 20), null, 2);
  h = (h + pretty.length) | 0;
  let sum = 0;
  for (const r of back) {
    sum += r.score + r.tags.length + r.location.x;
    for (const k of Object.keys(r)) sum += k.length;
  }
  h = (Math.imul(h, 7) + Math.floor(sum * 4)) | 0;

  // CSV-like text: build with join, parse back with split and indexOf
  const lines = [];
  for (const r of back) lines.push([r.id, r.name, r.title, r.score, r.tags.join('|')].join(','));
  const csv = lines.join('\n');
  let fields = 0;
  for (const line of csv.split('\n')) {
    const cols = line.split(',');
    fields += cols.length + cols[4].split('|').length;
    const dash = cols[1].indexOf('-');
    h = (h + dash + cols[2].toLowerCase().length + (cols[2].startsWith('A') ? 1 : 0)) | 0;
  }
  h = (h + fields) | 0;

  // Substring search and replacement by split/join
  const big = csv.split('meadow').join('MEADOW').split('|').join(' / ');
  let found = 0;
  let at = big.indexOf('MEADOW');
  while (at >= 0) {
    found++;
    at = big.indexOf('MEADOW', at + 1);
  }
  h = (Math.imul(h, 13) + found + big.lastIndexOf('onyx') + big.length) | 0;

  // Template expansion and character-level transforms
  let report = '';
  for (let i = 0; i < back.length; i += 4) {
    const r = back[i];
    report += expand('#{id} {name} scored {score} at {label}; {missing}\n', {
      id: r.id, name: r.name, score: r.score, label: r.location.label,
    });
  }
  const shifted = caesar(report, batch % 26 + 1);
  h = hashString(h, shifted.slice(0, 400));
  h = (h + shifted.toUpperCase().indexOf('SCORED') + report.trim().length) | 0;

  // Escapes and unicode survive a JSON round trip
  const tricky = { s: `quote " backslash \\ tab \t \u00e9 ${batch} \u2603`, list: [1.5, -0, 1e21, 0.1] };
  const again = JSON.parse(JSON.stringify(tricky));
  h = hashString(h, JSON.stringify(again));
  return h;
}

const rounds = Math.max(1, Math.round(280 * SCALE));
let checksum = 0;
for (let b = 0; b < rounds; b++) checksum = (Math.imul(checksum, 31) + round(b)) | 0;
emit(`checksum: ${checksum >>> 0}`);
