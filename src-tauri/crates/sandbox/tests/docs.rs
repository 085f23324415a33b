//! docs/sandbox.md lists every endpoint and every test value exactly as the code has them.
//! After changing either, regenerate with `VK_UPDATE_DOCS=1 cargo test -p vk-sandbox --test docs`.

use vk_core::catalog::catalog;
use vk_sandbox::test_values::test_values;

const START: &str = "<!-- generated from the catalog and test_values.rs: start -->";
const END: &str = "<!-- generated: end -->";

fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

fn generated() -> String {
    let mut out = String::from("\n## Endpoints\n\n| module | method | path | what it does |\n|---|---|---|---|\n");
    for e in catalog() {
        out.push_str(&format!("| {} | `{}` | `{}` | {} |\n", e.module, e.method, e.path, cell(&e.description)));
    }
    out.push_str("\n## Test values\n\n| endpoint | request | outcome | use it for |\n|---|---|---|---|\n");
    for t in test_values() {
        let request = if t.body.is_empty() {
            format!("`{} {}`", t.method, t.target)
        } else {
            format!("`{} {}` `{}`", t.method, t.target, t.body)
        };
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            t.endpoint_id,
            cell(&request),
            cell(&t.outcome),
            cell(&t.purpose)
        ));
    }
    out.push('\n');
    out
}

#[test]
fn docs_list_every_endpoint_and_test_value() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../docs/sandbox.md");
    let doc = std::fs::read_to_string(path).expect("docs/sandbox.md exists");
    let (before, rest) = doc.split_once(START).expect("start marker");
    let (current, after) = rest.split_once(END).expect("end marker");
    let wanted = generated();
    if std::env::var_os("VK_UPDATE_DOCS").is_some() {
        std::fs::write(path, format!("{before}{START}{wanted}{END}{after}")).unwrap();
        return;
    }
    assert!(
        current == wanted,
        "docs/sandbox.md is out of date: run VK_UPDATE_DOCS=1 cargo test -p vk-sandbox --test docs"
    );
}
