//! Writing projects out as a ledger: .xlsx with typed cells, Chinese headers, a frozen header
//! row and a totals row; .csv in UTF-8 with a BOM, formula-like text neutralised, data rows
//! only. The columns are the ones the importer recognises, so an export imports back field for
//! field.

use std::path::Path;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, XlsxError};
use uuid::Uuid;

use super::header::Field;
use crate::domain::money::WAN;
use crate::domain::{Currency, Officer, Project, RateTable, Stage, Team};
use crate::i18n::{Lang, stage_label};

/// Why an export failed; nothing half-written is left claiming to be the ledger.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot write {path}: {detail}")]
    Write { path: String, detail: String },
    #[error("unknown file type {0:?}; use .xlsx or .csv")]
    Kind(String),
    /// The ledger could not be read while exporting (the message is for the user already).
    #[error("{0}")]
    Read(String),
}

impl ExportError {
    pub fn text(&self, lang: Lang) -> String {
        match (lang, self) {
            (Lang::Zh, ExportError::Write { path, detail }) => {
                format!(
                    "无法写入 {path}（{detail}）。请确认文件未在 Excel/WPS 中打开，且文件夹可写。"
                )
            }
            (Lang::Zh, ExportError::Kind(ext)) => {
                format!("不支持的文件类型“{ext}”，请用 .xlsx 或 .csv 作为文件名后缀。")
            }
            (Lang::En, ExportError::Write { path, detail }) => format!(
                "Cannot write {path} ({detail}). Close it in Excel/WPS and check the folder is writable."
            ),
            (Lang::En, ExportError::Kind(ext)) => {
                format!("Unknown file type \"{ext}\"; name the file .xlsx or .csv.")
            }
            (_, ExportError::Read(text)) => text.clone(),
        }
    }
}

/// One exported column.
#[derive(Clone, Copy)]
struct Col {
    header: &'static str,
    /// What the importer reads the column as (checked by the round-trip test).
    #[cfg_attr(not(test), allow(dead_code))]
    field: Option<Field>,
    /// Width in Excel characters (a Chinese character counts two).
    width: f64,
}

const COLUMNS: [Col; 30] = [
    col("项目名称", Field::Name, 36.0),
    col("投资主体", Field::Company, 30.0),
    col("统一社会信用代码", Field::CreditCode, 21.0),
    col("所属产业", Field::Industry, 12.0),
    col("产业链环节", Field::ChainLink, 12.0),
    // In CNY for every project (foreign money through the rate table), so the column sums;
    // a foreign project's own amount is in 原币金额, in the currency 币种 names.
    col("总投资(万元)", Field::Investment, 14.0),
    col("币种", Field::Currency, 7.0),
    col("原币金额(万)", Field::OriginalAmount, 14.0),
    col("来源地", Field::Origin, 12.0),
    col("内外资", Field::CapitalType, 9.0),
    col("企业性质", Field::Ownership, 9.0),
    col("总部项目", Field::Headquarters, 9.0),
    col("项目进展", Field::Stage, 9.0),
    col("线索日期", Field::LeadDate, 11.0),
    col("在谈日期", Field::NegotiatingDate, 11.0),
    col("签约日期", Field::SignedDate, 11.0),
    col("开工日期", Field::ConstructionDate, 11.0),
    col("投产日期", Field::ProductionDate, 11.0),
    col("搁置日期", Field::OnHoldDate, 11.0),
    col("终止日期", Field::DroppedDate, 11.0),
    col("招商队伍", Field::Team, 16.0),
    col("负责人", Field::Officer, 9.0),
    col("用地(亩)", Field::Land, 10.0),
    col("预计年产值(万元)", Field::AnnualOutput, 16.0),
    col("预计年税收(万元)", Field::AnnualTax, 16.0),
    col("就业岗位", Field::Jobs, 9.0),
    col("下一步", Field::NextStep, 24.0),
    col("下一步截止", Field::NextStepDue, 11.0),
    col("备注", Field::Notes, 30.0),
    col("标签", Field::Tags, 16.0),
];

const fn col(header: &'static str, field: Field, width: f64) -> Col {
    Col {
        header,
        field: Some(field),
        width,
    }
}

const WRITTEN: usize = COLUMNS.len();

/// A value as it goes into a cell.
enum Value {
    Blank,
    Text(String),
    /// An exact decimal (units ÷ scale) written as a number where a float carries it exactly.
    Decimal {
        units: i64,
        scale: i64,
    },
    Int(i64),
    Date(NaiveDate),
}

/// Names of teams and officers by id, and the rates for the CNY column.
pub struct Names<'a> {
    pub teams: &'a [Team],
    pub officers: &'a [Officer],
    pub rates: &'a RateTable,
}

impl Names<'_> {
    fn team(&self, id: Option<Uuid>) -> String {
        id.and_then(|id| self.teams.iter().find(|t| t.id == id))
            .map(|t| t.name.clone())
            .unwrap_or_default()
    }

    fn officer(&self, id: Option<Uuid>) -> String {
        id.and_then(|id| self.officers.iter().find(|o| o.id == id))
            .map(|o| o.name.clone())
            .unwrap_or_default()
    }
}

/// The CNY equivalent the ledger shows, converted on the signing day (or the first stage day).
pub fn cny_equivalent(project: &Project, rates: &RateTable) -> Option<i64> {
    let money = project.investment?;
    let day = project
        .signed_date()
        .or_else(|| project.stage_dates.iter().flatten().min().copied())
        .unwrap_or(NaiveDate::MAX);
    rates.to_cny(money, day)
}

fn currency_name(c: Currency) -> &'static str {
    match c {
        Currency::Cny => "人民币",
        other => other.unit_zh(),
    }
}

fn values(p: &Project, names: &Names) -> [Value; WRITTEN] {
    let text = |s: &str| {
        if s.is_empty() {
            Value::Blank
        } else {
            Value::Text(s.to_string())
        }
    };
    let date = |d: Option<NaiveDate>| d.map(Value::Date).unwrap_or(Value::Blank);
    let wan = |u: Option<i64>| {
        u.map(|units| Value::Decimal { units, scale: WAN })
            .unwrap_or(Value::Blank)
    };
    [
        text(&p.name),
        text(&p.company),
        text(&p.credit_code),
        text(&p.industry),
        text(&p.chain_link),
        wan(cny_equivalent(p, names.rates)),
        p.investment
            .map(|m| Value::Text(currency_name(m.currency).into()))
            .unwrap_or(Value::Blank),
        wan(p
            .investment
            .filter(|m| m.currency != Currency::Cny)
            .map(|m| m.units)),
        text(&p.origin),
        p.capital_type
            .map(|c| Value::Text(Lang::Zh.capital_label(c).into()))
            .unwrap_or(Value::Blank),
        p.ownership
            .map(|o| Value::Text(Lang::Zh.ownership_label(o).into()))
            .unwrap_or(Value::Blank),
        Value::Text(if p.is_headquarters { "是" } else { "否" }.into()),
        Value::Text(stage_label(Lang::Zh, p.stage).into()),
        date(p.stage_date(Stage::Lead)),
        date(p.stage_date(Stage::Negotiating)),
        date(p.stage_date(Stage::Signed)),
        date(p.stage_date(Stage::Construction)),
        date(p.stage_date(Stage::Production)),
        date(p.stage_date(Stage::OnHold)),
        date(p.stage_date(Stage::Dropped)),
        text(&names.team(p.team_id)),
        text(&names.officer(p.officer_id)),
        p.land_centi_mu
            .map(|units| Value::Decimal { units, scale: 100 })
            .unwrap_or(Value::Blank),
        wan(p.annual_output_cny),
        wan(p.annual_tax_cny),
        p.jobs.map(Value::Int).unwrap_or(Value::Blank),
        text(&p.next_step),
        date(p.next_step_due),
        text(&p.notes),
        text(&p.tags.join("，")),
    ]
}

/// `units / scale` exactly, without trailing zeros: (123456, 10000) → "12.3456".
pub fn decimal_text(units: i64, scale: i64) -> String {
    let sign = if units < 0 { "-" } else { "" };
    let abs = units.unsigned_abs();
    let scale = scale.unsigned_abs().max(1);
    let whole = abs / scale;
    let frac = abs % scale;
    if frac == 0 {
        return format!("{sign}{whole}");
    }
    let width = scale.ilog10() as usize;
    let digits = format!("{frac:0width$}");
    format!("{sign}{whole}.{}", digits.trim_end_matches('0'))
}

/// Totals: how many projects and the CNY sum of 总投资, summed as the rows are written.
struct Totals {
    count: usize,
    cny: i128,
}

impl Totals {
    fn new() -> Totals {
        Totals { count: 0, cny: 0 }
    }

    fn add(&mut self, p: &Project, rates: &RateTable) {
        self.count += 1;
        self.cny += cny_equivalent(p, rates).unwrap_or(0) as i128;
    }

    fn cny(&self) -> i64 {
        i64::try_from(self.cny).unwrap_or(i64::MAX)
    }
}

/// How an .xlsx export is laid out (a .csv is always data only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExportForm {
    /// The header on the first row, then the projects and a 合计 row.
    #[default]
    Plain,
    /// The office's 台账 form: a title row "YYYY年招商引资项目台账", a 单位 line and a 序号
    /// column before the same columns; the importer reads it back to the same projects.
    Ledger { year: i32 },
}

impl ExportForm {
    /// Rows above the header, and columns before the data's.
    fn offsets(self) -> (u32, u16) {
        match self {
            ExportForm::Plain => (0, 0),
            ExportForm::Ledger { .. } => (2, 1),
        }
    }
}

/// Writes `projects` to `path`; the extension chooses the format. Returns how many were written.
pub fn export(path: &Path, projects: &[Project], names: &Names) -> Result<usize, ExportError> {
    export_as(path, projects, names, ExportForm::Plain)
}

/// [`export`] with the .xlsx in `form` (the 台账 form, or plain data).
pub fn export_as(
    path: &Path,
    projects: &[Project],
    names: &Names,
    form: ExportForm,
) -> Result<usize, ExportError> {
    export_parts_as(path, std::iter::once(Ok(projects)), names, form)
}

/// Writes projects that arrive in parts, so the ledger can be read while the file is being
/// written; a part that failed to read stops the export, and no file is left behind for it.
pub fn export_parts<P: AsRef<[Project]>>(
    path: &Path,
    parts: impl Iterator<Item = Result<P, String>>,
    names: &Names,
) -> Result<usize, ExportError> {
    export_parts_as(path, parts, names, ExportForm::Plain)
}

/// [`export_parts`] with the .xlsx in `form`.
pub fn export_parts_as<P: AsRef<[Project]>>(
    path: &Path,
    parts: impl Iterator<Item = Result<P, String>>,
    names: &Names,
    form: ExportForm,
) -> Result<usize, ExportError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let fail = |detail: String| ExportError::Write {
        path: path.display().to_string(),
        detail,
    };
    match ext.as_str() {
        "xlsx" => match write_xlsx(path, parts, names, form) {
            Ok(n) => Ok(n),
            Err(Stopped::Read(text)) => Err(ExportError::Read(text)),
            Err(Stopped::Write(e)) => Err(fail(e)),
        },
        "csv" => {
            let (bytes, n) = csv_parts(parts, names).map_err(|e| match e {
                Stopped::Read(text) => ExportError::Read(text),
                Stopped::Write(e) => fail(e),
            })?;
            std::fs::write(path, bytes).map_err(|e| fail(e.to_string()))?;
            Ok(n)
        }
        other => Err(ExportError::Kind(other.to_string())),
    }
}

/// Why writing stopped: a part could not be read, or the file could not be written.
enum Stopped {
    Read(String),
    Write(String),
}

impl From<XlsxError> for Stopped {
    fn from(e: XlsxError) -> Stopped {
        Stopped::Write(e.to_string())
    }
}

/// The formats of an .xlsx export.
struct Formats {
    header: Format,
    date: Format,
    wan: Format,
    int: Format,
    bold: Format,
    bold_wan: Format,
}

impl Formats {
    fn new() -> Formats {
        let bold = Format::new().set_bold().set_border_top(FormatBorder::Thin);
        Formats {
            header: Format::new()
                .set_bold()
                .set_background_color("#DDEBF7")
                .set_border_bottom(FormatBorder::Thin)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            wan: Format::new().set_num_format("#,##0.####"),
            int: Format::new().set_num_format("0"),
            bold_wan: bold.clone().set_num_format("#,##0.####"),
            bold,
        }
    }
}

fn write_xlsx<P: AsRef<[Project]>>(
    path: &Path,
    parts: impl Iterator<Item = Result<P, String>>,
    names: &Names,
    form: ExportForm,
) -> Result<usize, Stopped> {
    let mut book = Workbook::new();
    // Deflate level 2 (zlib-rs's fast matcher) instead of 6: at 100,000 rows the file is
    // 15.8 MB instead of 12.8 MB and the export takes about 1.5 s instead of 2.3 s
    // (`cargo bench --bench import`); level 3 already uses the slower lazy matcher.
    book.set_zip_compression_level(2);
    let sheet = book.add_worksheet_with_constant_memory()?;
    sheet.set_name("项目台账")?;
    let f = Formats::new();
    let (top, left) = form.offsets();
    if let ExportForm::Ledger { year } = form {
        // Rows are written in order (constant memory): the title lines first.
        let title = Format::new()
            .set_bold()
            .set_font_size(16)
            .set_align(FormatAlign::Center);
        sheet.set_row_height(0, 28)?;
        sheet.merge_range(
            0,
            0,
            0,
            WRITTEN as u16,
            &format!("{year}年招商引资项目台账"),
            &title,
        )?;
        sheet.write_string(1, 0, "单位：万元")?;
        sheet.set_column_width(0, 6)?;
    }
    for (c, column) in COLUMNS[..WRITTEN].iter().enumerate() {
        sheet.set_column_width(left + c as u16, column.width)?;
    }
    sheet.set_row_height(top, 30)?;
    if left > 0 {
        sheet.write_string_with_format(top, 0, "序号", &f.header)?;
    }
    for (c, column) in COLUMNS[..WRITTEN].iter().enumerate() {
        sheet.write_string_with_format(top, left + c as u16, column.header, &f.header)?;
    }
    sheet.set_freeze_panes(top + 1, left + 1)?;
    let mut row: u32 = top + 1;
    let mut t = Totals::new();
    for part in parts {
        let part = part.map_err(Stopped::Read)?;
        for p in part.as_ref() {
            t.add(p, names.rates);
            if left > 0 {
                sheet.write_number_with_format(row, 0, t.count as f64, &f.int)?;
            }
            for (c, value) in values(p, names).into_iter().enumerate() {
                write_value(sheet, row, left + c as u16, value, &f)?;
            }
            row += 1;
        }
    }
    let label = format!("合计（{}个项目）", t.count);
    sheet.write_string_with_format(row, left, label, &f.bold)?;
    let investment = left + INVESTMENT_COLUMN as u16;
    sheet.write_number_with_format(row, investment, t.cny() as f64 / WAN as f64, &f.bold_wan)?;
    book.save(path)?;
    Ok(t.count)
}

/// Where 总投资 is among the written columns.
const INVESTMENT_COLUMN: usize = 5;

/// One cell: a number of the figure's kind (an integer as an integer), a date as a date.
fn write_value(
    sheet: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    c: u16,
    value: Value,
    f: &Formats,
) -> Result<(), XlsxError> {
    match value {
        Value::Blank => {}
        Value::Text(t) => {
            sheet.write_string(row, c, t)?;
        }
        Value::Decimal { units, scale } => {
            // A float carries up to 15 significant digits exactly; beyond that, text.
            if units.unsigned_abs() < 1_000_000_000_000_000 {
                sheet.write_number_with_format(row, c, units as f64 / scale as f64, &f.wan)?;
            } else {
                sheet.write_string(row, c, decimal_text(units, scale))?;
            }
        }
        Value::Int(i) => {
            sheet.write_number_with_format(row, c, i as f64, &f.int)?;
        }
        Value::Date(d) => match excel_date(d) {
            Some(x) => {
                sheet.write_date_with_format(row, c, &x, &f.date)?;
            }
            None => {
                sheet.write_string(row, c, d.format("%Y-%m-%d").to_string())?;
            }
        },
    }
    Ok(())
}

/// A day as Excel stores it; `None` outside the years Excel can show.
pub(crate) fn excel_date(d: NaiveDate) -> Option<ExcelDateTime> {
    if !(1900..=9999).contains(&d.year()) {
        return None;
    }
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).ok()
}

/// A text cell that a spreadsheet would run as a formula gets a leading `'`.
pub fn neutralise(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// The CSV file's bytes: UTF-8 with a BOM, so Excel opens the Chinese right.
pub fn csv_bytes(projects: &[Project], names: &Names) -> Result<Vec<u8>, String> {
    match csv_parts(std::iter::once(Ok(projects)), names) {
        Ok((bytes, _)) => Ok(bytes),
        Err(Stopped::Read(e) | Stopped::Write(e)) => Err(e),
    }
}

/// The data rows under the header, and nothing else: the .xlsx carries the 合计 row.
fn csv_parts<P: AsRef<[Project]>>(
    parts: impl Iterator<Item = Result<P, String>>,
    names: &Names,
) -> Result<(Vec<u8>, usize), Stopped> {
    let write = |e: csv::Error| Stopped::Write(e.to_string());
    let mut count = 0;
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let headers: Vec<&str> = COLUMNS[..WRITTEN].iter().map(|c| c.header).collect();
        writer.write_record(&headers).map_err(write)?;
        let mut record: Vec<String> = Vec::with_capacity(WRITTEN);
        for part in parts {
            let part = part.map_err(Stopped::Read)?;
            for p in part.as_ref() {
                count += 1;
                record.clear();
                for value in values(p, names) {
                    record.push(match value {
                        Value::Blank => String::new(),
                        Value::Text(t) => neutralise(&t).into_owned(),
                        Value::Decimal { units, scale } => decimal_text(units, scale),
                        Value::Int(i) => i.to_string(),
                        Value::Date(d) => d.format("%Y-%m-%d").to_string(),
                    });
                }
                writer.write_record(&record).map_err(write)?;
            }
        }
        // No 合计 row: a CSV is read by other programs, which would count it as a project.
        writer.flush().map_err(|e| Stopped::Write(e.to_string()))?;
    }
    Ok((out, count))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::header::recognise;

    #[test]
    fn the_investment_column_is_where_the_totals_row_writes_its_sum() {
        assert_eq!(COLUMNS[INVESTMENT_COLUMN].field, Some(Field::Investment));
    }

    #[test]
    fn every_written_header_imports_back_to_its_field() {
        for column in &COLUMNS[..WRITTEN] {
            let expected = column.field.or(Some(Field::Derived));
            assert_eq!(recognise(column.header), expected, "{}", column.header);
        }
    }

    #[test]
    fn decimals_and_formulas() {
        assert_eq!(decimal_text(123_456, WAN), "12.3456");
        assert_eq!(decimal_text(30_000_000, WAN), "3000");
        assert_eq!(decimal_text(1250, 100), "12.5");
        assert_eq!(neutralise("=1+1"), "'=1+1");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("正常"), "正常");
    }
}
