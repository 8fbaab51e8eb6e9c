/** CSV per RFC 4180 (quotes doubled, fields with , " or newlines quoted), with a BOM so Excel reads UTF-8 Chinese. */
export type CsvColumn<Row> = { title: string; value: (row: Row) => string | number | null | undefined };

function field(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv<Row>(columns: CsvColumn<Row>[], rows: Row[]): string {
  const lines = [columns.map((c) => field(c.title)).join(','), ...rows.map((row) => columns.map((c) => field(c.value(row))).join(','))];
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}

export function downloadCsv(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
