//! Every row checked before anything is sent: required fields filled and each identifier valid by its rule
//! (checksums included), with the exact reason, so the user can fix, skip or send the bad rows anyway.

use serde::Serialize;
use ts_rs::TS;
use vk_core::catalog::Endpoint;
use vk_core::envelope::FieldProblem;

use crate::mapping::Mapping;
use crate::sheet::{Row, Sheet};

/// A row that would not pass: its number in the sheet, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RowCheck {
    /// Position in the sheet's rows (0 for the first row below the headers).
    pub index: u32,
    /// The row number a spreadsheet program shows.
    #[ts(type = "number")]
    pub number: u64,
    pub problems: Vec<FieldProblem>,
}

/// The rows that have a problem, in order; an empty list means every row can be sent.
pub fn precheck(sheet: &Sheet, endpoint: &Endpoint, mapping: &Mapping) -> Vec<RowCheck> {
    rows_with_problems(sheet, |row| endpoint.check_form(&mapping.values(row)))
}

/// The rows `check` finds a problem with, in order.
pub(crate) fn rows_with_problems(sheet: &Sheet, check: impl Fn(&Row) -> Vec<FieldProblem>) -> Vec<RowCheck> {
    sheet
        .rows
        .iter()
        .enumerate()
        .filter_map(|(index, row)| {
            let problems = check(row);
            (!problems.is_empty()).then_some(RowCheck { index: index as u32, number: row.number, problems })
        })
        .collect()
}
