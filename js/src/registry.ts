import type { Factory } from "./block";
import { accordion } from "./components/accordion";
import { button } from "./components/button";
import { checkbox } from "./components/checkbox";
import { checkboxgroup, radio } from "./components/choicegroup";
import { dropdown } from "./components/dropdown";
import { html } from "./components/html";
import { json } from "./components/json";
import { label } from "./components/label";
import { column, group, row } from "./components/layout";
import { markdown } from "./components/markdown";
import { number } from "./components/number";
import { slider } from "./components/slider";
import { tab } from "./components/tab";
import { tabs } from "./components/tabs";
import { textbox } from "./components/textbox";

/** Node `type` (Python's lower-case class name) to the factory that draws it; a Map, so a type named
 * like an Object method (`constructor`) finds nothing. */
const factories = new Map<string, Factory>(
  Object.entries({
    blocks: column,
    row,
    column,
    group,
    tabs,
    tab,
    accordion,
    markdown,
    html,
    textbox,
    number,
    slider,
    checkbox,
    checkboxgroup,
    radio,
    dropdown,
    button,
    json,
    label,
  }),
);

export function factoryFor(type: string): Factory | undefined {
  return factories.get(type);
}
