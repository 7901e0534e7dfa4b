//! The command line: the same ledger without a window (demo data, import and export of
//! Excel/CSV ledgers; reports join it later).

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use crate::app::AppState;
use crate::i18n::{Lang, open_error_text};
use crate::store::{Store, Write};

#[derive(Debug, Parser)]
#[command(
    name = "zhaoshang",
    version,
    about = "招商台账 Zhaoshang — investment-attraction ledger"
)]
pub struct Cli {
    /// The ledger file (default: zhaoshang.db in the user's data folder).
    #[arg(long, global = true, value_name = "FILE")]
    pub db: Option<PathBuf>,
    /// Opens the window with this Excel/CSV ledger's import preview.
    #[arg(long, value_name = "LEDGER")]
    pub import: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Writes a generated demo zone into the ledger.
    Demo {
        /// How many projects to generate.
        #[arg(long, default_value_t = 300)]
        projects: usize,
        /// Seed: the same seed gives the same zone.
        #[arg(long, default_value_t = 2023)]
        seed: u64,
    },
    /// Imports an Excel/WPS/CSV ledger (.xlsx, .xls, .ods, .csv): prints a summary; exits
    /// non-zero if any row has an error, and then writes nothing unless --skip-bad-rows.
    Import {
        /// The ledger file.
        ledger: PathBuf,
        /// Check and print the summary, write nothing.
        #[arg(long)]
        dry_run: bool,
        /// The worksheet to read (default: the first with data).
        #[arg(long)]
        sheet: Option<String>,
        /// Rows matching a project already in the ledger (same credit code, or same investor
        /// and name).
        #[arg(long, value_enum, default_value_t = OnDuplicate::Skip)]
        on_duplicate: OnDuplicate,
        /// Import the good rows even if some rows have errors.
        #[arg(long)]
        skip_bad_rows: bool,
    },
    /// Exports projects to .xlsx or .csv (the extension decides), optionally filtered.
    Export {
        /// The file to write: FILE.xlsx or FILE.csv.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Only this stage (已签约, signed, 在谈 …).
        #[arg(long)]
        stage: Option<String>,
        /// Only this industry.
        #[arg(long)]
        industry: Option<String>,
        /// Only this team (by name).
        #[arg(long)]
        team: Option<String>,
        /// Signed on or after this day (2023-01-01).
        #[arg(long)]
        from: Option<String>,
        /// Signed on or before this day (2023-12-31).
        #[arg(long)]
        to: Option<String>,
    },
}

/// What `import` does with a row that is already in the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OnDuplicate {
    Skip,
    Update,
    New,
}

/// The default ledger: zhaoshang.db in the platform's data folder
/// (~/.local/share/zhaoshang on Linux, %APPDATA%\zhaoshang\data on Windows).
pub fn default_database() -> PathBuf {
    directories::ProjectDirs::from("cn", "zhaoshang", "zhaoshang")
        .map(|dirs| dirs.data_dir().join("zhaoshang.db"))
        .unwrap_or_else(|| PathBuf::from("zhaoshang.db"))
}

/// Runs a subcommand; the error is a message for stderr.
pub fn run(db: PathBuf, command: Command, today: NaiveDate) -> Result<String, String> {
    // A dry run against a ledger that does not exist yet checks against an empty one and
    // leaves no file behind.
    let dry_run_on_nothing =
        matches!(command, Command::Import { dry_run: true, .. }) && !db.exists();
    let mut store = if dry_run_on_nothing {
        Store::in_memory()
    } else {
        Store::open(&db)
    }
    .map_err(|e| open_error_text(Lang::Zh, &e))?;
    match command {
        Command::Demo { projects, seed } => {
            let demo = crate::demo::generate(projects, seed, today);
            let mut writes: Vec<Write> = Vec::with_capacity(demo.projects.len() + 64);
            writes.extend(demo.teams.into_iter().map(Write::PutTeam));
            writes.extend(demo.officers.into_iter().map(Write::PutOfficer));
            writes.extend(demo.projects.into_iter().map(Write::PutProject));
            writes.push(Write::SetSetting("first_run_done".into(), "1".into()));
            store
                .write(&writes)
                .map_err(|e| format!("写入失败，数据未改动：{e}"))?;
            let total = store.project_count().map_err(|e| e.to_string())?;
            Ok(format!(
                "已生成 {projects} 个示例项目，台账共 {total} 个项目：{}",
                db.display()
            ))
        }
        Command::Import {
            ledger,
            dry_run,
            sheet,
            on_duplicate,
            skip_bad_rows,
        } => import(
            &mut store,
            &ledger,
            sheet.as_deref(),
            on_duplicate,
            dry_run,
            skip_bad_rows,
        ),
        Command::Export {
            out,
            stage,
            industry,
            team,
            from,
            to,
        } => {
            let mut filter = crate::store::ProjectFilter::default();
            if let Some(text) = stage {
                let stage = crate::io::import::parse_stage(&text)
                    .ok_or_else(|| format!("无法识别的阶段：{text}（可用：线索、在谈、已签约、已开工、已投产、搁置、终止）"))?;
                filter.stages = vec![stage];
            }
            filter.industry = industry;
            if let Some(name) = team {
                let teams = store.teams().map_err(|e| e.to_string())?;
                let found = teams
                    .iter()
                    .find(|t| t.name == name.trim())
                    .ok_or_else(|| {
                        let names: Vec<&str> = teams.iter().map(|t| t.name.as_str()).collect();
                        format!("没有名为“{name}”的招商队伍。现有队伍：{}", names.join("、"))
                    })?;
                filter.team_id = Some(found.id);
            }
            let day = |text: Option<String>| -> Result<Option<NaiveDate>, String> {
                text.map(|t| {
                    NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d")
                        .map_err(|_| format!("日期应写成 2023-01-01 的形式：{t}"))
                })
                .transpose()
            };
            filter.date_from = day(from)?;
            filter.date_to = day(to)?;
            let mut state = AppState::new(store, today, Lang::Zh);
            state.apply(crate::app::Action::SetLedgerFilter(Box::new(filter), None));
            let n = state.export_to(&out)?;
            Ok(format!("已导出 {n} 个项目：{}", out.display()))
        }
    }
}

/// `import`: check the file, print what was found, write only a clean (or allowed) import.
fn import(
    store: &mut Store,
    ledger: &std::path::Path,
    sheet: Option<&str>,
    on_duplicate: OnDuplicate,
    dry_run: bool,
    skip_bad_rows: bool,
) -> Result<String, String> {
    use crate::app::import::{check_file, existing, import_changes};
    use crate::io::import::{DuplicatePolicy, Progress};
    let lang = Lang::Zh;
    let current = existing(store).map_err(|e| format!("读取台账失败：{e}"))?;
    let remembered = |key: &str| store.setting(key).ok().flatten();
    let (_, preview) = check_file(ledger, sheet, &current, &remembered, &Progress::default())
        .map_err(|e| format!("{}：{}", ledger.display(), e.text(lang)))?;
    let policy = match on_duplicate {
        OnDuplicate::Skip => DuplicatePolicy::Skip,
        OnDuplicate::Update => DuplicatePolicy::Update,
        OnDuplicate::New => DuplicatePolicy::New,
    };
    let has_errors = preview.bad_rows > 0;
    let write = !dry_run && (!has_errors || skip_bad_rows);
    let mut out = Vec::new();
    let sheet_line = match &preview.detected {
        Some(detected) => format!("{}（{detected}）", ledger.display()),
        None => format!("{}，工作表“{}”", ledger.display(), preview.sheet),
    };
    out.push(sheet_line);
    out.push(format!(
        "共 {} 行：可导入 {} 行（其中与台账重复 {} 行），有错误 {} 行，空行 {} 行",
        preview.total_rows,
        preview.rows.len(),
        preview.duplicate_count(),
        preview.bad_rows,
        preview.blank_rows
    ));
    let verb = if write { "已" } else { "将" };
    let new_teams: Vec<&str> = preview.new_teams.iter().map(|t| t.name.as_str()).collect();
    if !new_teams.is_empty() {
        out.push(format!("{verb}新建招商队伍：{}", new_teams.join("、")));
    }
    if !preview.new_industries.is_empty() {
        out.push(format!(
            "{verb}新增产业：{}",
            preview.new_industries.join("、")
        ));
    }
    let place = |row: usize, column: &str| match (row, column.is_empty()) {
        (0, _) => "整个文件".to_string(),
        (r, true) => format!("第{r}行"),
        (r, false) => format!("第{r}行 {column}"),
    };
    let warnings: Vec<_> = preview.warnings().collect();
    if !warnings.is_empty() {
        out.push(format!("提醒 {} 条：", warnings.len()));
        for w in warnings {
            out.push(format!("  {}：{}", place(w.row, &w.column), w.text(lang)));
        }
    }
    let errors: Vec<_> = preview.errors().collect();
    if !errors.is_empty() {
        out.push(format!(
            "错误 {} 条（出错的行：{}）：",
            errors.len(),
            preview
                .error_rows()
                .iter()
                .map(|r| r.to_string())
                .collect::<Vec<_>>()
                .join("、")
        ));
        for e in errors {
            out.push(format!("  {}：{}", place(e.row, &e.column), e.text(lang)));
        }
    }
    // The preview moves into the changes; the counts line goes after the row summary.
    let lookup = |id| store.project(id).ok().flatten();
    let (changes, counts) = import_changes(preview, policy, &current.industries, &lookup);
    out.insert(
        2,
        format!(
            "{verb}新增 {} 个项目，更新 {} 个，跳过 {} 个（重复）",
            counts.new, counts.updated, counts.skipped
        ),
    );
    if write {
        let writes: Vec<Write> = changes.iter().map(|c| c.writes(true)).collect();
        store
            .write(&writes)
            .map_err(|e| format!("{}\n写入失败，数据未改动：{e}", out.join("\n")))?;
    } else if dry_run {
        out.push("试运行（--dry-run）：未写入任何数据".into());
    } else {
        out.push(
            "有错误的行，未写入任何数据。请改正后重试，或加 --skip-bad-rows 只导入没有错误的行。"
                .into(),
        );
    }
    let text = out.join("\n");
    if has_errors { Err(text) } else { Ok(text) }
}
