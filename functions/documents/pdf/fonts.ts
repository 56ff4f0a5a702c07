// The document fonts: Noto Naskh Arabic (SIL Open Font License 1.1, which allows embedding them in documents),
// from the @fontsource/noto-naskh-arabic package, its Arabic and Latin files. In Lambda they are files next to
// the handler (copied there at bundling, never base64 in the code: the bundle stays small); elsewhere (the local
// cloud, tests) they are read from the package. Read once per process, on the first document.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { documentFontFiles } from '../../../lib/catalogue/document-pdf';
import { environment } from '../../shared/environment';
import { readFont } from './font';
import type { Fonts } from './line';


function fontPath(file: string): string {
  const taskRoot = environment().LAMBDA_TASK_ROOT;
  if (taskRoot) {
    return path.join(taskRoot, path.basename(file));
  }
  return createRequire(path.join(process.cwd(), 'package.json')).resolve(file.replace(/^node_modules\//, ''));
}

let loaded: Fonts | undefined;

export function documentFonts(): Fonts {
  loaded ??= {
    arabic: readFont(readFileSync(fontPath(documentFontFiles.arabic))),
    latin: readFont(readFileSync(fontPath(documentFontFiles.latin))),
  };
  return loaded;
}
