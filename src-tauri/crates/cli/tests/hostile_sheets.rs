//! `vk batch` given hostile sheets, run under a 2 GiB memory cap (`prlimit --as`) and a time cap: a clear message
//! and exit 2 before anything is sent, never an abort (exit 134) or a machine swapped to a halt.

use std::path::PathBuf;
use std::process::Command;

struct TempFile(PathBuf);

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// `vk batch` on `bytes` (saved as `name`), capped: its exit code and what it wrote to stderr.
fn vk_batch_capped(name: &str, bytes: &[u8]) -> (Option<i32>, String) {
    let input = TempFile(std::env::temp_dir().join(format!("vk-hostile-{}-{name}", std::process::id())));
    std::fs::write(&input.0, bytes).unwrap();
    let output = std::env::temp_dir().join(format!("vk-hostile-{}-{name}.out.csv", std::process::id()));
    let out = Command::new("prlimit")
        .arg(format!("--as={}", 2u64 << 30))
        .args(["--", "timeout", "120", env!("CARGO_BIN_EXE_vk"), "batch", "verify.pan", "--input"])
        .arg(&input.0)
        .arg("--output")
        .arg(&output)
        // Nothing listens here: the sheet must be refused before any sending.
        .args(["--base-url", "http://127.0.0.1:9", "--api-key", "k", "--tenant", "123456"])
        .env("VK_API_SECRET", "s")
        .output()
        .expect("prlimit runs vk");
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn a_csv_row_of_200000_columns_is_exit_2_with_the_limit_named() {
    let mut csv = String::from("PAN,Name\n");
    for i in 0..20_000 {
        csv.push_str(&format!("P{i},N{i}\n"));
    }
    csv.push_str(&",".repeat(199_999));
    csv.push_str("x\n");
    let (code, stderr) = vk_batch_capped("wide.csv", csv.as_bytes());
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("Line 20002 has 200,000 cells") && stderr.contains("16,384 columns"), "{stderr}");
}

#[test]
fn a_csv_cell_past_excels_last_row_is_exit_2() {
    let csv = format!("PAN\n{}", "ABCPE1234F\n".repeat(1_048_576));
    let (code, stderr) = vk_batch_capped("tall.csv", csv.as_bytes());
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("Line 1048577 is one row too many") && stderr.contains("1,048,576 rows"), "{stderr}");
}
