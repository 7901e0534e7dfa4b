//! The monthly review pack (月度点评): one .xlsx for a month — 总览, 新签约项目, 赛马排名, 分产业,
//! 分来源地, 考核, 招商地图, 产业链, 数据截至 — with the charts inside, and the same charts as PNG
//! files beside it. Every figure is the report's ([`crate::report::build`]) for the month and for the year to the month's end.

mod appraisal;
mod chain;
pub mod freshness;
mod map;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rust_xlsxwriter::{Format, FormatAlign, Image, Workbook, Worksheet, XlsxError};

use super::export::excel_date;
use crate::domain::Currency;
use crate::domain::money::WAN;
use crate::domain::target::{ElapsedCounting, Metric};
use crate::i18n::{Lang, T, io_error_text, stage_label, store_error_text};
use crate::io::charts::{self, ChartError};
use crate::report::charts::{ChartKind, Charts};
use crate::report::labels::{key_label, metric_value, target_name};
use crate::report::{self, Headline, Report, ReportRange, yoy_tenths};
use crate::store::{self, DateField, Dimension, ProjectFilter, SortColumn, SortOrder, Store};

/// Picks one line of a headline.
type Pick = fn(&Headline) -> store::Tally;

/// Charts in the pack are drawn at this size.
const CHART_SIZE: (u32, u32) = (1200, 750);
/// Images are shown at this fraction of their size inside the workbook.
const IMAGE_SCALE: f64 = 0.6;

/// The sheets, in order.
pub const SHEETS: [&str; 9] = [
    "总览",
    "新签约项目",
    "赛马排名",
    "分产业",
    "分来源地",
    "考核",
    "招商地图",
    "产业链",
    "数据截至",
];

/// Why the pack could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    #[error("读取台账失败：{0}。请检查台账文件后重试。 / Reading the ledger failed: {0}.")]
    Read(#[from] store::StoreError),
    #[error("{0}")]
    Chart(#[from] ChartError),
    #[error(
        "无法写出工作簿 {path}：{source}。若文件已在 Excel/WPS 中打开，请先关闭；或换一个文件名。 / Cannot write the workbook {path}: {source}. Close it in Excel/WPS or choose another name."
    )]
    Xlsx { path: PathBuf, source: XlsxError },
    #[error("月份无效：{0}-{1}。请写作 YYYY-MM。 / Invalid month {0}-{1}: use YYYY-MM.")]
    Month(i32, u32),
}

impl ReviewError {
    /// Why the pack was not written, and what to do, in the user's language.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            ReviewError::Read(e) => lang
                .t(T::PackReadFailed)
                .replace("{e}", &store_error_text(lang, e)),
            ReviewError::Chart(e) => e.text(lang),
            ReviewError::Xlsx { path, source } => {
                let detail = match source {
                    XlsxError::IoError(e) => io_error_text(lang, e),
                    other => other.to_string(),
                };
                lang.t(T::PackWorkbookFailed)
                    .replace("{path}", &path.display().to_string())
                    .replace("{e}", &detail)
            }
            ReviewError::Month(year, month) => lang
                .t(T::PackBadMonth)
                .replace("{year}", &year.to_string())
                .replace("{month}", &month.to_string()),
        }
    }
}

/// The month's first day to its last, or to `today` while the month is under way (so 序时进度
/// is measured at today, not at a day still to come).
pub fn month_range(year: i32, month: u32, today: NaiveDate) -> Option<ReportRange> {
    let from = NaiveDate::from_ymd_opt(year, month, 1)?;
    let last = from
        .checked_add_months(chrono::Months::new(1))?
        .pred_opt()?;
    let to = if today >= from { last.min(today) } else { last };
    Some(ReportRange { from, to })
}

/// The reports a pack is made of: the month, and the year up to the month's end.
pub struct PackData {
    pub month: Report,
    pub year_to_date: Report,
    /// The charts, for the year to date.
    pub charts: Charts,
}

pub fn pack_data(
    store: &Store,
    (year, month): (i32, u32),
    counting: ElapsedCounting,
    today: NaiveDate,
) -> Result<PackData, ReviewError> {
    let range = month_range(year, month, today).ok_or(ReviewError::Month(year, month))?;
    let ytd = ReportRange {
        from: NaiveDate::from_ymd_opt(year, 1, 1).ok_or(ReviewError::Month(year, month))?,
        to: range.to,
    };
    let month_report = report::build(store, range, counting)?;
    let year_to_date = report::build(store, ytd, counting)?;
    let charts = report::charts::build(store, &year_to_date, Lang::Zh)?;
    Ok(PackData {
        month: month_report,
        year_to_date,
        charts,
    })
}

/// Where a chart's PNG goes beside the pack: `PACK-industry.png`.
pub fn chart_path(out: &Path, kind: ChartKind) -> PathBuf {
    let stem = out
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "review".into());
    out.with_file_name(format!("{stem}-{}.png", kind.code()))
}

/// Writes the pack for a month to `out`, and its charts beside it; returns the charts' paths.
/// A month still under way is counted up to `today`.
pub fn write_pack(
    store: &Store,
    month: (i32, u32),
    counting: ElapsedCounting,
    today: NaiveDate,
    out: &Path,
) -> Result<Vec<PathBuf>, ReviewError> {
    // Every figure from one snapshot of the ledger, even if it is edited meanwhile (the
    // window writes the pack on a worker thread while the user goes on working).
    let (data, signings, (origins, companies), chains, as_of) =
        store.read_consistent(|store| -> Result<_, ReviewError> {
            let data = pack_data(store, month, counting, today)?;
            let signings = month_signings(store, data.month.range)?;
            let origins = map::figures(store, data.year_to_date.range)?;
            let companies = map::companies(store)?;
            let chains = chain::read(store)?;
            let as_of = freshness::read(store, today)?;
            Ok((data, signings, (origins, companies), chains, as_of))
        })?;
    let origins_png = map::picture(&origins)?;
    let mut pngs = Vec::new();
    for kind in ChartKind::ALL {
        pngs.push((kind, charts::render_png(&data.charts, kind, CHART_SIZE)?));
    }
    let xlsx = |source| ReviewError::Xlsx {
        path: out.to_path_buf(),
        source,
    };
    let mut workbook = Workbook::new();
    build_workbook(&mut workbook, &data, &signings, &pngs, month).map_err(xlsx)?;
    map::sheet(&mut workbook, &origins, &companies, &origins_png).map_err(xlsx)?;
    chain::chain_sheet(&mut workbook, &chains, SHEETS[7]).map_err(xlsx)?;
    freshness::add_sheet(&mut workbook, &as_of, today).map_err(xlsx)?;
    workbook.save(out).map_err(xlsx)?;
    let mut written = Vec::new();
    for (kind, bytes) in &pngs {
        let path = chart_path(out, *kind);
        std::fs::write(&path, bytes).map_err(|source| ChartError::Write {
            path: path.clone(),
            source,
        })?;
        written.push(path);
    }
    Ok(written)
}

/// The month's signings, in signing order.
fn month_signings(store: &Store, range: ReportRange) -> store::Result<Vec<store::LedgerRow>> {
    let filter = ProjectFilter {
        date_field: DateField::Signed,
        date_from: Some(range.from),
        date_to: Some(range.to),
        ..Default::default()
    };
    let keys = store.ledger_keys(&filter, SortColumn::SignedDate, SortOrder::Ascending)?;
    let mut rows = Vec::with_capacity(keys.len());
    for chunk in keys.chunks(500) {
        rows.extend(store.ledger_rows(chunk)?);
    }
    Ok(rows)
}

/// An amount in 亿元 for a cell: the exact yuan divided once; the cell format shows two places.
fn yi(units: i64) -> f64 {
    units as f64 / 1e8
}

fn tenths(t: i64) -> f64 {
    t as f64 / 10.0
}

struct Formats {
    title: Format,
    note: Format,
    header: Format,
    yi: Format,
    percent: Format,
    bold: Format,
    bold_yi: Format,
}

impl Formats {
    fn new() -> Formats {
        let header = Format::new()
            .set_bold()
            .set_background_color("DDE7F3")
            .set_align(FormatAlign::Center);
        Formats {
            title: Format::new().set_bold().set_font_size(16),
            note: Format::new().set_font_color("666666"),
            header,
            yi: Format::new().set_num_format("#,##0.00"),
            percent: Format::new().set_num_format("0.0"),
            bold: Format::new().set_bold(),
            bold_yi: Format::new().set_bold().set_num_format("#,##0.00"),
        }
    }
}

fn headers(sheet: &mut Worksheet, row: u32, names: &[&str], f: &Formats) -> Result<(), XlsxError> {
    for (c, name) in names.iter().enumerate() {
        sheet.write_string_with_format(row, c as u16, *name, &f.header)?;
    }
    Ok(())
}

fn title(sheet: &mut Worksheet, text: &str, note: &str, f: &Formats) -> Result<(), XlsxError> {
    sheet.write_string_with_format(0, 0, text, &f.title)?;
    sheet.write_string_with_format(1, 0, note, &f.note)?;
    Ok(())
}

fn image(bytes: &[u8]) -> Result<Image, XlsxError> {
    Ok(Image::new_from_buffer(bytes)?
        .set_scale_width(IMAGE_SCALE)
        .set_scale_height(IMAGE_SCALE))
}

fn png_of(pngs: &[(ChartKind, Vec<u8>)], kind: ChartKind) -> &[u8] {
    pngs.iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, b)| b.as_slice())
        .unwrap_or_default()
}

fn period_note(report: &Report) -> String {
    format!(
        "统计期间 {} 至 {} · 数据截至 {} · 金额单位：亿元",
        report.range.from, report.range.to, report.range.to
    )
}

fn build_workbook(
    workbook: &mut Workbook,
    data: &PackData,
    signings: &[store::LedgerRow],
    pngs: &[(ChartKind, Vec<u8>)],
    (year, month): (i32, u32),
) -> Result<(), XlsxError> {
    let f = Formats::new();
    let ytd = &data.year_to_date;

    // 总览
    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEETS[0])?;
    title(
        sheet,
        &format!("{year}年{month}月 招商引资月度点评"),
        &period_note(ytd),
        &f,
    )?;
    headers(
        sheet,
        3,
        &[
            "指标",
            "本月个数",
            "本月金额",
            "本年累计个数",
            "本年累计金额",
            "去年同期累计个数",
            "去年同期累计金额",
            "累计金额同比(%)",
        ],
        &f,
    )?;
    let lines: [(&str, Pick); 3] = [
        ("签约", |h| h.signed),
        ("开工", |h| h.started),
        ("投产", |h| h.in_production),
    ];
    for (i, (name, pick)) in lines.iter().enumerate() {
        let r = 4 + i as u32;
        let (m, y, l) = (
            pick(&data.month.current),
            pick(&ytd.current),
            pick(&ytd.last_year),
        );
        sheet.write_string_with_format(r, 0, *name, &f.bold)?;
        sheet.write_number(r, 1, m.count as f64)?;
        sheet.write_number_with_format(r, 2, yi(m.amount_cny), &f.yi)?;
        sheet.write_number(r, 3, y.count as f64)?;
        sheet.write_number_with_format(r, 4, yi(y.amount_cny), &f.yi)?;
        sheet.write_number(r, 5, l.count as f64)?;
        sheet.write_number_with_format(r, 6, yi(l.amount_cny), &f.yi)?;
        match yoy_tenths(y.amount_cny, l.amount_cny) {
            Some(t) => sheet.write_number_with_format(r, 7, tenths(t), &f.percent)?,
            None => sheet.write_string(r, 7, "去年同期为零")?,
        };
    }
    let mut r = 8;
    sheet.write_string_with_format(r, 0, "目标完成情况（截至月末）", &f.bold)?;
    r += 1;
    headers(
        sheet,
        r,
        &[
            "目标",
            "目标值",
            "已完成",
            "完成率(%)",
            "序时进度(%)",
            "超序时(百分点)",
        ],
        &f,
    )?;
    r += 1;
    if ytd.targets.is_empty() {
        sheet.write_string_with_format(r, 0, "本期没有设定目标", &f.note)?;
        r += 1;
    }
    for t in &ytd.targets {
        let metric = t.target.metric;
        sheet.write_string(r, 0, target_name(&ytd.teams, &t.target, Lang::Zh))?;
        let amount = matches!(metric, Metric::SignedAmount | Metric::ForeignUsd);
        if amount {
            sheet.write_number_with_format(r, 1, yi(t.target.value), &f.yi)?;
            sheet.write_number_with_format(r, 2, yi(t.progress.actual), &f.yi)?;
        } else {
            sheet.write_string(r, 1, metric_value(metric, t.target.value, Lang::Zh))?;
            sheet.write_string(r, 2, metric_value(metric, t.progress.actual, Lang::Zh))?;
        }
        if let Some(c) = t.progress.completion_tenths() {
            sheet.write_number_with_format(r, 3, tenths(c), &f.percent)?;
        }
        sheet.write_number_with_format(r, 4, tenths(t.progress.elapsed_tenths()), &f.percent)?;
        if let Some(a) = t.progress.ahead_tenths() {
            sheet.write_number_with_format(r, 5, tenths(a), &f.percent)?;
        }
        r += 1;
    }
    sheet.set_column_width(0, 34)?;
    for c in 1..8 {
        sheet.set_column_width(c, 15)?;
    }
    r += 1;
    sheet.insert_image(r, 0, &image(png_of(pngs, ChartKind::Monthly))?)?;
    // Images are 720×450 px at this scale: columns A–E are 683 px wide, so the second image
    // starts at column H, and the next row of images 24 rows (480 px) down.
    sheet.insert_image(r, 7, &image(png_of(pngs, ChartKind::Funnel))?)?;
    sheet.insert_image(r + 24, 0, &image(png_of(pngs, ChartKind::Tier))?)?;
    signings_sheet(workbook, data, signings, (year, month), &f)?;
    standings_sheet(workbook, ytd, pngs, &f)?;
    shares_sheets(workbook, ytd, pngs, &f)?;
    appraisal::appraisal_sheet(workbook, data, &f)
}

/// 新签约项目: one line per signing of the month, every cell of its header's type — the
/// amount a number in its own currency (the unit in the cell's format), the date a date.
fn signings_sheet(
    workbook: &mut Workbook,
    data: &PackData,
    signings: &[store::LedgerRow],
    (year, month): (i32, u32),
    f: &Formats,
) -> Result<(), XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEETS[1])?;
    title(
        sheet,
        &format!("{year}年{month}月 新签约项目（{}个）", signings.len()),
        &period_note(&data.month),
        f,
    )?;
    headers(
        sheet,
        3,
        &[
            "序号",
            "项目名称",
            "企业",
            "产业",
            "总投资(原币)",
            "折合人民币(亿元)",
            "签约日期",
            "招商小组",
            "来源地",
            "当前阶段",
        ],
        f,
    )?;
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (i, p) in signings.iter().enumerate() {
        let r = 4 + i as u32;
        sheet.write_number(r, 0, (i + 1) as f64)?;
        sheet.write_string(r, 1, &p.name)?;
        sheet.write_string(r, 2, &p.company)?;
        sheet.write_string(r, 3, &p.industry)?;
        if let Some(m) = p.investment {
            // 3000万欧元 as the number 3000 shown with its unit: a figure, not text.
            let unit = match m.currency {
                Currency::Cny => "万元".to_string(),
                other => format!("万{}", other.unit_zh()),
            };
            let format = Format::new().set_num_format(format!("#,##0.####\"{unit}\""));
            sheet.write_number_with_format(r, 4, m.units as f64 / WAN as f64, &format)?;
        }
        if let Some(cny) = p.amount_cny {
            sheet.write_number_with_format(r, 5, yi(cny), &f.yi)?;
        }
        if let Some(d) = p.signed_date {
            match excel_date(d) {
                Some(x) => sheet.write_date_with_format(r, 6, &x, &date)?,
                None => sheet.write_string(r, 6, d.to_string())?,
            };
        }
        sheet.write_string(r, 7, &p.team)?;
        sheet.write_string(r, 8, &p.origin)?;
        sheet.write_string(r, 9, stage_label(Lang::Zh, p.stage))?;
    }
    let total_row = 4 + signings.len() as u32;
    sheet.write_string_with_format(total_row, 1, "合计", &f.bold)?;
    sheet.write_number_with_format(
        total_row,
        5,
        yi(data.month.current.signed.amount_cny),
        &f.bold_yi,
    )?;
    for (c, w) in [6, 36, 30, 14, 16, 16, 12, 16, 14, 10].iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    sheet.set_freeze_panes(4, 0)?;
    Ok(())
}

/// 赛马排名: the teams by completion of their own targets, with the chart.
fn standings_sheet(
    workbook: &mut Workbook,
    ytd: &Report,
    pngs: &[(ChartKind, Vec<u8>)],
    f: &Formats,
) -> Result<(), XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEETS[2])?;
    title(sheet, "赛马排名（本年累计）", &period_note(ytd), f)?;
    headers(
        sheet,
        3,
        &[
            "排名(完成率)",
            "招商小组",
            "签约个数",
            "签约金额",
            "目标完成率(%)",
            "排名(金额)",
            "较上月(完成率名次)",
        ],
        f,
    )?;
    for (i, s) in ytd.standings.iter().enumerate() {
        let r = 4 + i as u32;
        sheet.write_number(r, 0, s.rank_by_completion as f64)?;
        sheet.write_string(r, 1, &s.name)?;
        sheet.write_number(r, 2, s.signed.count as f64)?;
        sheet.write_number_with_format(r, 3, yi(s.signed.amount_cny), &f.yi)?;
        match s.completion_tenths {
            Some(c) => sheet.write_number_with_format(r, 4, tenths(c), &f.percent)?,
            None => sheet.write_string(r, 4, "未设目标")?,
        };
        sheet.write_number(r, 5, s.rank_by_amount as f64)?;
        match s.completion_rank_change() {
            Some(0) => sheet.write_string(r, 6, "持平")?,
            Some(c) if c > 0 => sheet.write_string(r, 6, format!("↑{c}"))?,
            Some(c) => sheet.write_string(r, 6, format!("↓{}", -c))?,
            None => sheet.write_string(r, 6, "—")?,
        };
    }
    sheet.set_column_width(1, 24)?;
    for c in [0, 2, 3, 4, 5, 6] {
        sheet.set_column_width(c, 16)?;
    }
    let below = 5 + ytd.standings.len() as u32;
    sheet.insert_image(below, 0, &image(png_of(pngs, ChartKind::Teams))?)?;
    Ok(())
}

/// 分产业 and 分来源地: the breakdowns with their charts.
fn shares_sheets(
    workbook: &mut Workbook,
    ytd: &Report,
    pngs: &[(ChartKind, Vec<u8>)],
    f: &Formats,
) -> Result<(), XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEETS[3])?;
    title(sheet, "分产业签约（本年累计）", &period_note(ytd), f)?;
    let below = share_table(sheet, 3, "产业", ytd, Dimension::Industry, f)?;
    sheet.insert_image(below + 1, 0, &image(png_of(pngs, ChartKind::Industry))?)?;

    // 分来源地
    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEETS[4])?;
    title(sheet, "分来源地签约（本年累计）", &period_note(ytd), f)?;
    let below = share_table(sheet, 3, "经济区", ytd, Dimension::Region, f)?;
    let below = share_table(sheet, below + 1, "城市或国家", ytd, Dimension::Origin, f)?;
    sheet.insert_image(below + 1, 0, &image(png_of(pngs, ChartKind::Region))?)?;
    sheet.insert_image(below + 25, 0, &image(png_of(pngs, ChartKind::Origin))?)?;
    Ok(())
}

/// A breakdown as a table (key, count, amount, share) with a total line; returns the next free row.
fn share_table(
    sheet: &mut Worksheet,
    row: u32,
    key_header: &str,
    report: &Report,
    dimension: Dimension,
    f: &Formats,
) -> Result<u32, XlsxError> {
    let rows = match dimension {
        Dimension::Industry => &report.by_industry,
        Dimension::Region => &report.by_region,
        Dimension::Origin => &report.by_origin,
        Dimension::Team => &report.by_team,
        Dimension::Stage => &report.by_stage,
    };
    headers(
        sheet,
        row,
        &[key_header, "签约个数", "签约金额", "占比(%)"],
        f,
    )?;
    let whole = report.current.signed.amount_cny;
    let mut r = row + 1;
    for share in rows {
        sheet.write_string(r, 0, key_label(report, dimension, &share.key, Lang::Zh))?;
        sheet.write_number(r, 1, share.tally.count as f64)?;
        sheet.write_number_with_format(r, 2, yi(share.tally.amount_cny), &f.yi)?;
        if let Some(t) = report::share_tenths(share.tally.amount_cny, whole) {
            sheet.write_number_with_format(r, 3, tenths(t), &f.percent)?;
        }
        r += 1;
    }
    sheet.write_string_with_format(r, 0, "合计", &f.bold)?;
    sheet.write_number(r, 1, report.current.signed.count as f64)?;
    sheet.write_number_with_format(r, 2, yi(whole), &f.bold_yi)?;
    sheet.set_column_width(0, 24)?;
    for c in 1..4 {
        sheet.set_column_width(c, 14)?;
    }
    Ok(r + 1)
}
