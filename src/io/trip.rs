//! 出差清单 as cells and as an .xlsx: one text per column of each row (what the window, the
//! command line and the sheet show alike), and the sheet with a title row naming the place and
//! the days.

use std::collections::BTreeSet;
use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::app::trip_plan::{Pick, Standing, TripList};
use crate::i18n::{Lang, T, stage_label};
use crate::io::ExportError;
use crate::io::export::neutralise;

/// The list's columns, in order.
pub const COLUMNS: [T; 10] = [
    T::TripColPick,
    T::TripColKind,
    T::TripColName,
    T::TripColPlace,
    T::TripColStanding,
    T::TripColPriority,
    T::TripColLinks,
    T::TripColOfficer,
    T::TripColContact,
    T::TripColLast,
];

/// One row of the list: what it is (to tick it) and its cells, in [`COLUMNS`]' order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TripRow {
    pub pick: Pick,
    pub picked: bool,
    pub cells: [String; 10],
}

fn standing_label(lang: Lang, standing: Standing) -> &'static str {
    lang.t(match standing {
        Standing::Missing => T::TripMissing,
        Standing::Weak => T::TripWeak,
        Standing::Rest => T::TripRest,
    })
}

fn day_or_dash(day: Option<chrono::NaiveDate>) -> String {
    day.map_or_else(|| "—".to_string(), |d| d.to_string())
}

/// The rows as shown: the companies (in the list's order), then the projects.
pub fn trip_rows(list: &TripList, picks: &BTreeSet<Pick>, lang: Lang) -> Vec<TripRow> {
    let tick = |pick: Pick| if picks.contains(&pick) { "✓" } else { "" }.to_string();
    let mut out = Vec::new();
    for c in &list.companies {
        let pick = Pick::Company(c.id);
        let links: Vec<String> = (c.links.iter())
            .map(|(label, s)| format!("{label}（{}）", lang.link_status_label(*s)))
            .collect();
        let mut priority = c.priority.code().to_string();
        if c.chain_leader {
            priority = format!("{priority} · {}", lang.t(T::TripLeader));
        }
        out.push(TripRow {
            pick,
            picked: picks.contains(&pick),
            cells: [
                tick(pick),
                lang.t(T::TripKindCompany).to_string(),
                c.name.clone(),
                c.city.clone(),
                standing_label(lang, c.standing).to_string(),
                priority,
                links.join("、"),
                c.officer.clone(),
                lang.contact_label(c.contact).to_string(),
                day_or_dash(c.last_contact),
            ],
        });
    }
    for p in &list.projects {
        let pick = Pick::Project(p.id);
        out.push(TripRow {
            pick,
            picked: picks.contains(&pick),
            cells: [
                tick(pick),
                lang.t(T::TripKindProject).to_string(),
                p.name.clone(),
                p.origin.clone(),
                stage_label(lang, p.stage).to_string(),
                String::new(),
                p.company.clone(),
                p.officer.clone(),
                String::new(),
                day_or_dash(p.last_contact),
            ],
        });
    }
    out
}

fn write_book(out: &Path, title: &str, rows: &[TripRow], lang: Lang) -> Result<(), XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(lang.t(T::TripTitle))?;
    let heading = Format::new().set_bold().set_font_size(14);
    let bold = Format::new().set_bold().set_background_color("DDE7F3");
    sheet.merge_range(0, 0, 0, COLUMNS.len() as u16 - 1, title, &heading)?;
    for (c, key) in COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(1, c as u16, lang.t(*key), &bold)?;
    }
    for (i, row) in rows.iter().enumerate() {
        for (c, text) in row.cells.iter().enumerate() {
            if !text.is_empty() {
                sheet.write_string(2 + i as u32, c as u16, neutralise(text))?;
            }
        }
    }
    for (c, width) in [6, 10, 30, 12, 10, 10, 40, 10, 10, 12].iter().enumerate() {
        sheet.set_column_width(c as u16, *width)?;
    }
    sheet.set_freeze_panes(2, 0)?;
    book.save(out)
}

/// Writes the list as shown to `out` under `title`; returns how many rows.
pub fn export_trip_list(
    out: &Path,
    title: &str,
    list: &TripList,
    picks: &BTreeSet<Pick>,
    lang: Lang,
) -> Result<usize, ExportError> {
    let rows = trip_rows(list, picks, lang);
    write_book(out, title, &rows, lang).map_err(|e| ExportError::Write {
        path: out.display().to_string(),
        detail: match e {
            XlsxError::IoError(io) => io.to_string(),
            other => other.to_string(),
        },
    })?;
    Ok(rows.len())
}
