// Follows the app's change events for as long as the root is mounted (see lib/changeFeed.ts).
import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { followChanges } from "../lib/changeFeed";

export function useChangeFeed(): void {
  const client = useQueryClient();
  useEffect(() => followChanges(client), [client]);
}
