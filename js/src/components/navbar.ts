import { ownProps, propsOf, type Block, type BlockContext, type ComponentSpec } from "../block";
import { h } from "../dom";
import type { Props } from "../protocol";
import { safeUrl } from "../sanitize";

interface NavbarProps {
  /** The links after the app's pages: [name, path or URL] pairs. */
  value: [string, string][] | null;
  /** The main page's name in the bar, or false to leave it out. */
  main_page_name?: string | false;
}

/** Gradio 5's Navbar: a `<nav>` of the app's pages (the main page named `main_page_name`, the
 * one shown marked as current), then the links of `value`. A page's link goes to its URL when
 * served and shows it in place in a notebook. A link of `value` whose URL is not http(s), mailto
 * or relative is shown as text, never followed: `value` may come from a function's result. */
function drawNavbar(initial: Props, ctx: BlockContext): Block {
  const p = ownProps<NavbarProps>(initial);
  const list = h("ul", { class: "nbb-navbar-links" });
  const el = h("nav", { class: "nbb-navbar", "aria-label": "Pages" }, list);
  const pages = ctx.pages;

  function link(name: string, path: string): HTMLElement {
    if (!safeUrl(path, false)) return h("span", {}, name);
    const external = /^[a-z][a-z0-9+.-]*:/i.test(path);
    return h("a", external ? { href: path, target: "_blank", rel: "noopener noreferrer" } : { href: path }, name);
  }

  function pageLink(name: string, path: string): HTMLElement {
    const current = path === (pages?.current ?? "");
    const href = pages?.href(path);
    const a = h("a", { href: href ?? "#", ...(current ? { "aria-current": "page" } : {}) }, name);
    if (href === null || href === undefined) {
      a.addEventListener("click", (event) => {
        event.preventDefault();
        if (!current) pages?.show(path);
      });
    }
    return a;
  }

  function apply(changes: Partial<NavbarProps>): void {
    Object.assign(p, changes);
    const shown = (pages?.list ?? [{ path: "", name: "Home", show_in_navbar: true }]).filter((page) => page.show_in_navbar);
    const items = shown.flatMap((page) => {
      const name = page.path === "" ? (p.main_page_name ?? page.name) : page.name;
      return name === false ? [] : [pageLink(name, page.path)];
    });
    list.replaceChildren(...[...items, ...(p.value ?? []).map(([name, path]) => link(name, path))].map((a) => h("li", {}, a)));
  }

  apply(p);
  return { el, update: (props) => apply(props as Partial<NavbarProps>) };
}

export const navbar: ComponentSpec = {
  draw: drawNavbar,
  props: propsOf<NavbarProps>({ value: true, main_page_name: true }),
  events: ["change"],
};
