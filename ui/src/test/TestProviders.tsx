// For component tests: a fresh cache per test, and notices that go to the test's own functions.
import { QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { NoticesContext, type Confirm, type Notify } from "../core/Notices";
import { makeQueryClient } from "../lib/queryClient";

interface Props {
  notify?: Notify;
  confirm?: Confirm;
  children: ReactNode;
}

const quiet: Notify = () => undefined;
const yes: Confirm = async () => true;

export function TestProviders({ notify = quiet, confirm = yes, children }: Props) {
  const [client] = useState(makeQueryClient);
  const [notices] = useState(() => ({ notify, confirm }));
  return (
    <QueryClientProvider client={client}>
      <NoticesContext.Provider value={notices}>{children}</NoticesContext.Provider>
    </QueryClientProvider>
  );
}
