/**
 * gr.Gallery (in the "image" chunk): a grid of thumbnails; a click selects one (`select` with its
 * index and item, as Gradio's) and, with `allow_preview`, shows it large with its caption, the
 * previous/next buttons and its download. An editable gallery takes images from the file chooser.
 */
import type { Block, BlockContext } from "../block";
import type { ChunkApi } from "../chunks";
import type { Props } from "../protocol";
import type { GalleryItem, GalleryProps } from "./image-props";

/** Gradio's screen widths (px) at which a per-width `columns`/`rows` list moves to its next count. */
const BREAKPOINTS = [576, 768, 992, 1200, 1400];

/** The count for this screen: one number, or the list's entry for the window's width (its last
 * entry for any wider screen). */
export function perWidth(value: number | number[] | null, width: number): number | null {
  if (value === null || typeof value === "number") return value;
  const index = BREAKPOINTS.filter((breakpoint) => width >= breakpoint).length;
  return value[Math.min(index, value.length - 1)] ?? null;
}

export function gallery(api: ChunkApi, initial: Props, ctx: BlockContext): Block {
  const { h, cssSize } = api;
  const p = api.ownProps<GalleryProps>(initial);
  const head = api.fieldHeader(h("span", { id: ctx.uid("label") }), ctx.uid("info"));
  const input = h("input", { type: "file", accept: "image/*", multiple: "", hidden: "" });
  const grid = h("div", { class: "nbb-gallery-grid", role: "list", "aria-labelledby": head.title.id });
  const big = h("img", { class: "nbb-gallery-preview-image", alt: "" });
  const caption = h("div", { class: "nbb-gallery-caption" });
  const button = (text: string, label: string): HTMLButtonElement =>
    h("button", { type: "button", class: "nbb-icon-button", "aria-label": label }, text);
  const previous = button("‹", "Previous image");
  const next = button("›", "Next image");
  const close = button("×", "Close preview");
  const download = h("a", { class: "nbb-icon-button nbb-gallery-download", download: "" }, "Download");
  const preview = h(
    "div",
    { class: "nbb-gallery-preview", hidden: "" },
    h("div", { class: "nbb-gallery-preview-tools" }, download, close),
    h("div", { class: "nbb-gallery-preview-stage" }, previous, big, next),
    caption,
  );
  const empty = h("div", { class: "nbb-gallery-empty" });
  const el = h("div", { class: "nbb-gallery-body" }, head.title, head.info, preview, grid, empty, input);
  /** The selected item, shown in the preview when allowed. */
  let selected: number | null = null;

  const items = (): GalleryItem[] => p.value ?? [];
  const nameOf = (item: GalleryItem): string => item.caption ?? item.image.orig_name ?? "image";

  function select(index: number | null, fire: boolean): void {
    const list = items();
    selected = index === null || list.length === 0 ? null : ((index % list.length) + list.length) % list.length;
    const item = selected === null ? undefined : list[selected];
    const wasHidden = preview.hidden;
    preview.hidden = !item || !p.allow_preview;
    if (fire && wasHidden && !preview.hidden) ctx.trigger("preview_open");
    for (const [i, thumb] of Array.from(grid.children).entries()) thumb.classList.toggle("nbb-selected", i === selected);
    if (!item || selected === null) return;
    caption.textContent = item.caption ?? "";
    big.alt = nameOf(item);
    download.hidden = !p.show_download_button;
    download.download = item.image.orig_name ?? "image";
    void ctx.files.fileUrl(item.image).then((url) => {
      if (items()[selected ?? -1] !== item) return;
      big.src = url;
      download.href = url;
    });
    if (fire) ctx.trigger("select", { index: selected, value: item, selected: true });
  }

  function thumbnail(item: GalleryItem, index: number): HTMLElement {
    const img = h("img", { alt: nameOf(item), loading: "lazy" });
    img.style.objectFit = p.object_fit ?? "cover";
    void ctx.files.fileUrl(item.image).then((url) => {
      img.src = url;
    });
    const thumb = h("button", { type: "button", class: "nbb-gallery-item", role: "listitem" }, img);
    if (item.caption) thumb.append(h("span", { class: "nbb-gallery-item-caption" }, item.caption));
    thumb.addEventListener("click", () => select(index, true));
    return thumb;
  }

  async function uploadChosen(files: File[]): Promise<void> {
    if (!files.length) return;
    try {
      const stored = await ctx.files.upload(files);
      const value = stored.map((image) => ({ image, caption: null }));
      apply({ value });
      ctx.sendValue(value);
      ctx.trigger("upload");
      ctx.trigger("change");
    } catch (err) {
      empty.textContent = err instanceof Error ? err.message : String(err);
    }
  }

  /** Columns and rows for the window's width now (the element resizes with the window). */
  function layout(): void {
    const columns = perWidth(p.columns, window.innerWidth) ?? 2;
    grid.style.gridTemplateColumns = `repeat(${columns}, minmax(0, 1fr))`;
    const rows = perWidth(p.rows, window.innerWidth);
    el.style.height = cssSize(p.height);
    grid.style.maxHeight = rows && !p.height ? `calc(${rows} * var(--nbb-gallery-row, 10em))` : "";
  }

  function apply(changes: Partial<GalleryProps>): void {
    Object.assign(p, changes);
    head.apply(changes);
    layout();
    if ("value" in changes || "object_fit" in changes) grid.replaceChildren(...items().map(thumbnail));
    const editable = p.interactive === true;
    empty.hidden = items().length > 0;
    empty.textContent = editable ? "Drop images here - or - Click to Upload" : "No images";
    empty.classList.toggle("nbb-image-drop", editable);
    if ("selected_index" in changes) select(p.selected_index, false);
    else if ("value" in changes) select(p.preview && items().length ? (selected ?? 0) : null, false);
    else select(selected, false);
  }

  previous.addEventListener("click", () => select((selected ?? 0) - 1, true));
  next.addEventListener("click", () => select((selected ?? 0) + 1, true));
  close.addEventListener("click", () => {
    select(null, false);
    ctx.trigger("preview_close");
  });
  empty.addEventListener("click", () => {
    if (p.interactive === true) input.click();
  });
  input.addEventListener("change", () => {
    const files = Array.from(input.files ?? []);
    input.value = "";
    void uploadChosen(files);
  });
  el.addEventListener("dragover", (event) => {
    if (p.interactive === true) event.preventDefault();
  });
  el.addEventListener("drop", (event) => {
    if (p.interactive !== true) return;
    event.preventDefault();
    void uploadChosen(Array.from(event.dataTransfer?.files ?? []).filter((f) => f.type.startsWith("image/")));
  });
  new ResizeObserver(layout).observe(el);
  apply(p);
  if (p.selected_index === null && p.preview && items().length) select(0, false);
  return { el, update: (props) => apply(props as Partial<GalleryProps>) };
}
