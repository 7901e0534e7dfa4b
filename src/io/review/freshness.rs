//! The review pack's 数据截至 sheet: every officer (site) heard from with the day of the
//! newest change received from them, marked when older than the team's setting — so a lead
//! sees in the pack whose figures may be missing the latest weeks.

use chrono::NaiveDate;
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::SHEETS;
use crate::store::Store;
use crate::sync;

/// Every officer heard from with their 数据截至, and the days after which one is old (read
/// inside the pack's snapshot).
pub struct AsOf {
    lines: Vec<sync::DataAsOf>,
    limit: i64,
}

pub fn read(store: &Store, today: NaiveDate) -> crate::store::Result<AsOf> {
    Ok(AsOf {
        lines: sync::data_as_of(store, today)?,
        limit: sync::stale_days(store)?,
    })
}

/// Adds the 数据截至 sheet (the last of [`SHEETS`]) for the ledger as it is `today`.
pub fn add_sheet(workbook: &mut Workbook, as_of: &AsOf, today: NaiveDate) -> Result<(), XlsxError> {
    write_sheet(workbook, &as_of.lines, today, as_of.limit)
}

fn write_sheet(
    workbook: &mut Workbook,
    lines: &[sync::DataAsOf],
    today: NaiveDate,
    limit: i64,
) -> Result<(), XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEETS[SHEETS.len() - 1])?;
    let title = Format::new().set_bold().set_font_size(16);
    let note = Format::new().set_font_color("666666");
    let header = Format::new().set_bold().set_background_color("DDE7F3");
    let old = Format::new().set_font_color("B45309").set_bold();
    sheet.write_string_with_format(0, 0, "数据截至（各人员最新变更）", &title)?;
    let text = format!("截至 {today} · 超过 {limit} 天未收到新变更的人员标为“未更新”");
    sheet.write_string_with_format(1, 0, &text, &note)?;
    for (c, name) in ["人员", "队伍", "数据截至", "天数", "状态"]
        .iter()
        .enumerate()
    {
        sheet.write_string_with_format(3, c as u16, *name, &header)?;
    }
    for (i, line) in lines.iter().enumerate() {
        let r = 4 + i as u32;
        let name = if line.local {
            format!("{}（本文件）", line.officer_name)
        } else {
            line.officer_name.clone()
        };
        sheet.write_string(r, 0, &name)?;
        sheet.write_string(r, 1, &line.team_name)?;
        let day = line.as_of.map(|d| d.to_string());
        sheet.write_string(r, 2, day.as_deref().unwrap_or("从未"))?;
        if let Some(age) = line.age_days(today) {
            sheet.write_number(r, 3, age as f64)?;
        }
        if line.is_old(today, limit) {
            sheet.write_string_with_format(r, 4, "未更新", &old)?;
        } else {
            sheet.write_string(r, 4, "正常")?;
        }
    }
    sheet.set_column_width(0, 24)?;
    for c in 1..5 {
        sheet.set_column_width(c, 14)?;
    }
    Ok(())
}
