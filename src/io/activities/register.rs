//! Reading a register (外出招商登记表) into activities: the header found the way the ledger's
//! is (the row among the first with the most known names, 日期 among them), each row read
//! into an activity or refused with the reason. Names of officers and projects are kept as
//! written; [`super::check`] matches them.

use std::path::Path;

use chrono::{Duration, NaiveDate, NaiveTime};

use super::parse_time_of_day;
use crate::domain::activity::{
    Activity, ActivityProblem, ActivityStatus, ActivityType, CountsAs, TRIP,
};
use crate::i18n::{Lang, T};
use crate::io::header::normalize_header;
use crate::io::import::parse_day_text;
use crate::io::sheet::{CellRef, Grid, ReadError, number_text, read_file};

/// A register's columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RegisterField {
    Start,
    End,
    Days,
    StartTime,
    EndTime,
    Kind,
    Status,
    Place,
    Companies,
    Officers,
    Leader,
    Result,
    NextStep,
    Projects,
}

impl RegisterField {
    pub const ALL: [RegisterField; 14] = [
        RegisterField::Kind,
        RegisterField::Status,
        RegisterField::Start,
        RegisterField::StartTime,
        RegisterField::End,
        RegisterField::EndTime,
        RegisterField::Days,
        RegisterField::Place,
        RegisterField::Companies,
        RegisterField::Officers,
        RegisterField::Leader,
        RegisterField::Result,
        RegisterField::NextStep,
        RegisterField::Projects,
    ];

    /// The header names it goes by (normalised: no spaces, no stars); the first is the one
    /// an export writes.
    pub fn names(self) -> &'static [&'static str] {
        match self {
            RegisterField::Start => &[
                "开始日期",
                "日期",
                "出发日期",
                "拜访日期",
                "活动日期",
                "起始日期",
                "外出日期",
                "date",
                "start",
            ],
            RegisterField::End => &["结束日期", "返回日期", "截止日期", "end"],
            RegisterField::Days => &["天数", "外出天数", "出差天数", "days"],
            RegisterField::StartTime => &["开始时间", "时间", "time"],
            RegisterField::EndTime => &["结束时间", "endtime"],
            RegisterField::Kind => &["类型", "活动类型", "方式", "type"],
            RegisterField::Status => &["状态", "status"],
            RegisterField::Place => &[
                "地点",
                "地区",
                "城市",
                "目的地",
                "拜访地点",
                "外出地点",
                "place",
            ],
            RegisterField::Companies => &[
                "拜访企业",
                "企业",
                "企业名称",
                "拜访单位",
                "对接企业",
                "洽谈企业",
                "companies",
            ],
            RegisterField::Officers => &["参加人员", "人员", "出行人员", "参与人员", "officers"],
            RegisterField::Leader => &["领导带队", "leader"],
            RegisterField::Result => &["洽谈内容", "洽谈情况", "结果", "成效", "result"],
            RegisterField::NextStep => &["下一步", "下一步工作", "下步打算", "nextstep"],
            RegisterField::Projects => &["关联项目", "相关项目", "项目", "项目名称", "projects"],
        }
    }

    /// The header an export writes.
    pub fn header(self) -> &'static str {
        self.names()[0]
    }
}

/// The field a register's header names, if any.
pub fn recognise(header: &str) -> Option<RegisterField> {
    let (name, _) = normalize_header(header);
    RegisterField::ALL
        .into_iter()
        .find(|f| f.names().contains(&name.as_str()))
}

/// One row read: the activity (no officers or projects yet) and the names as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterRow {
    /// The row number the user sees in the spreadsheet.
    pub sheet_row: usize,
    pub activity: Activity,
    pub officer_names: Vec<String>,
    pub project_names: Vec<String>,
}

/// Why a row was not taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    NoDate,
    BadDate(String),
    BadDays(String),
    BadTime(String),
    UnknownType(String),
    BadStatus(String),
    Problem(ActivityProblem),
}

impl Refusal {
    pub fn text(&self, lang: Lang) -> String {
        let with = |key: T, text: &str| lang.t(key).replace("{text}", text);
        match self {
            Refusal::NoDate => lang.t(T::RegNoDate).to_string(),
            Refusal::BadDate(t) => with(T::RegBadDate, t),
            Refusal::BadDays(t) => with(T::RegBadDays, t),
            Refusal::BadTime(t) => with(T::RegBadTime, t),
            Refusal::UnknownType(t) => with(T::RegUnknownType, t),
            Refusal::BadStatus(t) => with(T::RegBadStatus, t),
            Refusal::Problem(p) => lang.t(super::problem_text(*p)).to_string(),
        }
    }
}

/// A refused row: where, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedRow {
    pub sheet_row: usize,
    pub reason: Refusal,
}

/// A register read: its rows and the rows refused.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Register {
    pub rows: Vec<RegisterRow>,
    pub refused: Vec<RefusedRow>,
}

/// Why a file is not a register.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegisterError {
    #[error("{0}")]
    Read(#[from] ReadError),
    #[error("no header with a date column")]
    NoHeader,
}

impl RegisterError {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            RegisterError::Read(e) => e.text(lang),
            RegisterError::NoHeader => lang.t(T::RegNoHeader).to_string(),
        }
    }
}

/// Rows searched for the header.
const HEADER_SEARCH_ROWS: usize = 30;

/// The header row and each column's field: the row with the most known names, the start day
/// among them and at least one other.
fn find_header(grid: &Grid) -> Option<(usize, Vec<Option<RegisterField>>)> {
    let width = grid.width();
    let mut best: Option<(usize, usize)> = None;
    for row in 0..grid.height().min(HEADER_SEARCH_ROWS) {
        let fields: Vec<RegisterField> = (0..width)
            .filter_map(|col| match grid.cell(row, col) {
                CellRef::Text(t) => recognise(t),
                _ => None,
            })
            .collect();
        let score = fields.len();
        if fields.contains(&RegisterField::Start)
            && score >= 2
            && best.is_none_or(|(_, s)| score > s)
        {
            best = Some((row, score));
        }
    }
    let (row, _) = best?;
    let mut seen = std::collections::HashSet::new();
    let columns = (0..width)
        .map(|col| {
            let field = recognise(&grid.cell(row, col).to_text())?;
            // A second column of the same field is left out (the first one counts).
            seen.insert(field).then_some(field)
        })
        .collect();
    Some((row, columns))
}

/// Reads a register file (.xlsx, .xls, .ods, .csv in UTF-8 or GBK) through the ledger's readers
/// and their guard against damaged files.
pub fn read_register(
    path: &Path,
    types: &[ActivityType],
    today: NaiveDate,
) -> Result<Register, RegisterError> {
    let book = read_file(path, None)?;
    parse_grid(&book.grid, types, today)
}

/// A cell's text, without the `'` an export puts before a formula-like text.
fn cell_text(cell: CellRef) -> String {
    let text = cell.to_text();
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest.to_string(),
        _ => text,
    }
}

fn cell_day(cell: CellRef) -> Option<NaiveDate> {
    match cell {
        CellRef::Date(d) => Some(d),
        CellRef::Number(n) => parse_day_text(&number_text(n)),
        CellRef::Text(t) => parse_day_text(t),
        CellRef::Empty => None,
    }
}

/// A time cell: text, or a fraction of a day (Excel's time cells).
fn cell_time(cell: CellRef) -> Result<Option<NaiveTime>, Refusal> {
    match cell {
        CellRef::Empty => Ok(None),
        CellRef::Number(n) if (0.0..1.0).contains(&n) => {
            let minutes = (n * 24.0 * 60.0).round() as u32;
            Ok(NaiveTime::from_hms_opt(minutes / 60, minutes % 60, 0))
        }
        other => {
            let text = cell_text(other);
            match text.trim() {
                "" => Ok(None),
                t => parse_time_of_day(t)
                    .map(Some)
                    .ok_or(Refusal::BadTime(text.clone())),
            }
        }
    }
}

/// Names in a cell: split at commas, 、, semicolons, slashes and line breaks (and spaces for
/// officers' names, which have none).
pub fn split_names(text: &str, at_spaces: bool) -> Vec<String> {
    text.split(|c: char| {
        matches!(c, ',' | '，' | '、' | ';' | '；' | '/' | '\n') || (at_spaces && c.is_whitespace())
    })
    .map(str::trim)
    .filter(|t| !t.is_empty())
    .map(str::to_string)
    .collect()
}

/// 已完成 / 计划 / 取消 in either language, or the stored codes.
fn parse_status(text: &str) -> Option<ActivityStatus> {
    let t = text.trim();
    ActivityStatus::ALL.into_iter().find(|s| {
        s.code() == t
            || Lang::Zh.activity_status_label(*s) == t
            || Lang::En.activity_status_label(*s).eq_ignore_ascii_case(t)
            || (*s == ActivityStatus::Done && matches!(t, "完成" | "已办结"))
    })
}

/// A type by its code or its name in either language.
fn parse_kind<'a>(types: &'a [ActivityType], text: &str) -> Option<&'a ActivityType> {
    let t = text.trim();
    types
        .iter()
        .find(|k| k.code == t || k.name_zh == t || k.name_en.eq_ignore_ascii_case(t))
}

/// 是, √, 有, Y, yes, 1: a leader was there.
fn parse_leader(text: &str) -> bool {
    matches!(
        text.trim().to_lowercase().as_str(),
        "是" | "√" | "✓" | "有" | "y" | "yes" | "1" | "true"
    )
}

/// The type of a register without a 类型 column: trips where it has 天数 or 结束日期, else visits.
fn default_kind(types: &[ActivityType], columns: &[Option<RegisterField>]) -> String {
    let has = |f| columns.contains(&Some(f));
    let wanted = if has(RegisterField::Days) || has(RegisterField::End) {
        CountsAs::Trip
    } else {
        CountsAs::Visit
    };
    types
        .iter()
        .find(|t| t.counts_as == wanted)
        .map(|t| t.code.clone())
        .unwrap_or_else(|| {
            if wanted == CountsAs::Trip {
                TRIP
            } else {
                "visit"
            }
            .to_string()
        })
}

/// Reads the rows under the header; blank rows are passed over.
pub fn parse_grid(
    grid: &Grid,
    types: &[ActivityType],
    today: NaiveDate,
) -> Result<Register, RegisterError> {
    let (header_row, columns) = find_header(grid).ok_or(RegisterError::NoHeader)?;
    let kind = default_kind(types, &columns);
    let mut register = Register::default();
    for row in header_row + 1..grid.height() {
        let cells: Vec<(RegisterField, CellRef)> = columns
            .iter()
            .enumerate()
            .filter_map(|(col, f)| Some(((*f)?, grid.cell(row, col))))
            .collect();
        if cells.iter().all(|(_, c)| c.is_blank()) {
            continue;
        }
        let sheet_row = grid.sheet_row(row);
        match read_row(&cells, types, &kind, today) {
            Ok((activity, officer_names, project_names)) => register.rows.push(RegisterRow {
                sheet_row,
                activity,
                officer_names,
                project_names,
            }),
            Err(reason) => register.refused.push(RefusedRow { sheet_row, reason }),
        }
    }
    Ok(register)
}

type ReadRow = (Activity, Vec<String>, Vec<String>);

fn read_row(
    cells: &[(RegisterField, CellRef)],
    types: &[ActivityType],
    default_kind: &str,
    today: NaiveDate,
) -> Result<ReadRow, Refusal> {
    let get = |f: RegisterField| {
        cells
            .iter()
            .find(|(field, _)| *field == f)
            .map(|(_, c)| *c)
            .unwrap_or(CellRef::Empty)
    };
    let text = |f| cell_text(get(f));
    let day = |f| -> Result<Option<NaiveDate>, Refusal> {
        let cell = get(f);
        if cell.is_blank() {
            return Ok(None);
        }
        cell_day(cell)
            .map(Some)
            .ok_or_else(|| Refusal::BadDate(cell_text(cell)))
    };
    let start = day(RegisterField::Start)?.ok_or(Refusal::NoDate)?;
    let kind = match text(RegisterField::Kind).trim() {
        "" => default_kind.to_string(),
        written => parse_kind(types, written)
            .map(|t| t.code.clone())
            .ok_or_else(|| Refusal::UnknownType(written.to_string()))?,
    };
    let mut a = Activity::new(kind, start);
    a.end = match day(RegisterField::End)? {
        Some(end) => end,
        None => match text(RegisterField::Days).trim() {
            "" => start,
            days => {
                let n: i64 = days
                    .trim_end_matches('天')
                    .trim()
                    .parse()
                    .ok()
                    .filter(|n| (1..=366).contains(n))
                    .ok_or_else(|| Refusal::BadDays(days.to_string()))?;
                start + Duration::days(n - 1)
            }
        },
    };
    a.start_time = cell_time(get(RegisterField::StartTime))?;
    a.end_time = cell_time(get(RegisterField::EndTime))?;
    // A register records what was done; a row dated ahead is a plan.
    a.status = match text(RegisterField::Status).trim() {
        "" if start > today => ActivityStatus::Planned,
        "" => ActivityStatus::Done,
        written => parse_status(written).ok_or_else(|| Refusal::BadStatus(written.to_string()))?,
    };
    a.place = text(RegisterField::Place).trim().to_string();
    a.companies = split_names(&text(RegisterField::Companies), false);
    a.leader_present = parse_leader(&text(RegisterField::Leader));
    a.result = text(RegisterField::Result).trim().to_string();
    a.next_step = text(RegisterField::NextStep).trim().to_string();
    if let Some(problem) = a.problems().first() {
        return Err(Refusal::Problem(*problem));
    }
    Ok((
        a,
        split_names(&text(RegisterField::Officers), true),
        split_names(&text(RegisterField::Projects), false),
    ))
}
