// The endpoint catalog and the sandbox's test values, loaded once from the app's Rust side.
import { useEffect, useState } from "react";
import type { Endpoint } from "../bindings/Endpoint";
import type { TestValue } from "../bindings/TestValue";
import { catalogList, sandboxTestValues } from "../lib/api";

export interface CatalogState {
  endpoints: Endpoint[];
  testValues: TestValue[];
}

export function useCatalog(): CatalogState {
  const [state, setState] = useState<CatalogState>({ endpoints: [], testValues: [] });
  useEffect(() => {
    Promise.all([catalogList(), sandboxTestValues()]).then(
      ([endpoints, testValues]) => setState({ endpoints, testValues }),
      // Without the catalog the composer still works by hand; nothing to show the user here.
      () => setState({ endpoints: [], testValues: [] }),
    );
  }, []);
  return state;
}
