import { h } from "./dom";

/** The "Copy" button of Textbox's and Markdown's `show_copy_button`: a real `<button>` that puts
 * `text()` on the clipboard and says "Copied" for a moment. Placed by the CSS (`.nbb-copy`) at
 * the block's top right; hidden until the prop asks for it. */
export function copyButton(text: () => string): HTMLButtonElement {
  const button = h("button", { type: "button", class: "nbb-icon-button nbb-copy", "aria-label": "Copy" }, "Copy");
  button.hidden = true;
  button.addEventListener("click", () => {
    // No clipboard outside a secure context (plain http on a LAN address): nothing to flash.
    void navigator.clipboard?.writeText(text()).then(
      () => {
        button.textContent = "Copied";
        setTimeout(() => (button.textContent = "Copy"), 1500);
      },
      () => undefined,
    );
  });
  return button;
}
