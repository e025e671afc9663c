/**
 * gr.Dataframe, the "dataframe" chunk's entry (see chunks.ts): a grid with ARIA roles (`grid`,
 * `row`, `columnheader`, `gridcell`) and one focusable cell (a roving tabindex). Arrows and Tab
 * move, Enter or typing edits, Enter commits and Escape cancels; a header click sorts the view;
 * a click fires `select` with `[row, column]` and the value. When `row_count`/`col_count` are
 * dynamic, buttons add rows and columns and remove the active cell's.
 *
 * Only the rows in sight are in the DOM (two spacer rows stand for the others), so a
 * 100,000-row frame scrolls as lightly as a short one; of a long table, Python sends only the rows
 * that come in sight, sorts it, and gets an edited cell alone (nbblocks/windows.py). The state and keyboard rules are
 * `TableModel` (dataframe-model.ts); this module binds them to the DOM.
 */
import type { Block, BlockContext, Factory } from "../block";
import type { ChunkApi } from "../chunks";
import type { FieldProps } from "../field";
import type { Props, TableEditOp } from "../protocol";
import { type Datatype, type DataframeValue, moveFor, parseCell, TableModel } from "./dataframe-model";
import styles from "./dataframe.css";

export { styles };

type Count = [number, "fixed" | "dynamic"];

export interface DataframeProps extends FieldProps {
  value: DataframeValue | null;
  headers: string[] | null;
  row_count: Count;
  col_count: Count | null;
  datatype: Datatype | Datatype[];
  height: number | string;
  wrap: boolean;
  line_breaks: boolean;
  column_widths: (number | string)[] | null;
  /** Gradio 5's: a cell's text past this many characters is cut short (whole in its tooltip and when edited). */
  max_chars: number | null;
  /** Gradio 5's: a first column numbering the rows shown, from 1. */
  show_row_numbers: boolean;
  interactive: boolean | null;
}

/** Rows drawn beyond the visible ones, above and below, so a quick scroll shows no gap. */
const OVERSCAN = 8;
/** Rows of a remote table asked for at once (Python sends at most 200). */
const FETCH_ROWS = 100;
/** Until a row is measured. */
const ROW_HEIGHT = 33;

export function factories(api: ChunkApi): Record<string, Factory> {
  return { dataframe: (props, ctx) => dataframe(api, props, ctx) };
}

function dataframe(api: ChunkApi, initial: Props, ctx: BlockContext): Block {
  const { h } = api;
  const p = api.ownProps<DataframeProps>(initial);
  const model = new TableModel();
  const head = api.fieldHeader(h("span", { id: ctx.uid("label") }), ctx.uid("info"));
  const colgroup = h("colgroup");
  const headRow = h("tr", { role: "row", "aria-rowindex": "1" });
  const body = h("tbody");
  const grid = h("table", { class: "nbb-dataframe-grid", role: "grid", "aria-labelledby": head.title.id }, colgroup, h("thead", {}, headRow), body);
  const scroller = h("div", { class: "nbb-dataframe-scroll" }, grid);
  const addRow = h("button", { type: "button", class: "nbb-icon-button" }, "Add row");
  const removeRow = h("button", { type: "button", class: "nbb-icon-button" }, "Delete row");
  const addColumn = h("button", { type: "button", class: "nbb-icon-button" }, "Add column");
  const removeColumn = h("button", { type: "button", class: "nbb-icon-button" }, "Delete column");
  const tools = h("div", { class: "nbb-dataframe-tools" }, addRow, removeRow, addColumn, removeColumn);
  const el = h("div", { class: "nbb-dataframe-body" }, head.title, head.info, scroller, tools);
  let rowHeight = ROW_HEIGHT;
  /** The cell being edited and its input, or null. */
  let editing: { input: HTMLInputElement; row: number; column: number } | null = null;

  /** Row requests in flight, by their first row and sort (a remote table's, see the model). */
  const fetching = new Set<string>();

  const editable = (): boolean => p.interactive === true;
  const dynamic = (count: Count | null): boolean => editable() && count?.[1] !== "fixed";
  const kind = (column: number): Datatype => (Array.isArray(p.datatype) ? (p.datatype[column] ?? "str") : p.datatype);

  function drawHeaders(): void {
    const headers = model.value.headers.length > 0 ? model.value.headers : (p.headers ?? []);
    const widths = p.column_widths ?? [];
    const numbered = p.show_row_numbers ? [h("col", { class: "nbb-dataframe-number-col" })] : [];
    colgroup.replaceChildren(...numbered, ...headers.map((_, i) => h("col", widths[i] !== undefined ? { style: `width: ${api.cssSize(widths[i])}` } : {})));
    grid.classList.toggle("nbb-dataframe-fixed", widths.length > 0);
    headRow.replaceChildren(
      ...(p.show_row_numbers ? [h("th", { class: "nbb-dataframe-row-number", "aria-label": "Row number" }, "#")] : []),
      ...headers.map((name, column) => {
        const sorted = model.sort?.column === column ? (model.sort.descending ? "descending" : "ascending") : "none";
        const button = h("button", { type: "button", class: "nbb-dataframe-sort" }, name);
        button.addEventListener("click", () => {
          commit();
          model.toggleSort(column);
          drawHeaders();
          drawRows();
        });
        // named by the column alone, not by its rename button too
        const th = h("th", { role: "columnheader", "aria-label": name, "aria-sort": sorted, "aria-colindex": String(column + 1) }, button);
        if (editable()) {
          const rename = h("button", { type: "button", class: "nbb-dataframe-rename", "aria-label": `Rename column ${name}` });
          rename.addEventListener("click", () => startRenaming(th, column));
          th.append(rename);
        }
        return th;
      }),
    );
  }

  /** The header's name in an input: Enter or leaving it renames the column, Escape cancels. */
  function startRenaming(th: HTMLElement, column: number): void {
    commit();
    const old = model.value.headers[column] ?? "";
    const input = h("input", { class: "nbb-dataframe-input", "aria-label": `New name of column ${old}` });
    input.value = old;
    let done = false;
    const finish = (keep: boolean): void => {
      if (done) return;
      done = true;
      if (keep && input.value !== old) {
        model.renameColumn(column, input.value);
        if (model.remote) {
          ctx.editCell({ row: 0, column, value: input.value, op: "rename_column" });
          ctx.trigger("input");
          ctx.trigger("change");
        } else userValue();
      }
      drawHeaders();
    };
    input.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" && event.key !== "Escape") return;
      event.preventDefault();
      finish(event.key === "Enter");
    });
    input.addEventListener("blur", () => finish(true));
    th.replaceChildren(input);
    input.focus();
    input.select();
  }

  function spacer(rows: number): HTMLElement {
    return h("tr", { role: "presentation", class: "nbb-dataframe-spacer", style: `height: ${rows * rowHeight}px` });
  }

  /** Draws the rows in sight (and OVERSCAN more each side) between two spacers. */
  function drawRows(): void {
    if (editing) return; // a redraw would drop what the user is typing
    const total = model.rowCount;
    const inSight = Math.ceil((scroller.clientHeight || rowHeight * 20) / rowHeight);
    const first = Math.max(0, Math.min(Math.floor(scroller.scrollTop / rowHeight), total - inSight) - OVERSCAN);
    const end = Math.min(total, first + inSight + 2 * OVERSCAN);
    grid.setAttribute("aria-rowcount", String(total + 1));
    grid.setAttribute("aria-colcount", String(model.columnCount));
    const rows: HTMLElement[] = [];
    for (let row = first; row < end; row++) rows.push(drawRow(row));
    const focused = body.contains(document.activeElement); // the redrawn cell keeps the focus
    body.replaceChildren(spacer(first), ...rows, spacer(total - end));
    if (focused) activeCell()?.focus({ preventScroll: true });
    fetchRows(first, end);
    const measured = rows[0]?.getBoundingClientRect().height;
    if (measured && Math.abs(measured - rowHeight) > 0.5) {
      rowHeight = measured;
      drawRows();
    }
  }

  /** Asks Python for the rows of a remote table in `first`..`end` that it lacks, FETCH_ROWS at a time. */
  function fetchRows(first: number, end: number): void {
    if (!model.remote) return;
    const sort = model.sortKey;
    for (let start = first - (first % FETCH_ROWS); start < end; start += FETCH_ROWS) {
      const stop = Math.min(start + FETCH_ROWS, model.rowCount);
      const key = `${start}:${JSON.stringify(sort)}`;
      if (!model.missing(start, stop) || fetching.has(key)) continue;
      fetching.add(key);
      const generation = model.generation;
      void ctx.rows({ start, end: stop, sort }).then((msg) => {
        fetching.delete(key);
        model.fill(msg, generation);
        drawRows();
      });
    }
  }

  function drawRow(row: number): HTMLElement {
    const tr = h("tr", { role: "row", "aria-rowindex": String(row + 2) });
    if (p.show_row_numbers) tr.append(h("th", { role: "rowheader", class: "nbb-dataframe-row-number" }, String(row + 1)));
    for (let column = 0; column < model.columnCount; column++) {
      const active = row === model.row && column === model.column;
      const td = h("td", { role: "gridcell", "aria-colindex": String(column + 1), tabindex: active ? "0" : "-1" });
      td.dataset.row = String(row);
      td.dataset.column = String(column);
      const datatype = kind(column);
      td.classList.add(`nbb-dataframe-${datatype}`);
      const css = model.styling(row, column);
      if (css) td.style.cssText = css;
      let text = model.shown(row, column);
      if (p.max_chars && text.length > p.max_chars) {
        td.title = text;
        text = `${text.slice(0, p.max_chars)}…`;
      }
      if (datatype === "markdown") td.append(api.sanitize(api.renderMarkdown(text, { lineBreaks: p.line_breaks })));
      else if (datatype === "html") td.append(api.sanitize(text));
      else td.textContent = text;
      tr.append(td);
    }
    return tr;
  }

  function activeCell(): HTMLElement | null {
    return body.querySelector(`td[data-row="${model.row}"][data-column="${model.column}"]`);
  }

  /** Brings the active cell into sight, draws it focused. */
  function focusActive(): void {
    const top = model.row * rowHeight;
    const headerHeight = headRow.getBoundingClientRect().height;
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (top + rowHeight > scroller.scrollTop + scroller.clientHeight - headerHeight) {
      scroller.scrollTop = top + rowHeight - scroller.clientHeight + headerHeight;
    }
    drawRows();
    activeCell()?.focus({ preventScroll: true });
  }

  function startEditing(initialText: string | null): void {
    const cell = activeCell();
    if (!editable() || !cell || model.rowCount === 0) return;
    const input = h("input", { class: "nbb-dataframe-input", "aria-label": `Edit ${model.value.headers[model.column] ?? ""}` });
    input.value = initialText ?? String(model.cell(model.row, model.column) ?? "");
    editing = { input, row: model.row, column: model.column };
    cell.replaceChildren(input);
    input.focus();
    if (initialText === null) input.select();
  }

  /** Ends an edit: the typed value is kept (sent, then `input` and `change`) unless cancelled. */
  function commit(cancel = false): void {
    if (!editing) return;
    const { input, row, column } = editing;
    editing = null;
    const cell = parseCell(input.value, kind(column));
    const previous = model.cell(row, column);
    if (!cancel && cell !== previous) {
      model.setCell(row, column, cell);
      if (model.remote) {
        ctx.editCell({ row: model.dataRow(row), column, value: cell });
        ctx.trigger("input");
        ctx.trigger("change");
      } else userValue();
      ctx.trigger("edit", { index: [model.dataRow(row), column], previous_value: previous, value: cell });
    }
    drawRows();
  }

  function userValue(): void {
    ctx.sendValue(model.value);
    ctx.trigger("input");
    ctx.trigger("change");
  }

  function activate(row: number, column: number): void {
    [model.row, model.column] = [row, column];
    const data = model.dataRow(row);
    ctx.trigger("select", { index: [data, column], value: model.cell(row, column), selected: true });
  }

  function onGridKey(event: KeyboardEvent): void {
    if (editing) {
      if (event.key === "Escape") commit(true);
      else if (event.key === "Enter" || event.key === "Tab") {
        commit();
        model.move(event.key === "Tab" ? (event.shiftKey ? "previous" : "next") : "down");
      } else return; // the input handles the rest
      event.preventDefault();
      focusActive();
      return;
    }
    const move = moveFor(event.key, event.shiftKey);
    if (move) model.move(move);
    else if (event.key === "Enter" || event.key === "F2") startEditing(null);
    else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) startEditing(event.key);
    else return;
    event.preventDefault();
    if (!editing) focusActive();
  }

  body.addEventListener("keydown", onGridKey);
  body.addEventListener("click", (event) => {
    const td = (event.target as HTMLElement).closest("td");
    if (!td?.dataset.row || (editing && editing.input.parentElement === td)) return;
    commit();
    activate(Number(td.dataset.row), Number(td.dataset.column));
    focusActive();
  });
  body.addEventListener("dblclick", () => startEditing(null));
  body.addEventListener("focusout", (event) => {
    if (editing && event.target === editing.input) commit();
  });
  scroller.addEventListener("scroll", drawRows, { passive: true });
  new ResizeObserver(() => drawRows()).observe(scroller);

  /** Adds or removes a row or column; of a remote table, Python is told the change alone. */
  function changeShape(op: TableEditOp, change: () => void): void {
    commit();
    const at = { row: model.rowCount ? model.dataRow(model.row) : 0, column: model.column };
    change();
    fetching.clear(); // answers to them are stale now
    if (model.remote) ctx.editCell({ ...at, value: null, op }); // before the rows asked again
    drawHeaders();
    drawRows();
    if (model.remote) {
      ctx.trigger("input");
      ctx.trigger("change");
    } else userValue();
  }
  addRow.addEventListener("click", () => changeShape("add_row", () => model.addRow()));
  removeRow.addEventListener("click", () => changeShape("remove_row", () => model.removeRow()));
  addColumn.addEventListener("click", () => changeShape("add_column", () => model.addColumn()));
  removeColumn.addEventListener("click", () => changeShape("remove_column", () => model.removeColumn()));

  function apply(changes: Partial<DataframeProps>): void {
    Object.assign(p, changes);
    head.apply(changes);
    if ("value" in changes) {
      editing = null;
      model.setValue(p.value);
    }
    scroller.style.maxHeight = api.cssSize(p.height);
    grid.classList.toggle("nbb-dataframe-wrap", p.wrap === true);
    grid.setAttribute("aria-readonly", String(!editable()));
    addRow.hidden = removeRow.hidden = !dynamic(p.row_count);
    addColumn.hidden = removeColumn.hidden = !dynamic(p.col_count);
    tools.hidden = addRow.hidden && addColumn.hidden;
    drawHeaders();
    drawRows();
  }

  apply(p);
  return { el, update: (props) => apply(props as Partial<DataframeProps>) };
}
