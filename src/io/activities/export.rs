//! Activities written as a register (.xlsx) with the columns an import reads, so an exported
//! file imports back to the same activities.

use std::collections::HashMap;
use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, XlsxError};
use uuid::Uuid;

use super::register::RegisterField;
use crate::domain::activity::{Activity, ActivityType, type_of};
use crate::i18n::Lang;
use crate::io::ExportError;
use crate::io::export::{excel_date, neutralise};

/// The names an export writes for ids: officers and projects.
pub struct RegisterNames<'a> {
    pub types: &'a [ActivityType],
    pub officers: &'a HashMap<Uuid, String>,
    pub projects: &'a HashMap<Uuid, String>,
}

/// The columns of an exported register, in order.
const COLUMNS: [RegisterField; 13] = [
    RegisterField::Kind,
    RegisterField::Status,
    RegisterField::Start,
    RegisterField::StartTime,
    RegisterField::End,
    RegisterField::EndTime,
    RegisterField::Place,
    RegisterField::Companies,
    RegisterField::Officers,
    RegisterField::Leader,
    RegisterField::Result,
    RegisterField::NextStep,
    RegisterField::Projects,
];

/// One cell's text (dates are written as dates, apart).
fn text_of(field: RegisterField, a: &Activity, names: &RegisterNames) -> String {
    let hm = |t: Option<chrono::NaiveTime>| t.map(|t| t.format("%H:%M").to_string());
    let named = |ids: &[Uuid], map: &HashMap<Uuid, String>| {
        ids.iter()
            .filter_map(|id| map.get(id).cloned())
            .collect::<Vec<_>>()
            .join("、")
    };
    match field {
        RegisterField::Kind => type_of(names.types, &a.kind)
            .map(|t| t.name_zh.clone())
            .unwrap_or_else(|| a.kind.clone()),
        RegisterField::Status => Lang::Zh.activity_status_label(a.status).to_string(),
        RegisterField::StartTime => hm(a.start_time).unwrap_or_default(),
        RegisterField::EndTime => hm(a.end_time).unwrap_or_default(),
        RegisterField::Place => a.place.clone(),
        RegisterField::Companies => a.companies.join("、"),
        RegisterField::Officers => named(&a.officers, names.officers),
        RegisterField::Leader => if a.leader_present { "是" } else { "" }.to_string(),
        RegisterField::Result => a.result.clone(),
        RegisterField::NextStep => a.next_step.clone(),
        RegisterField::Projects => named(&a.projects, names.projects),
        RegisterField::Start | RegisterField::End | RegisterField::Days => String::new(),
    }
}

fn write_book(out: &Path, activities: &[Activity], names: &RegisterNames) -> Result<(), XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("外出招商登记表")?;
    let bold = Format::new().set_bold().set_background_color("DDE7F3");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (c, field) in COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, field.header(), &bold)?;
    }
    for (i, a) in activities.iter().enumerate() {
        let r = 1 + i as u32;
        for (c, field) in COLUMNS.iter().enumerate() {
            let c = c as u16;
            let day = match field {
                RegisterField::Start => Some(a.start),
                RegisterField::End => Some(a.end),
                _ => None,
            };
            match day {
                Some(d) => match excel_date(d) {
                    Some(x) => {
                        sheet.write_date_with_format(r, c, &x, &date)?;
                    }
                    None => {
                        sheet.write_string(r, c, d.to_string())?;
                    }
                },
                None => {
                    let text = text_of(*field, a, names);
                    if !text.is_empty() {
                        sheet.write_string(r, c, neutralise(&text))?;
                    }
                }
            }
        }
    }
    for (c, width) in [8, 8, 12, 8, 12, 8, 12, 30, 16, 8, 36, 24, 30]
        .iter()
        .enumerate()
    {
        sheet.set_column_width(c as u16, *width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    book.save(out)
}

/// Writes `activities` to `out` as a register; returns how many.
pub fn export_register(
    out: &Path,
    activities: &[Activity],
    names: &RegisterNames,
) -> Result<usize, ExportError> {
    write_book(out, activities, names).map_err(|e| ExportError::Write {
        path: out.display().to_string(),
        detail: match e {
            XlsxError::IoError(io) => io.to_string(),
            other => other.to_string(),
        },
    })?;
    Ok(activities.len())
}
