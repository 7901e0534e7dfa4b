//! The command line: the same ledger without a window — demo data, targets and reports,
//! import and export of Excel/CSV ledgers.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use crate::app::AppState;
use crate::domain::money::YI;
use crate::domain::target::{
    self, ElapsedCounting, Metric, Period, Scope, Target, TargetValueError,
};
use crate::i18n::{Lang, amount_error_text, open_error_text_cli};
use crate::report::charts::ChartKind;
use crate::report::{self, ReportRange, labels};
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
    /// Sets, lists or deletes targets (目标).
    Target {
        #[command(subcommand)]
        command: TargetCommand,
    },
    /// The report for a date range: signings, starts, production, year on year, targets,
    /// breakdowns and the teams' race.
    Report {
        /// First day, YYYY-MM-DD.
        #[arg(long, value_parser = parse_day)]
        from: NaiveDate,
        /// Last day, YYYY-MM-DD; targets are measured at this date.
        #[arg(long, value_parser = parse_day)]
        to: NaiveDate,
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// How the elapsed share of a period is counted (default: the ledger's setting).
        #[arg(long, value_enum)]
        elapsed: Option<ElapsedArg>,
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
    /// For tests/crash.rs: writes `count` projects, one transaction each, printing `ack NAME`
    /// after each commit.
    #[command(hide = true)]
    EditLoop {
        #[arg(long, default_value_t = 1000)]
        count: usize,
    },
    /// Saves a copy of the whole ledger to a new file (a writable copy of a read-only ledger
    /// or of a backup).
    SaveCopy {
        /// The new ledger file.
        out: PathBuf,
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
    /// Draws one chart for a date range to a PNG or SVG file (by the file's extension).
    Chart {
        #[arg(value_enum)]
        kind: ChartArg,
        /// First day, YYYY-MM-DD.
        #[arg(long, value_parser = parse_day)]
        from: NaiveDate,
        /// Last day, YYYY-MM-DD: the data's as-of date.
        #[arg(long, value_parser = parse_day)]
        to: NaiveDate,
        /// The file to write: FILE.png or FILE.svg.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Width in pixels.
        #[arg(long, default_value_t = crate::io::charts::DEFAULT_SIZE.0)]
        width: u32,
        /// Height in pixels.
        #[arg(long, default_value_t = crate::io::charts::DEFAULT_SIZE.1)]
        height: u32,
        /// Only this team's projects (by name).
        #[arg(long)]
        team: Option<String>,
        /// Only this industry's projects.
        #[arg(long)]
        industry: Option<String>,
        /// Only projects from this economic region (长三角, 京津冀, 粤港澳大湾区, 成渝地区, 长江中游,
        /// 东北地区, 其他国内地区, 境外).
        #[arg(long)]
        region: Option<String>,
    },
    /// Writes the monthly review pack (月度点评): one .xlsx with the charts inside, and the charts
    /// as PNG files beside it.
    Review {
        /// The month, YYYY-MM.
        #[arg(long, value_parser = parse_month)]
        month: (i32, u32),
        /// The workbook to write, PACK.xlsx.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

/// The charts the `chart` command draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ChartArg {
    Industry,
    Funnel,
    Monthly,
    Region,
    Origin,
    Tier,
    Teams,
}

impl ChartArg {
    fn kind(self) -> ChartKind {
        match self {
            ChartArg::Industry => ChartKind::Industry,
            ChartArg::Funnel => ChartKind::Funnel,
            ChartArg::Monthly => ChartKind::Monthly,
            ChartArg::Region => ChartKind::Region,
            ChartArg::Origin => ChartKind::Origin,
            ChartArg::Tier => ChartKind::Tier,
            ChartArg::Teams => ChartKind::Teams,
        }
    }
}

fn parse_month(text: &str) -> Result<(i32, u32), String> {
    let bad = || format!("月份应写作 YYYY-MM，如 2023-08：{text}");
    let (y, m) = text.trim().split_once('-').ok_or_else(bad)?;
    let year: i32 = y.parse().map_err(|_| bad())?;
    let month: u32 = m.parse().map_err(|_| bad())?;
    if !(1..=12).contains(&month) || NaiveDate::from_ymd_opt(year, month, 1).is_none() {
        return Err(bad());
    }
    Ok((year, month))
}

#[derive(Debug, Subcommand)]
pub enum TargetCommand {
    /// Creates a target, or changes the value of the one with the same period, scope and metric.
    Set {
        #[arg(long)]
        year: i32,
        #[arg(long, conflicts_with = "month")]
        quarter: Option<u32>,
        #[arg(long)]
        month: Option<u32>,
        /// A team's target (by the team's name); the whole zone when neither this nor --industry.
        #[arg(long, conflicts_with = "industry")]
        team: Option<String>,
        #[arg(long)]
        industry: Option<String>,
        #[arg(long, value_enum)]
        metric: MetricArg,
        /// 亿元 for signed-amount, 亿美元 for foreign-usd, a number of projects otherwise.
        #[arg(long)]
        value: String,
        /// For tier-count: the tier's lower bound in 亿元 (e.g. 10 for 10亿元以上).
        #[arg(long)]
        min_tier_yi: Option<i64>,
        /// Optional name; otherwise one is made from the period, scope and metric.
        #[arg(long)]
        name: Option<String>,
    },
    /// Lists the targets with their ids.
    List,
    /// Deletes a target by the id `target list` shows (or enough of its beginning to be unique).
    Delete { id: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ElapsedArg {
    Days,
    Months,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MetricArg {
    SignedAmount,
    SignedCount,
    TierCount,
    StartedCount,
    ProductionCount,
    ForeignUsd,
}

fn parse_day(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("日期应写作 YYYY-MM-DD，如 2023-08-31：{text}"))
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
    // A command that only reads skips the page-by-page check (SQLite still refuses any damaged
    // page a query reads, and nothing is written). A dry run against a ledger that does not
    // exist yet checks against an empty one and leaves no file behind. Every other command
    // checks first.
    let read_only = matches!(
        command,
        Command::Report { .. }
            | Command::Chart { .. }
            | Command::Review { .. }
            | Command::Target {
                command: TargetCommand::List
            }
    );
    let dry_run_on_nothing =
        matches!(command, Command::Import { dry_run: true, .. }) && !db.exists();
    let opened = if dry_run_on_nothing {
        Store::in_memory()
    } else if read_only {
        Store::open_to_read(&db)
    } else {
        Store::open(&db)
    };
    let mut store = opened.map_err(|e| open_error_text_cli(Lang::Zh, &e))?;
    match command {
        Command::Demo { projects, seed } => {
            let demo = crate::demo::generate(projects, seed, today);
            let mut writes: Vec<Write> = Vec::with_capacity(demo.projects.len() + 64);
            writes.extend(demo.teams.into_iter().map(Write::PutTeam));
            writes.extend(demo.officers.into_iter().map(Write::PutOfficer));
            writes.extend(demo.projects.into_iter().map(Write::PutProject));
            writes.push(Write::SetSetting("first_run_done".into(), "1".into()));
            store.write(&writes).map_err(|e| {
                format!("写入失败：{}", crate::i18n::store_error_text(Lang::Zh, &e))
            })?;
            let total = store.project_count().map_err(|e| e.to_string())?;
            Ok(format!(
                "已生成 {projects} 个示例项目，台账共 {total} 个项目：{}",
                db.display()
            ))
        }
        Command::Target { command } => run_target(&mut store, command),
        Command::Report {
            from,
            to,
            format,
            elapsed,
        } => {
            if to < from {
                return Err(format!("结束日期 {to} 早于开始日期 {from}"));
            }
            let counting = match elapsed {
                Some(ElapsedArg::Days) => ElapsedCounting::Days,
                Some(ElapsedArg::Months) => ElapsedCounting::Months,
                None => store.elapsed_counting().map_err(|e| e.to_string())?,
            };
            let report = report::build(&store, ReportRange { from, to }, counting)
                .map_err(|e| format!("读取台账失败：{e}"))?;
            Ok(match format {
                ReportFormat::Json => {
                    serde_json::to_string_pretty(&report::to_json(&report)).unwrap_or_default()
                }
                ReportFormat::Text => report::to_text(&report).trim_end().to_string(),
            })
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
        Command::EditLoop { count } => {
            use std::io::Write as _;
            let mut stdout = std::io::stdout().lock();
            for i in 0..count {
                let name = format!("循环编辑{i}");
                let mut project = crate::domain::Project::new(name.clone());
                project.notes = "x".repeat(i % 700);
                store
                    .write(&[Write::PutProject(project)])
                    .map_err(|e| crate::i18n::store_error_text(Lang::Zh, &e))?;
                let _ = writeln!(stdout, "ack {name}");
                let _ = stdout.flush();
            }
            Ok(format!("已写入 {count} 次"))
        }
        Command::SaveCopy { out } => {
            if out.exists() {
                return Err(format!(
                    "{} 已存在，未覆盖。请换一个文件名。",
                    out.display()
                ));
            }
            store
                .save_copy(&out)
                .map_err(|e| crate::i18n::store_error_text(Lang::Zh, &e))?;
            Ok(format!("已把台账另存为 {}（可写的副本）", out.display()))
        }
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
        Command::Chart {
            kind,
            from,
            to,
            out,
            width,
            height,
            team,
            industry,
            region,
        } => {
            if to < from {
                return Err(format!("结束日期 {to} 早于开始日期 {from}"));
            }
            let mut filter = crate::store::ReportFilter {
                industry: industry
                    .map(|i| i.trim().to_string())
                    .filter(|i| !i.is_empty()),
                ..Default::default()
            };
            if let Some(name) = team {
                filter.team_id = Some(team_by_name(&store, &name)?);
            }
            if let Some(text) = region {
                use crate::domain::region::EconomicRegion;
                let text = text.trim();
                let found = EconomicRegion::ALL.into_iter().find(|r| {
                    r.name_zh() == text
                        || r.code() == text
                        || r.name_en().eq_ignore_ascii_case(text)
                });
                filter.region = Some(found.ok_or_else(|| {
                    let names: Vec<&str> =
                        EconomicRegion::ALL.iter().map(|r| r.name_zh()).collect();
                    format!("无法识别的经济区：{text}。可用：{}", names.join("、"))
                })?);
            }
            let counting = store.elapsed_counting().map_err(|e| e.to_string())?;
            let report = report::build_for(&store, ReportRange { from, to }, counting, &filter)
                .map_err(|e| format!("读取台账失败：{e}"))?;
            let charts = report::charts::build(&store, &report, Lang::Zh)
                .map_err(|e| format!("读取台账失败：{e}"))?;
            crate::io::charts::export(&charts, kind.kind(), &out, (width, height))
                .map_err(|e| e.to_string())?;
            Ok(format!(
                "已写出图表「{}」：{}",
                kind.kind().title(Lang::Zh),
                out.display()
            ))
        }
        Command::Review { month, out } => {
            let counting = store.elapsed_counting().map_err(|e| e.to_string())?;
            let written = crate::io::review::write_pack(&store, month, counting, today, &out)
                .map_err(|e| e.to_string())?;
            let mut lines = vec![format!(
                "已写出{}年{}月月度点评：{}",
                month.0,
                month.1,
                out.display()
            )];
            lines.extend(written.iter().map(|p| format!("  图表 {}", p.display())));
            Ok(lines.join("\n"))
        }
    }
}

fn run_target(store: &mut Store, command: TargetCommand) -> Result<String, String> {
    let read = |e: crate::store::StoreError| format!("读取台账失败：{e}");
    match command {
        TargetCommand::Set {
            year,
            quarter,
            month,
            team,
            industry,
            metric,
            value,
            min_tier_yi,
            name,
        } => {
            let period = Period::new(year, quarter, month)
                .ok_or("期间无效：季度应为 1–4，月份应为 1–12".to_string())?;
            let teams = store.teams().map_err(read)?;
            let scope = match (team, industry) {
                (Some(team), _) => {
                    let found = teams
                        .iter()
                        .find(|t| t.name == team.trim())
                        .ok_or_else(|| {
                            let names: Vec<&str> = teams.iter().map(|t| t.name.as_str()).collect();
                            format!("找不到队伍「{team}」。现有队伍：{}", names.join("、"))
                        })?;
                    Scope::Team(found.id)
                }
                (None, Some(industry)) => {
                    let industries = store.industries().map_err(read)?;
                    let industry = industry.trim().to_string();
                    if !industries.contains(&industry) {
                        return Err(format!(
                            "产业目录中没有「{industry}」。现有产业：{}",
                            industries.join("、")
                        ));
                    }
                    Scope::Industry(industry)
                }
                (None, None) => Scope::Zone,
            };
            let metric = match metric {
                MetricArg::SignedAmount => Metric::SignedAmount,
                MetricArg::SignedCount => Metric::SignedCount,
                MetricArg::TierCount => {
                    let yi = min_tier_yi.filter(|y| *y > 0).ok_or(
                        "tier-count 需要 --min-tier-yi（如 10 表示 10亿元以上）".to_string(),
                    )?;
                    Metric::TierCount {
                        min_cny: yi.checked_mul(YI).ok_or("--min-tier-yi 太大".to_string())?,
                    }
                }
                MetricArg::StartedCount => Metric::StartedCount,
                MetricArg::ProductionCount => Metric::ProductionCount,
                MetricArg::ForeignUsd => Metric::ForeignUsd,
            };
            let value = parse_target_value(metric, &value)?;
            let existing = store
                .targets()
                .map_err(read)?
                .into_iter()
                .find(|t| t.period == period && t.scope == scope && t.metric == metric);
            let target = Target {
                id: existing.as_ref().map_or_else(uuid::Uuid::now_v7, |t| t.id),
                name: name
                    .or_else(|| existing.map(|t| t.name))
                    .unwrap_or_default(),
                period,
                scope,
                metric,
                value,
            };
            store
                .write(&[Write::PutTarget(target.clone())])
                .map_err(|e| {
                    format!("写入失败：{}", crate::i18n::store_error_text(Lang::Zh, &e))
                })?;
            Ok(format!(
                "已设定目标 {}：{}",
                labels::target_name(&teams, &target, Lang::Zh),
                labels::metric_value(metric, value, Lang::Zh)
            ))
        }
        TargetCommand::List => {
            let teams = store.teams().map_err(read)?;
            let targets = store.targets().map_err(read)?;
            if targets.is_empty() {
                return Ok("尚未设定目标。用 `zhaoshang target set …` 设定。".into());
            }
            let lines: Vec<String> = targets
                .iter()
                .map(|t| {
                    format!(
                        "{}  {}  {}",
                        t.id,
                        labels::target_name(&teams, t, Lang::Zh),
                        labels::metric_value(t.metric, t.value, Lang::Zh)
                    )
                })
                .collect();
            Ok(lines.join("\n"))
        }
        TargetCommand::Delete { id } => {
            let id = id.trim().to_lowercase();
            let matches: Vec<Target> = store
                .targets()
                .map_err(read)?
                .into_iter()
                .filter(|t| !id.is_empty() && t.id.to_string().starts_with(&id))
                .collect();
            match matches.as_slice() {
                [target] => {
                    store
                        .write(&[Write::DeleteTarget(target.id)])
                        .map_err(|e| {
                            format!("写入失败：{}", crate::i18n::store_error_text(Lang::Zh, &e))
                        })?;
                    let teams = store.teams().map_err(read)?;
                    Ok(format!(
                        "已删除目标 {}",
                        labels::target_name(&teams, target, Lang::Zh)
                    ))
                }
                [] => Err(format!(
                    "没有 id 以「{id}」开头的目标；`target list` 列出全部"
                )),
                _ => Err(format!("有多个目标的 id 以「{id}」开头，请多写几位")),
            }
        }
    }
}

/// A target's value as typed, or what is wrong with it (in Chinese, for the terminal).
fn parse_target_value(metric: Metric, text: &str) -> Result<i64, String> {
    target::parse_target_value(metric, text).map_err(|e| match e {
        TargetValueError::Amount(e) => format!("目标值：{}", amount_error_text(Lang::Zh, &e)),
        TargetValueError::WrongCurrency(c) => format!("目标值的币种应为{}", c.unit_zh()),
        TargetValueError::NotACount => format!("目标值应为项目个数（非负整数）：{text}"),
    })
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
    // Taken before the ledger is read: whatever another program writes from here on makes
    // the import check its duplicates and team names again, inside its write transaction.
    let mark = store
        .change_mark()
        .map_err(|e| format!("读取台账失败：{e}"))?;
    let current = existing(store).map_err(|e| format!("读取台账失败：{e}"))?;
    let remembered = |key: &str| store.setting(key).ok().flatten();
    let (book, preview) = check_file(ledger, sheet, &current, &remembered, &Progress::default())
        .map_err(|e| format!("{}：{}", ledger.display(), e.text(lang)))?;
    let layout = preview.layout.clone();
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
    let (changes, mut counts) = import_changes(preview, policy, &current.industries, &lookup);
    if write {
        let planned = store.write_planned(|s| {
            if !s.changed_since(&mark)? {
                let writes = changes.iter().map(|c| c.writes(true)).collect();
                return Ok((std::borrow::Cow::Owned(writes), (counts, false)));
            }
            let (writes, counts) = recheck_import(s, &book, layout, policy)?;
            Ok((std::borrow::Cow::Owned(writes), (counts, true)))
        });
        let (written, rechecked) = planned.map_err(|e: ImportFailure| {
            format!("{}\n写入失败，数据未改动：{}", out.join("\n"), e.text(lang))
        })?;
        counts = written;
        if rechecked {
            out.push(Lang::Zh.t(crate::i18n::T::ImpRechecked).to_string());
        }
    }
    out.insert(
        2,
        format!(
            "{verb}新增 {} 个项目，更新 {} 个，跳过 {} 个（重复）",
            counts.new, counts.updated, counts.skipped
        ),
    );
    if write {
        // Written above.
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

/// Why an import's write failed: the ledger refused it, or the file could not be checked again.
enum ImportFailure {
    Store(crate::store::StoreError),
    Check(crate::io::import::PreviewError),
}

impl From<crate::store::StoreError> for ImportFailure {
    fn from(e: crate::store::StoreError) -> Self {
        ImportFailure::Store(e)
    }
}

impl ImportFailure {
    fn text(&self, lang: Lang) -> String {
        match self {
            ImportFailure::Store(e) => crate::i18n::store_error_text(lang, e),
            ImportFailure::Check(e) => e.text(lang),
        }
    }
}

/// Inside the write transaction, after another program wrote to the ledger: the rows checked
/// again against the ledger as it is now (its projects, teams and officers), so a row another
/// import just added is a duplicate and a team it just made is used, not made twice.
fn recheck_import(
    store: &Store,
    book: &crate::io::sheet::Workbook,
    layout: Option<crate::io::header::Layout>,
    policy: crate::io::import::DuplicatePolicy,
) -> Result<(Vec<Write>, crate::app::import::ImportCounts), ImportFailure> {
    use crate::app::import::{existing, import_changes};
    use crate::io::import::{PreviewError, Progress, check_rows};
    let current = existing(store)?;
    let layout = layout.ok_or(ImportFailure::Check(PreviewError::NoHeader))?;
    let preview =
        check_rows(book, layout, &current, &Progress::default()).map_err(ImportFailure::Check)?;
    let lookup = |id| store.project(id).ok().flatten();
    let (changes, counts) = import_changes(preview, policy, &current.industries, &lookup);
    Ok((changes.iter().map(|c| c.writes(true)).collect(), counts))
}

/// A team's id by its name, or what to type instead.
fn team_by_name(store: &Store, name: &str) -> Result<uuid::Uuid, String> {
    let teams = store.teams().map_err(|e| e.to_string())?;
    teams
        .iter()
        .find(|t| t.name == name.trim())
        .map(|t| t.id)
        .ok_or_else(|| {
            let names: Vec<&str> = teams.iter().map(|t| t.name.as_str()).collect();
            format!("没有名为“{name}”的招商队伍。现有队伍：{}", names.join("、"))
        })
}
