// The text of a PDF that Chromium printed, page by page, so a test can check what a printed form says and in which
// order (no PDF library: Chromium writes every page's text as glyph codes of Type0 fonts, each with a ToUnicode
// map, in Flate-compressed content streams). Enough for the app's own printouts, not a general PDF reader.
import zlib from 'node:zlib';

/** The objects of the file: id → { dict, stream (inflated Buffer or null) }. */
function objects(pdf) {
  const text = pdf.toString('latin1');
  const out = new Map();
  const re = /(\d+) 0 obj\b/g;
  let m;
  while ((m = re.exec(text))) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endobj', start);
    if (end < 0) break;
    const body = text.slice(start, end);
    const s = body.indexOf('stream');
    let dict = body;
    let stream = null;
    if (s >= 0 && /^stream\r?\n/.test(body.slice(s))) {
      dict = body.slice(0, s);
      const from = start + s + body.slice(s).match(/^stream\r?\n/)[0].length;
      const to = start + body.lastIndexOf('endstream');
      const raw = pdf.subarray(from, to);
      stream = /\/FlateDecode/.test(dict) ? zlib.inflateSync(raw, { finishFlush: zlib.constants.Z_SYNC_FLUSH }) : raw;
    }
    out.set(+m[1], { dict, stream });
    re.lastIndex = end;
  }
  return out;
}

const utf16 = (hex) => {
  let s = '';
  for (let i = 0; i + 4 <= hex.length; i += 4) s += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
  return s;
};

/** A ToUnicode CMap: glyph code (number) → text. */
function cmap(text) {
  const map = new Map();
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, src, dst] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(src, 16), utf16(dst));
  }
  for (const block of block2(text)) {
    for (const [, a, b, rest] of block.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]+>|\[[^\]]*\])/g)) {
      const lo = parseInt(a, 16);
      const hi = parseInt(b, 16);
      if (rest.startsWith('[')) {
        [...rest.matchAll(/<([0-9a-fA-F]+)>/g)].forEach(([, d], i) => map.set(lo + i, utf16(d)));
      } else {
        const first = utf16(rest.slice(1, -1));
        for (let c = lo; c <= hi; c++) {
          map.set(c, first.slice(0, -1) + String.fromCharCode(first.charCodeAt(first.length - 1) + (c - lo)));
        }
      }
    }
  }
  return map;
}

function block2(text) {
  return [...text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)].map((m) => m[1]);
}

const ref = (dict, key) => {
  const m = dict.match(new RegExp(`/${key}\\s+(\\d+) 0 R`));
  return m ? +m[1] : null;
};

/** The text of each page, in the order the content streams draw it. */
export function pdfPages(pdf) {
  const objs = objects(pdf);
  const maps = new Map();
  const fontMap = (id) => {
    if (!maps.has(id)) {
      const font = objs.get(id);
      const cm = font && ref(font.dict, 'ToUnicode');
      maps.set(id, cm && objs.get(cm)?.stream ? cmap(objs.get(cm).stream.toString('latin1')) : new Map());
    }
    return maps.get(id);
  };
  const pages = [...objs.values()].filter((o) => /\/Type\s*\/Page\b/.test(o.dict));
  return pages.map((page) => {
    let res = page.dict;
    const resRef = ref(page.dict, 'Resources');
    if (resRef) res = objs.get(resRef).dict;
    const fontsAt = res.match(/\/Font\s*(<<[\s\S]*?>>|(\d+) 0 R)/);
    let fontDict = fontsAt ? fontsAt[1] : '';
    if (fontsAt && fontsAt[2]) fontDict = objs.get(+fontsAt[2]).dict;
    const fonts = new Map([...fontDict.matchAll(/\/([\w.-]+)\s+(\d+) 0 R/g)].map(([, name, id]) => [name, +id]));
    const contents = page.dict.match(/\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/);
    const ids = contents ? [...contents[1].matchAll(/(\d+) 0 R/g)].map((m) => +m[1]) : [];
    let out = '';
    let map = new Map();
    for (const id of ids) {
      const ops = objs.get(id).stream.toString('latin1');
      for (const [, font, hex, arr] of ops.matchAll(/\/([\w.-]+)\s+[\d.]+\s+Tf|<([0-9a-fA-F]*)>\s*Tj|\[((?:[^\]])*)\]\s*TJ/g)) {
        if (font) map = fontMap(fonts.get(font));
        const strings = hex !== undefined ? [hex] : arr !== undefined ? [...arr.matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]) : [];
        for (const h of strings) {
          for (let i = 0; i + 4 <= h.length; i += 4) out += map.get(parseInt(h.slice(i, i + 4), 16)) ?? '';
        }
      }
    }
    return out;
  });
}

/** Asserts-friendly: the index in `text` of each of `parts` in turn, -1 from the first one missing or out of order. */
export function inOrder(text, parts) {
  let at = 0;
  const found = [];
  for (const p of parts) {
    const i = text.indexOf(p, at);
    found.push(i);
    if (i < 0) break;
    at = i + p.length;
  }
  return found;
}
