"""Window benchmark (release build, UI embedded, under Xvfb, driven over WebDriver): launch to an interactive
window, resident memory of the app with all its web-view processes, and a 50 MB JSON answer: time to its summary,
time to the first painted rows of its tree, the longest the window went without a frame while it loaded, and
memory after. Run by bench/window.sh, which builds the release app and provides Xvfb and a keyring."""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

from selenium import webdriver  # noqa: E402
from selenium.webdriver.common.options import ArgOptions  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

from big_server import BigServer, big_answer  # noqa: E402
from helpers import by_test_id, json_body, replace_text  # noqa: E402
from test_large_answer import add_environment  # noqa: E402

# VK_BENCH_APP points at another build (a debug one, to compare changes quickly; the recorded figures are release).
APP = Path(os.environ.get("VK_BENCH_APP", ROOT / "target" / "release" / "vk-workspace"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(root_pid):
    """Resident memory of a process and all its descendants (the web views are children of the app), in MB."""
    children = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total_kb, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, []))
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kb += int(line.split()[1])
        except OSError:
            pass
    return total_kb / 1024


def breakdown(root_pid):
    """Resident memory per process of the app's tree, largest first, as "name MB" strings."""
    out = []
    for line in subprocess.run(["ps", "--ppid", str(root_pid), "-o", "pid=,comm="], capture_output=True, text=True).stdout.splitlines():
        pid, name = line.split(None, 1)
        out.append((rss_mb(int(pid)), name))
    out.append((rss_mb(root_pid) - sum(m for m, _ in out), "vk-workspace"))
    return ", ".join(f"{name} {mb:.0f} MB" for mb, name in sorted(out, reverse=True))


def app_pid():
    out = subprocess.run(["pgrep", "-n", "-f", str(APP)], capture_output=True, text=True).stdout.split()
    return int(out[0]) if out else None


def main():
    assert APP.exists(), f"build the release app first: {APP}"
    os.environ["VK_WORKSPACE_DATA_DIR"] = tempfile.mkdtemp(prefix="vk-bench-window-")
    port, native = free_port(), free_port()
    driver_proc = subprocess.Popen(["tauri-driver", "--port", str(port), "--native-port", str(native)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(f"{url}/status", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    server = BigServer(big_answer(250_000))
    figures = {}
    options = ArgOptions()
    options.set_capability("browserName", "wry")
    options.set_capability("tauri:options", {"application": str(APP)})
    try:
        started = time.monotonic()
        d = webdriver.Remote(command_executor=url, options=options)
        WebDriverWait(d, 60, poll_frequency=0.01).until(
            lambda drv: drv.execute_script(
                "const s = document.querySelector('[data-testid=environment-switcher]'); return s && s.options.length > 0"))
        figures["window: launch to interactive"] = ((time.monotonic() - started) * 1000, "ms")
        time.sleep(3)
        pid = app_pid()
        figures["window: memory idle (app and web views)"] = (rss_mb(pid), "MB")
        print(f"idle, by process: {breakdown(pid)}")

        add_environment(d, "Big answers", server.url)
        Select(d.find_element(*by_test_id("method"))).select_by_visible_text("POST")
        replace_text(d.find_element(*by_test_id("endpoint")), "/api/v1/customers/export")
        replace_text(json_body(d), "{}")
        # Measured inside the page: from the click to the summary and to the first tree rows, and the longest
        # gap between frames meanwhile (the window's responsiveness while the answer loads).
        d.execute_script("""
            const w = window; w.__bench = { gaps: 0 };
            const t0 = performance.now(); let last = t0;
            w.__bench.long = [];
            const frame = (t) => { w.__bench.gaps = Math.max(w.__bench.gaps, t - last); if (t - last > 60) w.__bench.long.push([Math.round(last - t0), Math.round(t - last)]); last = t;
              if (!w.__bench.rows) requestAnimationFrame(frame); };
            requestAnimationFrame(frame);
            new MutationObserver((_, obs) => {
              const now = performance.now();
              if (!w.__bench.summary && document.querySelector('[data-testid=summary-headline]')) w.__bench.summary = now - t0;
              if (!w.__bench.rows && document.querySelector('.tree-row-line')) { w.__bench.rows = now - t0; obs.disconnect(); }
            }).observe(document.body, { childList: true, subtree: true });
            document.querySelector('[data-testid=send]').click();
        """)
        WebDriverWait(d, 120, poll_frequency=0.05).until(lambda drv: drv.execute_script("return window.__bench.rows"))
        bench = d.execute_script("return window.__bench")
        print("long frames (start ms, gap ms):", bench["long"], "summary", round(bench["summary"]), "rows", round(bench["rows"]))
        figures["large answer: 50 MB summary shown"] = (bench["summary"], "ms")
        figures["large answer: 50 MB first paint of the tree"] = (bench["rows"], "ms")
        figures["large answer: longest frame gap while loading"] = (bench["gaps"], "ms")
        size = d.execute_script("return document.querySelector('[data-testid=response-summary]').textContent")
        time.sleep(3)
        figures["window: memory after the 50 MB answer"] = (rss_mb(pid), "MB")
        print(f"after the answer, by process: {breakdown(pid)}")
        d.quit()
    finally:
        server.close()
        driver_proc.terminate()
    print(f"answer: {size}")
    for name, (value, unit) in figures.items():
        print(f"| {name} | {value:.0f} | {unit} |")


if __name__ == "__main__":
    main()
