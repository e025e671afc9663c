/**
 * Gradio's `gr.Code` languages, each with the CodeMirror 6 support that highlights it; a language
 * CodeMirror has no package for here (latex, jinja2, shell, r, dockerfile) shows as plain text.
 */
import { cpp } from "@codemirror/lang-cpp";
import { css } from "@codemirror/lang-css";
import { html } from "@codemirror/lang-html";
import { javascript } from "@codemirror/lang-javascript";
import { json } from "@codemirror/lang-json";
import { markdown } from "@codemirror/lang-markdown";
import { python } from "@codemirror/lang-python";
import { Cassandra, MariaSQL, MSSQL, MySQL, PLSQL, PostgreSQL, SQLite, StandardSQL, sql } from "@codemirror/lang-sql";
import { yaml } from "@codemirror/lang-yaml";
import type { Extension } from "@codemirror/state";

const LANGUAGES: Record<string, () => Extension> = {
  python: () => python(),
  c: () => cpp(),
  cpp: () => cpp(),
  markdown: () => markdown(),
  json: () => json(),
  html: () => html(),
  css: () => css(),
  javascript: () => javascript(),
  typescript: () => javascript({ typescript: true }),
  yaml: () => yaml(),
  sql: () => sql({ dialect: StandardSQL }),
  "sql-msSQL": () => sql({ dialect: MSSQL }),
  "sql-mySQL": () => sql({ dialect: MySQL }),
  "sql-mariaDB": () => sql({ dialect: MariaSQL }),
  "sql-sqlite": () => sql({ dialect: SQLite }),
  "sql-cassandra": () => sql({ dialect: Cassandra }),
  "sql-plSQL": () => sql({ dialect: PLSQL }),
  "sql-pgSQL": () => sql({ dialect: PostgreSQL }),
};

/** The highlighting for `language`, or none (plain text). The other SQL dialects of Gradio's list
 * (hive, gql, gpSQL, sparkSQL, esper) are read as standard SQL. */
export function languageSupport(language: string | null): Extension {
  if (language === null) return [];
  const support = LANGUAGES[language] ?? (language.startsWith("sql-") ? LANGUAGES.sql : undefined);
  return support ? support() : [];
}
