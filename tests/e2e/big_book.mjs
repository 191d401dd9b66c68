// A copy of the bank's data (data/) in which one banker has more customers: copies of existing
// rows, in turn, with new ids (so names repeat; the copies have no transactions). The book tests
// and benchmarks use it to make large books.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repo } from '../support/browser.mjs';

// The customer rows of data/customerdata.csv, header first.
export function customerRows() {
  return readFileSync(path.join(repo, 'data/customerdata.csv'), 'utf8').trimEnd().split('\n');
}

// How many customers `banker` ("B01") has in the bundled data.
export function bundledBookSize(banker) {
  return customerRows().slice(1).filter((l) => new RegExp(`,${banker}\\r?$`).test(l)).length;
}

// Writes the data folder `dir` with `extra` more customers for `banker`, ids from `firstId`.
// `more(rows)` may add rows of its own (each a CSV line). Returns `dir`.
export function dataWithBiggerBook(dir, { banker, extra, firstId = 20001, more = () => [] }) {
  cpSync(path.join(repo, 'data'), dir, { recursive: true });
  const rows = customerRows();
  const added = [];
  for (let i = 0; i < extra; ++i) {
    const row = rows[1 + (i % (rows.length - 1))];
    added.push(String(firstId + i) + row.slice(row.indexOf(',')).replace(/,B0\d\r?$/, `,${banker}`));
  }
  writeFileSync(path.join(dir, 'customerdata.csv'), rows.concat(added, more(rows)).join('\n') + '\n');
  return dir;
}
