//! Environments on a real database file: the built-in sandbox, create/update/delete, variables, secret reference.

use std::collections::BTreeMap;

use vk_store::environments::{Environment, BUILTIN_SANDBOX_ID};
use vk_store::Store;

use crate::TempDir;

fn production() -> Environment {
    Environment {
        id: 0,
        name: "Production".into(),
        base_url: "https://vistarkriya.com".into(),
        api_key: "vk_live_abc".into(),
        tenant_code: "654321".into(),
        colour: "#b91c1c".into(),
        production: true,
        builtin: false,
        secret_ref: None,
        variables: BTreeMap::from([("pan".to_string(), "ABCPE1234F".to_string())]),
    }
}

#[test]
fn the_builtin_sandbox_always_exists_and_stays() {
    let dir = TempDir::new("env-builtin");
    let (store, _) = Store::open(&dir.db()).unwrap();
    let all = store.environments_list().unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].name, "Sandbox (built in)");
    assert!(all[0].builtin && !all[0].production && all[0].secret_ref.is_none());
    assert!(store.environment_delete(BUILTIN_SANDBOX_ID).unwrap_err().to_string().contains("cannot be deleted"));
    let mut renamed = all[0].clone();
    renamed.name = "Mine now".into();
    renamed.variables.insert("x".into(), "1".into());
    store.environment_update(&renamed).unwrap();
    let kept = store.environment_get(BUILTIN_SANDBOX_ID).unwrap().unwrap();
    assert_eq!(kept.name, "Sandbox (built in)", "the built-in keeps its name");
    assert_eq!(kept.variables.get("x").map(String::as_str), Some("1"), "but takes variables");
}

#[test]
fn environments_are_created_updated_and_deleted() {
    let dir = TempDir::new("env-crud");
    let (store, _) = Store::open(&dir.db()).unwrap();
    let created = store.environment_create(&production()).unwrap();
    let reference = created.secret_ref.clone().unwrap();
    assert!(reference.starts_with(&format!("environment:{}:", created.id)), "{reference}");
    assert!(created.production);
    assert!(store.environment_create(&production()).unwrap_err().to_string().contains("already exists"));
    let bad = Environment { base_url: "vistarkriya.com".into(), name: "Other".into(), ..production() };
    assert!(store.environment_create(&bad).unwrap_err().to_string().contains("https://"));
    let bad = Environment { tenant_code: "12".into(), name: "Other".into(), ..production() };
    assert!(store.environment_create(&bad).unwrap_err().to_string().contains("6 digits"));

    let changed = Environment { production: false, tenant_code: "111111".into(), ..created.clone() };
    store.environment_update(&changed).unwrap();
    let back = store.environment_get(created.id).unwrap().unwrap();
    assert_eq!((back.production, back.tenant_code.as_str()), (false, "111111"));
    assert_eq!(back.secret_ref, created.secret_ref, "the reference does not move");

    assert_eq!(store.environment_delete(created.id).unwrap(), created.secret_ref, "caller removes the secret too");
    assert_eq!(store.environments_list().unwrap().len(), 1);
}
