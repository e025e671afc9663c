import { ownProps, propsOf, type Block, type BlockContext, type ComponentSpec } from "../block";
import { h } from "../dom";
import type { Props } from "../protocol";
import { safeUrl } from "../sanitize";

interface NavbarProps {
  /** The links after the main page: [name, path or URL] pairs. */
  value: [string, string][] | null;
  main_page_name: string | false;
}

/** Gradio 5's Navbar: a `<nav>` of links, the main page first, marked as the page shown (there
 * are no other pages of the app here). A link whose URL is not http(s), mailto or relative is
 * shown as text, never followed: `value` may come from a function's result. */
function drawNavbar(initial: Props, _ctx: BlockContext): Block {
  const p = ownProps<NavbarProps>(initial);
  const list = h("ul", { class: "nbb-navbar-links" });
  const el = h("nav", { class: "nbb-navbar", "aria-label": "Pages" }, list);

  function link(name: string, path: string): HTMLElement {
    if (!safeUrl(path, false)) return h("span", {}, name);
    const external = /^[a-z][a-z0-9+.-]*:/i.test(path);
    return h("a", external ? { href: path, target: "_blank", rel: "noopener noreferrer" } : { href: path }, name);
  }

  function apply(changes: Partial<NavbarProps>): void {
    Object.assign(p, changes);
    const main = p.main_page_name === false ? [] : [h("li", {}, h("a", { "aria-current": "page" }, p.main_page_name))];
    list.replaceChildren(...main, ...(p.value ?? []).map(([name, path]) => h("li", {}, link(name, path))));
  }

  apply(p);
  return { el, update: (props) => apply(props as Partial<NavbarProps>) };
}

export const navbar: ComponentSpec = {
  draw: drawNavbar,
  props: propsOf<NavbarProps>({ value: true, main_page_name: true }),
  events: ["change"],
};
