#!/usr/bin/env python3
"""Keeps the three lists of the app's Tauri commands in step with `#[tauri::command]` in commands.rs:
the invoke handler (src-tauri/src/lib.rs), the app manifest (src-tauri/build.rs) and the window's
capability (src-tauri/capabilities/main.json). Run it after adding or removing a command."""
import json
import pathlib
import re

root = pathlib.Path(__file__).resolve().parent.parent
commands = re.findall(r"#\[tauri::command\]\s*pub async fn (\w+)|#\[tauri::command\]\s*pub fn (\w+)",
                      (root / "src-tauri/src/commands.rs").read_text())
names = [a or b for a, b in commands]


def replace_block(path, start, end, body):
    text = path.read_text()
    i = text.index(start) + len(start)
    j = text.index(end, i)
    path.write_text(text[:i] + body + text[j:])


replace_block(root / "src-tauri/src/lib.rs", "tauri::generate_handler![\n", "        ])",
              "".join(f"            commands::{n},\n" for n in names))
replace_block(root / "src-tauri/build.rs", ".commands(&[\n", "    ]);",
              "".join(f'        "{n}",\n' for n in names))
capability = root / "src-tauri/capabilities/main.json"
data = json.loads(capability.read_text())
plugins = [p for p in data["permissions"] if not p.startswith("allow-")]
data["permissions"] = [f"allow-{n.replace('_', '-')}" for n in names] + plugins
capability.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
print(f"{len(names)} commands")
