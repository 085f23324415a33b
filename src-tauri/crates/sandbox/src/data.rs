//! Deterministic made-up data: everything derives from a hash of the input, so answers are the same on any machine.

use sha2::{Digest, Sha256};

/// A seed drawn from an input: the same input always gives the same numbers.
pub struct Seed([u8; 32]);

impl Seed {
    pub fn of(parts: &[&str]) -> Self {
        let mut hasher = Sha256::new();
        for part in parts {
            hasher.update(part.as_bytes());
            hasher.update([0]);
        }
        Self(hasher.finalize().into())
    }

    pub fn byte(&self, i: usize) -> u8 {
        self.0[i % 32]
    }

    /// A number in `lo..=hi` from bytes `i` and `i+1`.
    pub fn range(&self, i: usize, lo: u32, hi: u32) -> u32 {
        let n = u32::from(self.byte(i)) << 8 | u32::from(self.byte(i + 1));
        lo + n % (hi - lo + 1)
    }

    pub fn pick<'a, T>(&self, i: usize, list: &'a [T]) -> &'a T {
        &list[usize::from(self.byte(i)) % list.len()]
    }

    /// `len` digits, as text.
    pub fn digits(&self, i: usize, len: usize) -> String {
        (0..len).map(|k| char::from(b'0' + self.byte(i + k) % 10)).collect()
    }
}

pub const FIRST_NAMES: [&str; 12] =
    ["Ramesh", "Priya", "Anil", "Sunita", "Vikram", "Meena", "Arjun", "Kavita", "Suresh", "Lakshmi", "Rahul", "Anjali"];
pub const SURNAMES: [&str; 12] =
    ["Kumar", "Sharma", "Patel", "Reddy", "Iyer", "Singh", "Das", "Nair", "Gupta", "Joshi", "Menon", "Rao"];
pub const BUSINESS_WORDS: [&str; 10] =
    ["Shree", "Vistar", "Ganga", "Sahyadri", "Deccan", "Indus", "Kaveri", "Aravali", "Narmada", "Konkan"];
pub const CITIES: [(&str, &str); 8] = [
    ("Pune", "Maharashtra"),
    ("Bengaluru", "Karnataka"),
    ("Chennai", "Tamil Nadu"),
    ("Jaipur", "Rajasthan"),
    ("Lucknow", "Uttar Pradesh"),
    ("Kochi", "Kerala"),
    ("Indore", "Madhya Pradesh"),
    ("Surat", "Gujarat"),
];
pub const BANKS: [(&str, &str); 6] = [
    ("SBIN", "State Bank of India"),
    ("HDFC", "HDFC Bank"),
    ("ICIC", "ICICI Bank"),
    ("UTIB", "Axis Bank"),
    ("PUNB", "Punjab National Bank"),
    ("KKBK", "Kotak Mahindra Bank"),
];

pub fn person_name(seed: &Seed) -> String {
    format!("{} {}", seed.pick(0, &FIRST_NAMES), seed.pick(1, &SURNAMES))
}

pub fn business_name(seed: &Seed, suffix: &str) -> String {
    format!("{} {} {suffix}", seed.pick(0, &BUSINESS_WORDS), seed.pick(1, &SURNAMES))
}

pub fn address(seed: &Seed) -> String {
    let (city, state) = seed.pick(4, &CITIES);
    format!(
        "{} {} Road, {city}, {state} {}",
        seed.range(5, 1, 250),
        seed.pick(7, &SURNAMES),
        seed.range(8, 110001, 859999)
    )
}

pub fn date_in(seed: &Seed, i: usize, from_year: u32, to_year: u32) -> String {
    format!("{}-{:02}-{:02}", seed.range(i, from_year, to_year), seed.range(i + 2, 1, 12), seed.range(i + 4, 1, 28))
}

/// How well `given` matches `registered`: the share of registered words found, 0–100, and its tier.
/// Tiers: 100 `EXACT_MATCH`, 50–99 `PARTIAL_MATCH`, below 50 `NO_MATCH`.
pub fn name_match(given: &str, registered: &str) -> (u32, &'static str) {
    let given: Vec<String> = given.split_whitespace().map(str::to_lowercase).collect();
    let words: Vec<String> = registered.split_whitespace().map(str::to_lowercase).collect();
    let found = words.iter().filter(|w| given.contains(w)).count();
    let score = (found * 100 / words.len().max(1)) as u32;
    let score = if score == 100 && given.len() != words.len() { 90 } else { score };
    let tier = match score {
        100 => "EXACT_MATCH",
        50..=99 => "PARTIAL_MATCH",
        _ => "NO_MATCH",
    };
    (score, tier)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_are_stable_and_tiers_follow_the_score() {
        assert_eq!(person_name(&Seed::of(&["ABCPE1234F"])), person_name(&Seed::of(&["ABCPE1234F"])));
        assert_eq!(name_match("Ramesh Kumar", "Ramesh Kumar"), (100, "EXACT_MATCH"));
        assert_eq!(name_match("ramesh  KUMAR", "Ramesh Kumar"), (100, "EXACT_MATCH"));
        assert_eq!(name_match("Ramesh", "Ramesh Kumar"), (50, "PARTIAL_MATCH"));
        assert_eq!(name_match("Ramesh Kumar Singh", "Ramesh Kumar"), (90, "PARTIAL_MATCH"));
        assert_eq!(name_match("Sita Devi", "Ramesh Kumar"), (0, "NO_MATCH"));
    }
}
