/**
 * gr.Dataset, the "dataset" chunk's entry (see chunks.ts): sample rows a page at a time, as the
 * examples under an Interface's inputs show them. Declared in the core by dataset-spec.ts.
 */
import type { Block, BlockContext, Factory } from "../block";
import type { ChunkApi } from "../chunks";
import type { FieldProps } from "../field";
import type { FileData, Props } from "../protocol";
import styles from "./dataset.css";

export { styles };

export interface DatasetProps extends FieldProps {
  /** The picked sample's index, or null. */
  value: number | null;
  /** Each column's component type ("textbox", "image"...): how its cells are drawn. */
  components: string[];
  /** Rows of values, each in its column's component's JSON form. */
  samples: unknown[][];
  headers: string[] | null;
  samples_per_page: number;
  /** Shown instead of the samples when given, one per sample. */
  sample_labels: string[] | null;
}

function isFile(value: unknown): value is FileData {
  return typeof value === "object" && value !== null && typeof (value as FileData).path === "string";
}

/** A cell's text: a file's name, a list's items, a value's JSON. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (isFile(value)) return value.orig_name ?? value.path.split("/").pop() ?? "";
  if (Array.isArray(value)) return value.map(cellText).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** A cell as its component would show it, small: a thumbnail for an image or a video. */
function cell(api: ChunkApi, type: string, value: unknown, ctx: BlockContext): HTMLElement {
  const { h } = api;
  if ((type === "image" || type === "video") && isFile(value)) {
    const media = type === "image" ? h("img", { alt: cellText(value), loading: "lazy" }) : h("video", { muted: "", preload: "metadata" });
    media.classList.add("nbb-dataset-thumb");
    void ctx.files.fileUrl(value).then((url) => {
      media.src = url;
    });
    return media;
  }
  return h("span", {}, cellText(value));
}

/** Props whose change leaves the samples as they are drawn. */
const UNDRAWING = new Set(["value", "label", "show_label", "info"]);

/** The pages to offer out of `count`: the first, the last and two either side of `current`, a
 * null for each gap between them (so a thousand pages are a dozen buttons, as in Gradio). */
function pageList(count: number, current: number): (number | null)[] {
  const shown: (number | null)[] = [];
  for (let i = 0; i < count; i++) {
    if (i === 0 || i === count - 1 || Math.abs(i - current) <= 2) shown.push(i);
    else if (shown[shown.length - 1] !== null) shown.push(null);
  }
  return shown;
}

/** Sample rows a page at a time: a table (a header row from `headers`), or buttons of thumbnails
 * when the one column is an image (or of `sample_labels`). A click, Enter or Space on a sample
 * sends its index as the value, then fires `click` and `select` with its index and values. */
function drawDataset(api: ChunkApi, initial: Props, ctx: BlockContext): Block {
  const { h } = api;
  const p = api.ownProps<DatasetProps>(initial);
  const head = api.fieldHeader(h("span", { id: ctx.uid("label") }), ctx.uid("info"));
  const body = h("div", { class: "nbb-dataset-body", role: "group", "aria-labelledby": head.title.id });
  const pages = h("nav", { class: "nbb-dataset-pages", "aria-label": "Pages" });
  const el = h("div", {}, head.title, head.info, body, pages);
  let page = 0;

  function pick(index: number): void {
    ctx.sendValue(index);
    p.value = index;
    markPicked();
    ctx.trigger("click");
    ctx.trigger("select", { index, value: p.samples[index], selected: true });
  }

  /** Shows which sample is the value, leaving the samples (and the focus) where they are. */
  function markPicked(): void {
    for (const sample of body.querySelectorAll<HTMLElement>(".nbb-dataset-sample")) {
      const picked = String(Number(sample.dataset.index) === p.value);
      sample.setAttribute(sample instanceof HTMLButtonElement ? "aria-pressed" : "aria-selected", picked);
    }
  }

  function activate(target: HTMLElement, index: number): HTMLElement {
    target.dataset.index = String(index);
    target.addEventListener("click", () => pick(index));
    if (target instanceof HTMLButtonElement) return target; // Enter and Space click a button
    target.tabIndex = 0;
    target.addEventListener("keydown", (e) => {
      if (e.key !== "Enter" && e.key !== " ") return;
      e.preventDefault();
      pick(index);
    });
    return target;
  }

  function shown(): number[] {
    const size = Math.max(1, p.samples_per_page);
    const start = page * size;
    return p.samples.slice(start, start + size).map((_, i) => start + i);
  }

  function asButtons(indices: number[]): HTMLElement {
    const buttons = indices.map((index) => {
      const label = p.sample_labels?.[index];
      const content = label ?? cell(api, p.components[0] ?? "", p.samples[index]?.[0], ctx);
      const button = h("button", { type: "button", class: "nbb-dataset-sample" }, content);
      return activate(button, index);
    });
    return h("div", { class: "nbb-dataset-gallery" }, ...buttons);
  }

  function asTable(indices: number[]): HTMLElement {
    const headers = p.headers ?? [];
    const thead = headers.length ? h("thead", {}, h("tr", {}, ...headers.map((name) => h("th", { scope: "col" }, name)))) : null;
    const rows = indices.map((index) => {
      const values = p.samples[index] ?? [];
      const row = h("tr", { class: "nbb-dataset-sample" }, ...values.map((v, c) => h("td", {}, cell(api, p.components[c] ?? "", v, ctx))));
      return activate(row, index);
    });
    return h("table", { class: "nbb-dataset-table" }, thead, h("tbody", {}, ...rows));
  }

  function draw(): void {
    const count = Math.ceil(p.samples.length / Math.max(1, p.samples_per_page));
    page = Math.min(page, Math.max(0, count - 1));
    const gallery = p.sample_labels !== null || (p.components.length === 1 && p.components[0] === "image");
    body.replaceChildren(gallery ? asButtons(shown()) : asTable(shown()));
    markPicked();
    pages.hidden = count < 2;
    pages.replaceChildren(
      ...pageList(count, page).map((i) => {
        if (i === null) return h("span", { class: "nbb-dataset-gap" }, "…");
        const button = h("button", { type: "button", class: "nbb-dataset-page" }, String(i + 1));
        if (i === page) button.setAttribute("aria-current", "page");
        button.addEventListener("click", () => {
          page = i;
          draw();
        });
        return button;
      }),
    );
  }

  function apply(changes: Partial<DatasetProps>): void {
    Object.assign(p, changes);
    head.apply(changes);
    const onlyPicked = Object.keys(changes).every((name) => UNDRAWING.has(name));
    if (onlyPicked) markPicked();
    else draw();
  }

  apply(p);
  return { el, update: (props) => apply(props as Partial<DatasetProps>) };
}

export function factories(api: ChunkApi): Record<string, Factory> {
  return { dataset: (props, ctx) => drawDataset(api, props, ctx) };
}
