/**
 * Formats records as RFC 4180 CSV: a header row, LF line ends (and one after the last record), and a field
 * quoted only when it holds a comma, a double quote or a line break, with inner quotes doubled. Leading and
 * trailing spaces are data under RFC 4180, so they are written as they are.
 *
 * @param header The column names.
 * @param rows The records, each as long as the header.
 * @returns The CSV text.
 * @throws RangeError when a record's length differs from the header's.
 * @example
 * formatCsv(['name', 'spend'], [['Ann', '1,234.50']]); // 'name,spend\nAnn,"1,234.50"\n'
 */
export function formatCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  rows.forEach((row, i) => {
    if (row.length !== header.length) {
      throw new RangeError(
        `formatCsv: record ${i + 1} has ${row.length} fields, the header has ${header.length}`,
      );
    }
  });
  const lines = [header, ...rows].map((record) => record.map(quoteCsvField).join(','));
  return lines.join('\n') + '\n';
}

function quoteCsvField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}
