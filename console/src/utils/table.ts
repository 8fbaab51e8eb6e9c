import type { PrimaryTableCol, TableRowData } from 'tdesign-vue-next';

/** A table column typed by its row; `text` renders the cell from the row. */
export interface Column<Row> {
  colKey: string;
  title: string;
  text?: (row: Row) => string | number;
}

export function tableColumns<Row>(columns: Column<Row>[]): PrimaryTableCol<TableRowData>[] {
  return columns.map((c) => {
    const text = c.text;
    return { colKey: c.colKey, title: c.title, ...(text ? { cell: (_h: unknown, { row }: { row: TableRowData }) => String(text(row as Row)) } : {}) };
  });
}
