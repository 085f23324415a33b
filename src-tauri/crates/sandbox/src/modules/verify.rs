//! Verification endpoints (PAN, Aadhaar OTP, bank, GST, UPI, voter ID, driving licence, passport) with test values.

use std::time::Instant;

use serde_json::{json, Value};
use vk_core::envelope::ApiError;
use vk_core::identifiers::pan_category;
use vk_core::ApiErrorCode;

use super::{field_problem, validation, Call, Outcome};
use crate::data::{address, business_name, date_in, name_match, person_name, Seed, BANKS};
use crate::modules::not_found;

/// The OTP the sandbox always sends, and a reference that never expires (both documented test values).
pub const SANDBOX_OTP: &str = "111000";
pub const DEMO_OTP_REF: &str = "AOTP-DEMO";
pub const EXPIRED_OTP_REF: &str = "AOTP-EXPIRED";

fn with_match(mut data: Value, given: Option<&str>, registered: &str) -> Value {
    if let Some(given) = given {
        let (score, tier) = name_match(given, registered);
        data["name_match_score"] = json!(score);
        data["name_match_result"] = json!(tier);
    }
    data
}

pub fn pan(call: &Call) -> Outcome {
    let pan = call.str("pan").unwrap_or_default();
    if pan.ends_with('X') {
        return Ok(json!({ "pan": pan, "status": "INVALID", "category": null, "registered_name": null,
            "aadhaar_seeding_status": null, "message": "No PAN with this number exists" }));
    }
    let seed = Seed::of(&["pan", pan]);
    let name = match pan.as_bytes()[3] {
        b'P' => person_name(&seed),
        b'C' => business_name(&seed, "Private Limited"),
        _ => business_name(&seed, "Enterprises"),
    };
    let data = json!({ "pan": pan, "status": "VALID", "category": pan_category(pan).unwrap_or("Other"),
        "registered_name": name, "aadhaar_seeding_status": if seed.byte(9).is_multiple_of(4) { "NOT_LINKED" } else { "LINKED" } });
    Ok(with_match(data, call.str("name"), &name))
}

pub fn aadhaar_otp(call: &Call) -> Outcome {
    let aadhaar = call.str("aadhaar").unwrap_or_default().to_string();
    let mut state = call.store.lock();
    let (max, ttl) = (call.store.limits.max_pending_otps, call.store.otp_ttl);
    if state.otps.len() >= max {
        state.otps.retain(|_, otp| otp.issued.elapsed() <= ttl);
    }
    if state.otps.len() >= max {
        return Err(ApiError::new(ApiErrorCode::ServiceUnavailable).with_message(format!(
            "The sandbox holds {max} Aadhaar OTP references still waiting for their OTP. Submit or let some expire \
             (after {} s), then ask for a new OTP.",
            ttl.as_secs()
        )));
    }
    let ref_id = format!("AOTP-{:010}", state.next_otp);
    state.next_otp += 1;
    state.otps.insert(ref_id.clone(), crate::state::OtpRequest { aadhaar: aadhaar.clone(), issued: Instant::now() });
    Ok(
        json!({ "ref_id": ref_id, "message": format!("OTP sent to the mobile linked to Aadhaar XXXX XXXX {}", &aadhaar[8..]),
        "expires_in_seconds": call.store.otp_ttl.as_secs() }),
    )
}

fn kyc(aadhaar: &str) -> Value {
    let seed = Seed::of(&["aadhaar", aadhaar]);
    json!({ "aadhaar": format!("XXXX XXXX {}", &aadhaar[8..]), "name": person_name(&seed),
        "dob": date_in(&seed, 10, 1960, 2004), "gender": if seed.byte(2).is_multiple_of(2) { "M" } else { "F" },
        "address": address(&seed), "status": "VERIFIED" })
}

pub fn aadhaar_otp_submit(call: &Call) -> Outcome {
    let (ref_id, otp) = (call.str("ref_id").unwrap_or_default(), call.str("otp").unwrap_or_default());
    if otp.len() != 6 || !otp.bytes().all(|b| b.is_ascii_digit()) {
        return Err(validation(vec![field_problem("otp", "the OTP has 6 digits")]));
    }
    if ref_id == EXPIRED_OTP_REF {
        return Err(validation(vec![field_problem("ref_id", "this OTP reference has expired; send a new OTP")]));
    }
    let mut state = call.store.lock();
    let aadhaar = if ref_id == DEMO_OTP_REF {
        "234123412346".to_string()
    } else {
        match state.otps.get(ref_id) {
            None => return Err(validation(vec![field_problem("ref_id", "no OTP was sent with this reference")])),
            Some(req) if req.issued.elapsed() > call.store.otp_ttl => {
                state.otps.remove(ref_id);
                return Err(validation(vec![field_problem(
                    "ref_id",
                    "this OTP reference has expired; send a new OTP",
                )]));
            }
            Some(req) => req.aadhaar.clone(),
        }
    };
    if otp != SANDBOX_OTP {
        return Err(validation(vec![field_problem("otp", "the OTP is wrong (in the sandbox it is always 111000)")]));
    }
    state.otps.remove(ref_id);
    Ok(kyc(&aadhaar))
}

pub fn bank_account(call: &Call) -> Outcome {
    let account = call.str("account_number").unwrap_or_default();
    let ifsc = call.str("ifsc").unwrap_or_default();
    let seed = Seed::of(&["bank", account, ifsc]);
    let bank = BANKS.iter().find(|(code, _)| ifsc.starts_with(code)).map_or("Co-operative Bank", |b| b.1);
    let base = json!({ "account_number": account, "ifsc": ifsc, "bank_name": bank,
        "branch": format!("{} Branch", crate::data::CITIES[usize::from(seed.byte(4)) % 8].0) });
    if account.ends_with("0000") {
        return Ok(merge(
            base,
            json!({ "account_status": "INVALID_ACCOUNT", "name_at_bank": null, "utr": null,
            "message": "The bank says this account does not exist or is closed" }),
        ));
    }
    if account.ends_with("1111") {
        return Ok(merge(
            base,
            json!({ "account_status": "PENDING", "name_at_bank": null, "utr": null,
            "message": "The bank has not confirmed yet; ask again in a few minutes" }),
        ));
    }
    let name = person_name(&seed);
    let data = merge(
        base,
        json!({ "account_status": "VALID", "name_at_bank": name, "utr": format!("UTR{}", seed.digits(10, 12)) }),
    );
    Ok(with_match(data, call.str("name"), &name))
}

fn merge(mut base: Value, extra: Value) -> Value {
    if let (Some(b), Value::Object(e)) = (base.as_object_mut(), extra) {
        b.extend(e);
    }
    base
}

pub fn gst(call: &Call) -> Outcome {
    let gstin = call.str("gstin").unwrap_or_default();
    if gstin.as_bytes()[11] == b'X' {
        return Err(not_found("GST registration", gstin));
    }
    let seed = Seed::of(&["gst", gstin]);
    let legal = business_name(&seed, "Private Limited");
    let constitution = match gstin.as_bytes()[5] {
        b'C' => "Private Limited Company",
        b'F' => "Partnership",
        b'P' => "Proprietorship",
        b'H' => "Hindu Undivided Family",
        _ => "Others",
    };
    Ok(
        json!({ "gstin": gstin, "legal_name": legal, "trade_name": business_name(&Seed::of(&["trade", gstin]), "Traders"),
        "status": if gstin.as_bytes()[12] == b'9' { "Cancelled" } else { "Active" }, "constitution": constitution,
        "registration_date": date_in(&seed, 12, 2017, 2025), "address": address(&seed) }),
    )
}

pub fn upi(call: &Call) -> Outcome {
    let vpa = call.str("vpa").unwrap_or_default();
    if vpa.starts_with("notfound") {
        return Err(not_found("UPI ID", vpa));
    }
    let name = person_name(&Seed::of(&["upi", vpa]));
    let data = json!({ "vpa": vpa, "status": "VALID", "account_holder_name": name });
    Ok(with_match(data, call.str("name"), &name))
}

pub fn voter_id(call: &Call) -> Outcome {
    let epic = call.str("epic_number").unwrap_or_default();
    if epic.ends_with("0000000") {
        return Err(not_found("voter ID", epic));
    }
    let seed = Seed::of(&["epic", epic]);
    Ok(json!({ "epic_number": epic, "status": "VALID", "name": person_name(&seed),
        "relative_name": person_name(&Seed::of(&["relative", epic])), "age": seed.range(2, 18, 90),
        "gender": if seed.byte(4).is_multiple_of(2) { "M" } else { "F" }, "assembly_constituency": format!("{} ({})",
        crate::data::CITIES[usize::from(seed.byte(5)) % 8].0, seed.range(6, 1, 288)), "part_number": seed.range(8, 1, 300) }))
}

pub fn driving_licence(call: &Call) -> Outcome {
    let dl = call.str("dl_number").unwrap_or_default();
    if dl.ends_with("0000000") {
        return Err(not_found("driving licence", dl));
    }
    let seed = Seed::of(&["dl", dl]);
    let issued = date_in(&seed, 2, 2005, 2022);
    let valid_until = format!("{}{}", issued[..4].parse::<u32>().unwrap_or(2010) + 20, &issued[4..]);
    Ok(json!({ "dl_number": dl, "status": "ACTIVE", "name": person_name(&seed), "dob": call.str("dob"),
        "date_of_issue": issued, "valid_until": valid_until, "vehicle_classes": ["MCWG", "LMV"], "dob_match": true }))
}

pub fn passport(call: &Call) -> Outcome {
    let number = call.str("passport_number").unwrap_or_default();
    if number.ends_with("999") {
        return Err(not_found("passport", number));
    }
    let seed = Seed::of(&["passport", number]);
    let issued = date_in(&seed, 2, 2015, 2024);
    let expiry = format!("{}{}", issued[..4].parse::<u32>().unwrap_or(2015) + 10, &issued[4..]);
    Ok(json!({ "passport_number": number, "status": "VALID", "name": person_name(&seed), "dob": call.str("dob"),
        "date_of_issue": issued, "date_of_expiry": expiry, "file_number": format!("PN{}", seed.digits(6, 10)), "dob_match": true }))
}
