import { ownProps, propsOf, type Block, type BlockContext, type ComponentSpec } from "../block";
import { cssSize, h } from "../dom";
import { fieldHeader, type FieldProps } from "../field";
import type { Props } from "../protocol";

/** A file as Python lists it: its path's parts under `root_dir`. */
type Parts = string[];

interface FileExplorerProps extends FieldProps {
  value: Parts[] | null;
  files: Parts[];
  file_count: "single" | "multiple";
  height: number | string | null;
  max_height: number | string | null;
  min_height: number | string | null;
  interactive: boolean | null;
}

/** A folder of the tree: its files and its sub-folders, by name. */
interface Folder {
  files: Parts[];
  folders: Map<string, Folder>;
}

function treeOf(files: Parts[]): Folder {
  const root: Folder = { files: [], folders: new Map() };
  for (const parts of files) {
    let folder = root;
    for (const name of parts.slice(0, -1)) {
      const next = folder.folders.get(name) ?? { files: [], folders: new Map() };
      folder.folders.set(name, next);
      folder = next;
    }
    folder.files.push(parts);
  }
  return root;
}

/** Gradio's FileExplorer: folders that open and close, a checkbox per file (a radio button with
 * `file_count="single"`); picking sends the picked files' parts and fires `input`, `change` and
 * `select`. */
function drawFileExplorer(initial: Props, ctx: BlockContext): Block {
  const p = ownProps<FileExplorerProps>(initial);
  const head = fieldHeader(h("span", { id: ctx.uid("label") }), ctx.uid("info"));
  const tree = h("ul", { class: "nbb-file-tree", role: "tree", "aria-labelledby": head.title.id });
  const el = h("div", { class: "nbb-file-explorer" }, head.title, head.info, tree);
  let boxes = new Map<string, HTMLInputElement>();

  function picked(): Parts[] {
    return p.files.filter((parts) => boxes.get(parts.join("/"))?.checked);
  }

  function fileItem(parts: Parts): HTMLElement {
    const key = parts.join("/");
    const box = h("input", { type: p.file_count === "single" ? "radio" : "checkbox", name: ctx.uid("pick") });
    boxes.set(key, box);
    box.addEventListener("change", () => {
      p.value = picked();
      ctx.sendValue(p.value);
      ctx.trigger("input");
      ctx.trigger("change");
      ctx.trigger("select", { index: parts, value: key, selected: box.checked });
    });
    return h("li", { role: "treeitem" }, h("label", {}, box, ` ${parts[parts.length - 1]}`));
  }

  function folderItems(folder: Folder): HTMLElement[] {
    const folders = [...folder.folders].map(([name, inner]) =>
      h("li", { role: "treeitem" }, h("details", { open: "" }, h("summary", {}, `📁 ${name}`), h("ul", { role: "group" }, ...folderItems(inner)))),
    );
    return [...folders, ...folder.files.map(fileItem)];
  }

  function apply(changes: Partial<FileExplorerProps>): void {
    Object.assign(p, changes);
    head.apply(changes);
    if ("files" in changes || "file_count" in changes) {
      boxes = new Map();
      tree.replaceChildren(...folderItems(treeOf(p.files)));
    }
    const chosen = new Set((p.value ?? []).map((parts) => parts.join("/")));
    for (const [key, box] of boxes) {
      box.checked = chosen.has(key);
      box.disabled = p.interactive === false;
    }
    tree.style.height = cssSize(p.height);
    tree.style.maxHeight = cssSize(p.max_height);
    tree.style.minHeight = cssSize(p.min_height);
    tree.style.overflow = "auto";
  }

  apply(p);
  return { el, update: (props) => apply(props as Partial<FileExplorerProps>) };
}

export const fileexplorer: ComponentSpec = {
  draw: drawFileExplorer,
  props: propsOf<FileExplorerProps>({
    value: true, files: true, file_count: true, height: true, max_height: true, min_height: true,
    label: true, show_label: true, info: true, interactive: true,
  }),
  events: ["input", "change", "select"],
};
