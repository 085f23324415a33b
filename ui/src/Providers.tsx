// What every part of the page reads from: the cache of the app's data, and the messages and questions for the person.
import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { NoticesProvider } from "./core/Notices";

export function Providers({ client, children }: { client: QueryClient; children: ReactNode }) {
  return (
    <QueryClientProvider client={client}>
      <NoticesProvider>{children}</NoticesProvider>
    </QueryClientProvider>
  );
}
