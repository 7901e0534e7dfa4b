//! The pack's 考核 sheet: every officer's and every team's figures for the pack's month — the
//! dashboard's 考核 ([`crate::store::Store::appraisal`]), with the activities split by type
//! and the zone's line (each activity and company once) below the teams.

use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

use super::{Formats, PackData, SHEETS, headers, period_note, title, yi};
use crate::domain::activity::{AppraisalFigures, AppraisalOf, AppraisalRow, type_of};
use crate::i18n::{Lang, T};
use crate::report::Report;

/// The sheet's place in [`SHEETS`].
const SHEET: usize = 5;

/// The type columns: every type of the setting, then any code counted that the setting no
/// longer has (shown by its code), so the split always adds up to 活动数.
fn type_columns(report: &Report) -> Vec<(String, String)> {
    let mut columns: Vec<(String, String)> = report
        .activity_types
        .iter()
        .map(|t| (t.code.clone(), t.name_zh.clone()))
        .collect();
    let rows = report
        .appraisal
        .officers
        .iter()
        .chain(&report.appraisal.teams);
    let counted = rows
        .map(|r| &r.figures)
        .chain([&report.appraisal.zone])
        .flat_map(|f| f.by_kind.keys());
    for code in counted {
        if type_of(&report.activity_types, code).is_none()
            && !columns.iter().any(|(c, _)| c == code)
        {
            columns.push((code.clone(), code.clone()));
        }
    }
    columns
}

/// The officer's name and team, or the team's name (and no second cell).
fn names(report: &Report, of: AppraisalOf) -> (String, Option<String>) {
    let team_name = |id| {
        report
            .teams
            .iter()
            .find(|t| t.id == id)
            .map(|t| t.name.clone())
            .unwrap_or_default()
    };
    match of {
        AppraisalOf::Officer(id) => {
            let officer = report.officers.iter().find(|o| o.id == id);
            (
                officer.map(|o| o.name.clone()).unwrap_or_default(),
                Some(officer.map(|o| team_name(o.team_id)).unwrap_or_default()),
            )
        }
        AppraisalOf::Team(id) => (team_name(id), None),
        AppraisalOf::Zone => (Lang::Zh.t(T::PackAppraisalZone).to_string(), None),
    }
}

/// The figures from column `c` on; returns the next free column.
fn figures_cells(
    sheet: &mut Worksheet,
    r: u32,
    mut c: u16,
    f: &AppraisalFigures,
    types: &[(String, String)],
    formats: &Formats,
) -> Result<u16, XlsxError> {
    for n in [f.trip_days, f.companies_visited, f.activities()] {
        sheet.write_number(r, c, n as f64)?;
        c += 1;
    }
    for (code, _) in types {
        sheet.write_number(r, c, f.by_kind.get(code).copied().unwrap_or(0) as f64)?;
        c += 1;
    }
    sheet.write_number(r, c, f.new_leads as f64)?;
    sheet.write_number(r, c + 1, f.signed_count as f64)?;
    sheet.write_number_with_format(r, c + 2, yi(f.signed_cny), &formats.yi)?;
    Ok(c + 3)
}

/// One ranked table (officers, or teams) from `row`, with its header; returns the next free row.
fn table(
    sheet: &mut Worksheet,
    row: u32,
    rows: &[AppraisalRow],
    of_officers: bool,
    report: &Report,
    types: &[(String, String)],
    f: &Formats,
) -> Result<u32, XlsxError> {
    let zh = |k| Lang::Zh.t(k).to_string();
    let mut names_row = vec![zh(T::RankHeader)];
    if of_officers {
        names_row.push(zh(T::AppraisalOfficer));
    }
    names_row.push(zh(T::ScopeTeam));
    names_row.extend([
        zh(T::AppraisalTripDays),
        zh(T::AppraisalCompanies),
        zh(T::AppraisalActivities),
    ]);
    names_row.extend(types.iter().map(|(_, name)| name.clone()));
    names_row.extend([
        zh(T::AppraisalNewLeads),
        zh(T::AppraisalSigned),
        zh(T::AppraisalSignedYi),
    ]);
    let refs: Vec<&str> = names_row.iter().map(String::as_str).collect();
    headers(sheet, row, &refs, f)?;
    let mut r = row + 1;
    for line in rows {
        sheet.write_number(r, 0, line.rank as f64)?;
        let (name, team) = names(report, line.of);
        let mut c = 1;
        sheet.write_string(r, c, &name)?;
        c += 1;
        if let Some(team) = team {
            sheet.write_string(r, c, &team)?;
            c += 1;
        }
        figures_cells(sheet, r, c, &line.figures, types, f)?;
        r += 1;
    }
    Ok(r)
}

/// 考核: the officers, ranked; the teams, ranked; the zone's line.
pub(super) fn appraisal_sheet(
    workbook: &mut Workbook,
    data: &PackData,
    f: &Formats,
) -> Result<(), XlsxError> {
    let report = &data.month;
    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEETS[SHEET])?;
    let heading = Lang::Zh.t(T::PackAppraisalTitle);
    title(sheet, heading, &period_note(report), f)?;
    let types = type_columns(report);
    let appraisal = &report.appraisal;
    if appraisal.officers.is_empty() {
        sheet.write_string_with_format(3, 0, Lang::Zh.t(T::AppraisalNone), &f.note)?;
        return Ok(());
    }
    let below = table(sheet, 3, &appraisal.officers, true, report, &types, f)?;
    let below = table(sheet, below + 1, &appraisal.teams, false, report, &types, f)?;
    sheet.write_string_with_format(below, 1, Lang::Zh.t(T::PackAppraisalZone), &f.bold)?;
    figures_cells(sheet, below, 2, &appraisal.zone, &types, f)?;
    sheet.write_string_with_format(below + 2, 0, Lang::Zh.t(T::PackAppraisalNote), &f.note)?;
    sheet.set_column_width(0, 8)?;
    sheet.set_column_width(1, 16)?;
    sheet.set_column_width(2, 24)?;
    for c in 3..(8 + types.len() as u16) {
        sheet.set_column_width(c, 12)?;
    }
    sheet.set_freeze_panes(4, 0)?;
    Ok(())
}
