import { ownProps, propsOf, type Block, type BlockContext, type ComponentSpec } from "../block";
import { cssSize, h } from "../dom";
import { fieldHeader, type FieldProps } from "../field";
import type { FileData, Props } from "../protocol";
import { applyInput, formatSize, uploader } from "../upload";

interface FileProps extends FieldProps {
  value: FileData | FileData[] | null;
  file_count: "single" | "multiple" | "directory";
  file_types: string[] | null;
  height: number | string | null;
  interactive: boolean | null;
}

/** A drop zone and file chooser (when interactive) above the list of its files, each a download. */
function drawFile(initial: Props, ctx: BlockContext): Block {
  const p = ownProps<FileProps>(initial);
  const head = fieldHeader(h("span", { id: ctx.uid("label") }), ctx.uid("info"));
  const { input, bar, error, upload } = uploader(ctx.files, p.file_count, p.file_types);
  const choose = h("button", { type: "button", class: "nbb-file-drop" }, "Drop File Here - or - Click to Upload");
  const clear = h("button", { type: "button", class: "nbb-file-clear", "aria-label": "Clear" }, "×");
  const list = h("ul", { class: "nbb-file-list", "aria-labelledby": head.title.id });
  const el = h("div", { class: "nbb-file" }, head.title, head.info, clear, list, choose, input, bar.el, error);

  const files = (): FileData[] => (p.value === null ? [] : Array.isArray(p.value) ? p.value : [p.value]);

  function setValue(value: FileData | FileData[] | null, events: string[]): void {
    apply({ value });
    ctx.sendValue(value);
    for (const event of [...events, "change"]) ctx.trigger(event);
  }

  async function uploadChosen(chosen: File[]): Promise<void> {
    const value = await upload(chosen, p.file_count);
    if (value !== undefined) setValue(value, ["upload"]);
  }

  choose.addEventListener("click", () => input.click());
  input.addEventListener("change", () => void uploadChosen(Array.from(input.files ?? [])));
  choose.addEventListener("dragover", (event) => event.preventDefault());
  choose.addEventListener("drop", (event) => {
    event.preventDefault();
    const dropped = Array.from(event.dataTransfer?.files ?? []);
    void uploadChosen(p.file_count === "single" ? dropped.slice(0, 1) : dropped);
  });
  clear.addEventListener("click", () => setValue(null, ["clear"]));

  function row(file: FileData, index: number): HTMLElement {
    const name = file.orig_name ?? file.path.split("/").pop() ?? "file";
    const link = h("a", { class: "nbb-file-name", download: name, target: "_blank", rel: "noopener" }, name);
    void ctx.files
      .fileUrl(file, bar.set)
      .then((url) => link.setAttribute("href", url))
      .finally(bar.done);
    link.addEventListener("click", () => ctx.trigger("select", { index, value: name, selected: true }));
    const remove = h("button", { type: "button", class: "nbb-file-delete", "aria-label": `Remove ${name}` }, "×");
    remove.hidden = p.interactive === false;
    remove.addEventListener("click", () => {
      const rest = files().filter((_, i) => i !== index);
      ctx.trigger("delete", file); // gr.DeletedFileData's `file`
      setValue(p.file_count === "single" ? null : rest.length ? rest : null, []);
    });
    return h("li", {}, link, h("span", { class: "nbb-file-size" }, formatSize(file.size)), remove);
  }

  function apply(changes: Partial<FileProps>): void {
    Object.assign(p, changes);
    head.apply(changes);
    applyInput(input, p.file_count, p.file_types);
    list.replaceChildren(...files().map(row));
    const editable = p.interactive !== false;
    choose.hidden = !editable || (p.file_count === "single" && files().length > 0);
    clear.hidden = !editable || files().length === 0;
    list.style.maxHeight = cssSize(p.height);
  }

  apply(p);
  return { el, update: (props) => apply(props as Partial<FileProps>) };
}

export const file: ComponentSpec = {
  draw: drawFile,
  props: propsOf<FileProps>({
    value: true, file_count: true, file_types: true, height: true, interactive: true,
    label: true, show_label: true, info: true,
  }),
  events: ["change", "select", "clear", "upload", "delete"],
};
