// Records what ot.js's TextOperation (the reference implementation of the
// operations collab implements) answers for random cases, into
// otjs_golden.json, which collab's tests replay without Node. Run it through
// record_otjs.sh, which fetches ot.js from npm.
//
// Usage: node otjs_record.js PATH/TO/ot/lib > otjs_golden.json
'use strict';
const path = require('path');
const TextOperation = require(path.join(process.argv[2], 'text-operation.js'));
const Selection = require(path.join(process.argv[2], 'selection.js'));

// A seeded generator (xorshift32), so that re-recording gives the same cases.
let seed = 0x2545f491;
function rnd(n) {
  seed ^= seed << 13; seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5; seed >>>= 0;
  return seed % n;
}
// Code points of the Basic Multilingual Plane only: there ot.js's UTF-16
// units and collab's code points coincide.
const alphabet = ['a', 'b', 'c', 'x', 'y', 'z', ' ', '\n', 'λ', 'é', '中'];
function randString(max) {
  let s = '';
  for (let n = rnd(max + 1); n > 0; n--) s += alphabet[rnd(alphabet.length)];
  return s;
}
function randOp(doc) {
  const o = new TextOperation();
  let left = doc.length;
  while (left > 0) {
    const n = 1 + rnd(Math.min(left, 12));
    switch (rnd(4)) {
      case 0: o.insert(randString(6)); break;
      case 1: o['delete'](n); left -= n; break;
      default: o.retain(n); left -= n;
    }
  }
  if (rnd(3) === 0) o.insert(randString(6));
  return o;
}
// Unnormalized JSON: split retains and deletes, interleave empty inserts
// and deletes before inserts, to record fromJSON's normalization.
function scramble(o) {
  const out = [];
  for (const c of o.toJSON()) {
    if (typeof c === 'number' && Math.abs(c) > 1 && rnd(2) === 0) {
      const k = 1 + rnd(Math.abs(c) - 1);
      out.push(Math.sign(c) * k, Math.sign(c) * (Math.abs(c) - k));
    } else {
      out.push(c);
    }
    if (rnd(5) === 0) out.push('');
  }
  return out;
}

const cases = [];
for (let i = 0; i < 400; i++) {
  const doc = randString(30);
  const a = randOp(doc), b = randOp(doc);
  const pair = TextOperation.transform(a, b);
  const afterA = a.apply(doc);
  const c = randOp(afterA);
  const raw = scramble(a);
  const cursor = rnd(doc.length + 1);
  cases.push({
    doc: doc,
    a: a.toJSON(),
    b: b.toJSON(),
    c: c.toJSON(),
    raw: raw,
    cursor: cursor,
    // What ot.js answers:
    normalized: TextOperation.fromJSON(raw).toJSON(),
    transformA: pair[0].toJSON(),
    transformB: pair[1].toJSON(),
    applied: afterA,
    compose: a.compose(c).toJSON(),
    invert: a.invert(doc).toJSON(),
    cursorOwn: new Selection.Range(cursor, cursor).transform(a).head,
  });
}
process.stdout.write(JSON.stringify({otjs: require(path.join(process.argv[2], '..', 'package.json')).version, cases: cases}, null, 0) + '\n');
