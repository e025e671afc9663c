/**
 * The Dataframe's state without the DOM: the value (Gradio's `{headers, data, metadata}`), the
 * order rows are shown in (a header click sorts the view, never the value), the active cell and
 * the keyboard rules that move it, and the edits the user may make. The grid (dataframe.ts)
 * draws it and binds the DOM events to these methods.
 *
 * A long table is remote: Python sent its first rows and `total`, keeps the rest, and sorts it
 * (nbblocks/windows.py); `value.data` then holds the rows fetched so far by their place in the
 * view, and `remote.index` each one's row in the value. A row or column the user adds or removes
 * there changes the shape here and the whole value in Python; the rows fetched so far are
 * dropped, asked again as they come in sight, and answers to earlier requests are ignored
 * (`generation`).
 */

import type { RowsMessage } from "../protocol";

export type Cell = string | number | boolean | null;
export type Datatype = "str" | "number" | "bool" | "date" | "markdown" | "html";

export interface DataframeValue {
  headers: string[];
  data: Cell[][];
  /** A pandas Styler's per-cell shown text and CSS, rows as in `data`. */
  metadata: { display_value?: string[][]; styling?: string[][] } | null;
  /** A long table's row count, when Python sent only its first rows (nbblocks/windows.py). */
  total?: number;
}

/** Where the active cell goes for a key, or null when the key is not a move. */
export type Move = "up" | "down" | "left" | "right" | "next" | "previous";

const MOVES: Record<string, Move> = { ArrowUp: "up", ArrowDown: "down", ArrowLeft: "left", ArrowRight: "right" };

export function moveFor(key: string, shift: boolean): Move | null {
  if (key === "Tab") return shift ? "previous" : "next";
  return MOVES[key] ?? null;
}

/** Text the user typed as the column's kind of value: numbers stay numbers, bools bools. */
export function parseCell(text: string, kind: Datatype): Cell {
  if (kind === "number") {
    const number = Number(text);
    return text.trim() !== "" && Number.isFinite(number) ? number : text;
  }
  if (kind === "bool") return /^(true|1|yes)$/i.test(text.trim());
  return text;
}

function compare(a: Cell, b: Cell): number {
  if (a === b) return 0;
  if (a === null || a === "") return 1; // blanks last, whichever the direction
  if (b === null || b === "") return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}

export class TableModel {
  value: DataframeValue = { headers: [], data: [], metadata: null };
  /** Row indices of `value.data` in the order shown. */
  order: number[] = [];
  sort: { column: number; descending: boolean } | null = null;
  remote: { total: number; index: number[] } | null = null;
  /** Counts the times a remote table's fetched rows were dropped: an answer asked before is stale. */
  generation = 0;
  /** The active cell: its position in the view (row of `order`) and column. */
  row = 0;
  column = 0;

  setValue(value: DataframeValue | null): void {
    const data = value?.data ?? [];
    // Gradio's empty frame is `[[]]`: one row of no cells, shown as no rows
    this.value = { headers: value?.headers ?? [], data: data.length === 1 && data[0].length === 0 ? [] : data, metadata: value?.metadata ?? null };
    const total = value?.total;
    this.remote = typeof total === "number" ? { total, index: data.map((_, i) => i) } : null;
    this.generation += 1; // rows asked of the value before are not this one's
    if (this.remote) this.sort = null; // the first rows came in the value's own order
    this.resort();
  }

  get rowCount(): number {
    return this.remote ? this.remote.total : this.order.length;
  }

  /** Where view row `row` is in `value.data`. */
  private slot(row: number): number {
    return this.remote ? row : this.order[row];
  }

  get columnCount(): number {
    return Math.max(this.value.headers.length, this.value.data[0]?.length ?? 0);
  }

  /** The value row shown at view row `row`. */
  dataRow(row: number): number {
    return this.remote ? this.remote.index[row] : this.order[row];
  }

  cell(row: number, column: number): Cell {
    return this.value.data[this.slot(row)]?.[column] ?? null;
  }

  /** What the cell shows: the Styler's formatted text when there is one. */
  shown(row: number, column: number): string {
    const formatted = this.value.metadata?.display_value?.[this.slot(row)]?.[column];
    const cell = this.cell(row, column);
    return formatted ?? (cell === null ? "" : String(cell));
  }

  styling(row: number, column: number): string {
    return this.value.metadata?.styling?.[this.slot(row)]?.[column] ?? "";
  }

  /** The sort as the `rows` request and answer spell it. */
  get sortKey(): [number, boolean] | null {
    return this.sort ? [this.sort.column, this.sort.descending] : null;
  }

  /** Whether a remote table lacks any of the rows `first`..`end` (excluded). */
  missing(first: number, end: number): boolean {
    for (let row = first; row < end; row++) if (this.value.data[row] === undefined) return true;
    return false;
  }

  /** Rows from Python, unless asked before the rows were last dropped (a sort, a shape change). */
  fill(msg: RowsMessage, generation: number): void {
    if (!this.remote || generation !== this.generation) return;
    this.remote.total = msg.total;
    if (!this.value.metadata) this.value.metadata = {};
    const metadata = this.value.metadata;
    msg.data.forEach((cells, i) => {
      const row = msg.start + i;
      this.value.data[row] = cells as Cell[];
      if (this.remote) this.remote.index[row] = msg.index[i];
      for (const key of ["display_value", "styling"] as const) {
        const rows = msg.metadata?.[key];
        if (!rows) continue;
        const column = metadata[key] ?? [];
        column[row] = rows[i] as string[];
        metadata[key] = column;
      }
    });
  }

  /** A header click: ascending, then descending, then the value's own order. */
  toggleSort(column: number): void {
    if (this.sort?.column !== column) this.sort = { column, descending: false };
    else if (!this.sort.descending) this.sort = { column, descending: true };
    else this.sort = null;
    if (this.remote) this.forgetRows();
    this.resort();
  }

  /** A remote table's rows fetched in another order: dropped, fetched again as they come in sight. */
  private forgetRows(): void {
    this.generation += 1;
    this.value.data = [];
    this.value.metadata = null;
    if (this.remote) this.remote.index = [];
  }

  private resort(): void {
    if (this.remote) {
      this.clamp(); // Python sorts a remote table
      return;
    }
    const rows = this.value.data.map((_, i) => i);
    const sort = this.sort;
    if (sort && sort.column < this.columnCount) {
      const sign = sort.descending ? -1 : 1;
      const at = (i: number): Cell => this.value.data[i][sort.column] ?? null;
      rows.sort((a, b) => sign * compare(at(a), at(b)) || a - b);
    }
    this.order = rows;
    this.clamp();
  }

  move(move: Move): void {
    const last = this.columnCount - 1;
    if (move === "up") this.row -= 1;
    else if (move === "down") this.row += 1;
    else if (move === "left") this.column -= 1;
    else if (move === "right") this.column += 1;
    else if (move === "next" && this.column === last) [this.row, this.column] = [this.row + 1, 0];
    else if (move === "previous" && this.column === 0) [this.row, this.column] = [this.row - 1, last];
    else this.column += move === "next" ? 1 : -1;
    this.clamp();
  }

  private clamp(): void {
    this.row = Math.max(0, Math.min(this.row, this.rowCount - 1));
    this.column = Math.max(0, Math.min(this.column, this.columnCount - 1));
  }

  /** The user's edit of a cell: the value changes, and the Styler's text no longer applies. */
  setCell(row: number, column: number, cell: Cell): void {
    this.value.data[this.slot(row)][column] = cell;
    const shown = this.value.metadata?.display_value?.[this.slot(row)];
    if (shown) shown[column] = cell === null ? "" : String(cell); // the Styler's text is stale now
  }

  renameColumn(column: number, name: string): void {
    const headers = this.value.headers;
    while (headers.length <= column) headers.push(String(headers.length + 1));
    headers[column] = name;
  }

  addRow(): void {
    if (this.remote) {
      this.remote.total += 1;
      this.forgetRows();
      return;
    }
    this.value.data.push(Array.from({ length: this.columnCount }, () => ""));
    this.value.metadata = null;
    this.order.push(this.value.data.length - 1);
  }

  /** Removes the active cell's row. */
  removeRow(): void {
    if (this.rowCount === 0) return;
    if (this.remote) {
      this.remote.total -= 1;
      this.forgetRows();
      this.clamp();
      return;
    }
    this.value.data.splice(this.order[this.row], 1);
    this.value.metadata = null;
    this.resort();
  }

  addColumn(): void {
    const headers = this.value.headers;
    headers.push(String(headers.length + 1));
    if (this.remote) this.forgetRows();
    for (const row of this.value.data) row.push("");
    this.value.metadata = null;
  }

  /** Removes the active cell's column. */
  removeColumn(): void {
    if (this.columnCount <= 1) return;
    this.value.headers.splice(this.column, 1);
    if (this.remote) this.forgetRows();
    for (const row of this.value.data) row.splice(this.column, 1);
    this.value.metadata = null;
    if (this.sort?.column === this.column) this.sort = null;
    this.resort();
  }
}
