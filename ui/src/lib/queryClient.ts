// The page's one cache of reads from the app's Rust side, and how it behaves.
import { QueryClient } from "@tanstack/react-query";

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // NOTE: the app announces every write ("vk-change"), and lib/changeFeed.ts invalidates what it names, so a
        // read stays fresh until then: no refetch on mount, focus or reconnect.
        staleTime: Infinity,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
        // A command that failed says why (an IpcError); asking again would only say it again, later.
        retry: false,
        // NOTE: commands go to this computer's own Rust side, never over the network: without this, every read would
        // wait for the network to come back on a laptop that is offline.
        networkMode: "always",
      },
      mutations: { retry: false, networkMode: "always" },
    },
  });
}
