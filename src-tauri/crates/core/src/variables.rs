//! `{{name}}` variables: substituted into endpoint and body before signing, so the signature covers what is sent.

use std::collections::BTreeMap;

/// Replaces every `{{name}}` (spaces inside the braces allowed) with its value; an unknown name is an error
/// that names it, so nothing half-substituted is ever signed or sent.
pub fn substitute(text: &str, variables: &BTreeMap<String, String>) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start + 2..].find("}}") else { break };
        let name = rest[start + 2..start + 2 + len].trim();
        let value = variables.get(name).ok_or_else(|| {
            format!("The variable {{{{{name}}}}} is not defined in this environment. Add it in the environment's variables, or remove it.")
        })?;
        out.push_str(&rest[..start]);
        out.push_str(value);
        rest = &rest[start + 2 + len + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::substitute;
    use std::collections::BTreeMap;

    #[test]
    fn substitutes_known_names_and_names_unknown_ones() {
        let vars: BTreeMap<String, String> =
            [("pan".to_string(), "ABCPE1234F".to_string()), ("id".into(), "CUST-0001".into())].into();
        assert_eq!(substitute(r#"{"pan":"{{pan}}"}"#, &vars).unwrap(), r#"{"pan":"ABCPE1234F"}"#);
        assert_eq!(substitute("/api/v1/customers/{{ id }}", &vars).unwrap(), "/api/v1/customers/CUST-0001");
        assert_eq!(substitute("no variables {here}", &vars).unwrap(), "no variables {here}");
        assert_eq!(substitute("unclosed {{pan", &vars).unwrap(), "unclosed {{pan");
        assert!(substitute("{{tenant}}", &vars).unwrap_err().contains("{{tenant}} is not defined"));
    }
}
