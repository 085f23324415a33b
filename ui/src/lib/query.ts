// The query string of an endpoint as rows of name and value, and back; the rows table edits the endpoint itself,
// so what is signed is always exactly what the endpoint line shows.

export interface QueryRow {
  name: string;
  value: string;
}

export function queryRows(endpoint: string): QueryRow[] {
  const q = endpoint.indexOf("?");
  if (q < 0) return [];
  return [...new URLSearchParams(endpoint.slice(q + 1))].map(([name, value]) => ({ name, value }));
}

/** `endpoint` with its query replaced by `rows` (rows without a name are left out). */
export function withQuery(endpoint: string, rows: QueryRow[]): string {
  const q = endpoint.indexOf("?");
  const path = q < 0 ? endpoint : endpoint.slice(0, q);
  const params = new URLSearchParams();
  for (const r of rows) if (r.name.trim() !== "") params.append(r.name.trim(), r.value);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}
