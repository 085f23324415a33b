//! The memory cap really stops an allocation the size a hostile file claims (in a child process of its own,
//! since the abort ends the process that makes it).

use std::process::Command;

#[test]
fn an_allocation_above_the_cap_fails_instead_of_succeeding() {
    if std::env::var_os("VK_TESTCAP_CHILD").is_some() {
        vk_testcap::cap_memory(vk_testcap::DEFAULT_MEMORY);
        let mut huge: Vec<u8> = Vec::new();
        // try_reserve reports the failure instead of aborting, so the child can say what happened.
        let refused = huge.try_reserve(8 << 30).is_err();
        println!("refused={refused}");
        return;
    }
    let out = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "an_allocation_above_the_cap_fails_instead_of_succeeding", "--nocapture"])
        .env("VK_TESTCAP_CHILD", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("refused=true"), "the child could reserve 8 GiB under a 2 GiB cap: {stdout}");
}
