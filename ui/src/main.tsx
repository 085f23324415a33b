// Entry point: mounts the app into the page, with its one cache and its notices.
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { makeQueryClient } from "./lib/queryClient";
import { Providers } from "./Providers";
import "./styles.css";

const root = document.getElementById("root");
if (!root) throw new Error("The page has no #root element");
createRoot(root).render(
  <StrictMode>
    <Providers client={makeQueryClient()}>
      <App />
    </Providers>
  </StrictMode>,
);
