// The endpoint catalog and the sandbox's test values, read once from the app's Rust side.
import { useQuery } from "@tanstack/react-query";
import type { Endpoint } from "../bindings/Endpoint";
import type { TestValue } from "../bindings/TestValue";
import { queries } from "../lib/queries";

export interface CatalogState {
  endpoints: Endpoint[];
  testValues: TestValue[];
}

const NONE: never[] = [];

export function useCatalog(): CatalogState {
  // Without the catalog the composer still works by hand; nothing to show the user here.
  const endpoints = useQuery(queries.catalog()).data ?? NONE;
  const testValues = useQuery(queries.testValues()).data ?? NONE;
  return { endpoints, testValues };
}
