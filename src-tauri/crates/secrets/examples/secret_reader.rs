//! Test helper: a second process that reads a secret from the OS credential store and prints whether it
//! equals the expected value given in VK_EXPECT (it never prints the secret itself).

use vk_core::ApiSecret;
use vk_secrets::{OsStore, SecretStore};

fn main() {
    let reference = std::env::args().nth(1).expect("reference");
    let expected = ApiSecret::new(std::env::var("VK_EXPECT").expect("VK_EXPECT"));
    let store = OsStore::connect("VK Workspace tests").expect("OS store reachable");
    match store.get(&reference).expect("read") {
        Some(secret) if secret.matches(&expected) => println!("match"),
        Some(_) => println!("different"),
        None => println!("missing"),
    }
}
