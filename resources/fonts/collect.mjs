// Copies the badge fonts out of @fontsource packages (woff2, weights 400 and 700) and writes
// fonts.json: one entry per file with its family, weight and unicode-range.
// Usage: node resources/fonts/collect.mjs /path/to/node_modules/@fontsource
import fs from 'node:fs';
import path from 'node:path';

const source = process.argv[2];
const out = path.dirname(new URL(import.meta.url).pathname);
const packages = ['noto-sans', 'noto-sans-arabic', 'noto-sans-hebrew', 'noto-sans-armenian', 'noto-sans-georgian', 'noto-sans-khmer', 'noto-sans-sc', 'noto-sans-kr'];
const skip = /-(devanagari|math|symbols)-/;
const fonts = [];
fs.mkdirSync(path.join(out, 'files'), { recursive: true });
for (const pkg of packages) {
  const version = JSON.parse(fs.readFileSync(path.join(source, pkg, 'package.json'), 'utf8')).version;
  fs.copyFileSync(path.join(source, pkg, 'LICENSE'), path.join(out, 'licenses', `${pkg}-OFL.txt`));
  for (const weight of [400, 700]) {
    const css = fs.readFileSync(path.join(source, pkg, `${weight}.css`), 'utf8');
    for (const block of css.split('@font-face').slice(1)) {
      const family = /font-family: '([^']+)'/.exec(block)[1];
      const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(block)[1];
      const range = /unicode-range: ([^;]+);/.exec(block)[1];
      if (skip.test(file)) continue;
      // The Arabic/Hebrew/... packages repeat Noto Sans' Latin subsets: keep their own script only.
      if (pkg !== 'noto-sans' && /-(latin|latin-ext|cyrillic|cyrillic-ext|greek|greek-ext|vietnamese)-\d/.test(file)) continue;
      fs.copyFileSync(path.join(source, pkg, 'files', file), path.join(out, 'files', file));
      fonts.push({ family, weight, file: `files/${file}`, unicodeRange: range, package: `@fontsource/${pkg}@${version}` });
    }
  }
}
fs.writeFileSync(path.join(out, 'fonts.json'), JSON.stringify({ version: 1, fonts }, null, 1) + '\n');
console.log(fonts.length, 'files');
