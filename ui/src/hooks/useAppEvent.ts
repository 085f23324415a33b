// A counter that goes up each time the app announces `event`: put it in an effect's dependencies to refresh.
import { useEffect, useState } from "react";
import { onAppEvent, type AppEvent } from "../lib/api";

export function useAppEvent(event: AppEvent): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    const stop = onAppEvent(event, () => setCount((n) => n + 1));
    return () => {
      stop.then((unlisten) => unlisten(), () => undefined);
    };
  }, [event]);
  return count;
}
