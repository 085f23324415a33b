//! What the sandbox remembers while it runs: wallet and its transactions, customers, orders, licences, OTP references.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::data::Seed;
use crate::limits::Limits;

/// Money is kept in paise, never as a float.
pub type Paise = i64;

pub fn rupees(paise: Paise) -> f64 {
    paise as f64 / 100.0
}

pub struct Transaction {
    pub id: String,
    pub date: String,
    pub kind: &'static str,
    pub description: String,
    pub amount: Paise,
    pub balance_after: Paise,
}

impl Transaction {
    pub fn to_json(&self) -> Value {
        json!({ "id": self.id, "date": self.date, "type": self.kind, "description": self.description,
            "amount": rupees(self.amount), "balance_after": rupees(self.balance_after) })
    }
}

pub struct OtpRequest {
    pub aadhaar: String,
    pub issued: Instant,
}

pub struct License {
    pub id: &'static str,
    pub service: &'static str,
    pub valid_until: String,
    pub monthly_fee: Paise,
}

pub struct State {
    pub balance: Paise,
    pub last_updated: String,
    /// Newest first.
    pub transactions: Vec<Transaction>,
    pub customers: BTreeMap<u64, Value>,
    pub next_customer: u64,
    pub orders: BTreeMap<String, Value>,
    pub next_order: u64,
    pub otps: HashMap<String, OtpRequest>,
    pub next_otp: u64,
    pub licenses: Vec<License>,
}

impl State {
    fn new() -> Self {
        let mut transactions = Vec::new();
        let mut balance: Paise = 1_542_050;
        // 45 past transactions (enough for three pages of 20), newest first, ending at today's balance.
        for i in 0..45u32 {
            let seed = Seed::of(&["txn", &i.to_string()]);
            let credit = seed.byte(0).is_multiple_of(3);
            let amount: Paise = Paise::from(seed.range(1, 50, 5_000)) * 100;
            let (kind, description, signed) = if credit {
                ("CREDIT", "Wallet top-up".to_string(), amount)
            } else {
                ("DEBIT", format!("{} verification", seed.pick(3, &["PAN", "Bank account", "GST", "Aadhaar"])), -amount)
            };
            let day = 30 - (i * 2 / 3);
            let month = if i < 22 { 5 } else { 4 };
            transactions.push(Transaction {
                id: format!("TXN-{:06}", 45 - i),
                date: format!("2026-{month:02}-{:02}", day.clamp(1, 28)),
                kind,
                description,
                amount: signed.abs(),
                balance_after: balance,
            });
            balance -= signed;
        }
        Self {
            balance: 1_542_050,
            last_updated: "2026-05-01T10:30:00Z".into(),
            transactions,
            customers: BTreeMap::new(),
            next_customer: 1,
            orders: BTreeMap::new(),
            next_order: 1,
            otps: HashMap::new(),
            next_otp: 1,
            licenses: vec![
                License {
                    id: "LIC-1001",
                    service: "Verification suite",
                    valid_until: "2026-12-31".into(),
                    monthly_fee: 99_900,
                },
                License {
                    id: "LIC-1002",
                    service: "CIBIL reports",
                    valid_until: "2026-08-15".into(),
                    monthly_fee: 249_900,
                },
            ],
        }
    }

    /// Takes `amount` from the wallet and records it; `false` (and no change) when the balance is too low.
    pub fn debit(&mut self, amount: Paise, description: String) -> bool {
        if amount > self.balance {
            return false;
        }
        self.balance -= amount;
        let id = format!("TXN-{:06}", self.transactions.len() + 1);
        self.transactions.insert(
            0,
            Transaction {
                id,
                date: "2026-05-31".into(),
                kind: "DEBIT",
                description,
                amount,
                balance_after: self.balance,
            },
        );
        true
    }
}

/// The state behind one lock: requests are short and never await while holding it.
pub struct Store {
    state: Mutex<State>,
    pub otp_ttl: Duration,
    /// How much the handlers may keep (customers, OTP references).
    pub limits: Limits,
}

impl Store {
    pub fn new(otp_ttl: Duration, limits: Limits) -> Self {
        Self { state: Mutex::new(State::new()), otp_ttl, limits }
    }

    pub fn lock(&self) -> MutexGuard<'_, State> {
        // A panic in a handler is answered as INTERNAL_ERROR; the data it held is still usable.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}
