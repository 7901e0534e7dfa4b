//! The command line: the same ledger without a window — demo data, targets and reports,
//! import and export of Excel/CSV ledgers.

use crate::app::LedgerAction;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use crate::app::AppState;
use crate::domain::money::YI;
use crate::domain::target::{
    self, ElapsedCounting, Metric, Period, Scope, Target, TargetValueError,
};
use crate::i18n::{Lang, Place, T, amount_error_text, open_error_text_at, store_error_text};
use crate::report::{self, ReportRange, labels};
use crate::store::{FIRST_RUN_DONE_KEY, Store, StoreError, Write};

mod activity;
mod chain;
mod chart;
mod companies;
mod import;
mod map;
mod trip;
use import::import;

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
    /// The language of the command line's messages: zh (中文, the default) or en.
    #[arg(long, global = true, value_enum, default_value_t = LangArg::Zh)]
    pub lang: LangArg,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    #[command(flatten)]
    Sync(crate::cli_sync::SyncCommand),
    /// Writes a generated demo zone into the ledger.
    Demo {
        /// How many projects to generate.
        #[arg(long, default_value_t = 300)]
        projects: usize,
        /// Seed: the same seed gives the same zone.
        #[arg(long, default_value_t = 2023)]
        seed: u64,
    },
    /// 日程: records, lists or completes activities (visits, trips, events, follow-ups).
    Activity {
        #[command(subcommand)]
        command: activity::ActivityCommand,
    },
    /// 产业链图谱: lists, shows, imports, exports and draws chains.
    Chain {
        #[command(subcommand)]
        command: chain::ChainCommand,
    },
    /// 招商目标企业库: imports or exports target companies (.xlsx/.csv).
    #[command(name = "targets-co")]
    TargetsCo {
        #[command(subcommand)]
        command: companies::CompaniesCommand,
    },
    /// 出差清单: what a trip to a place should cover (`trip plan --place 苏州 --from --to`).
    #[command(subcommand)]
    Trip(trip::TripCommand),
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
        /// Checkpoint on a thread of its own, as the window does.
        #[arg(long)]
        checkpoint_in_background: bool,
        /// Characters of notes per project at most (larger rows fill the log sooner).
        #[arg(long, default_value_t = 700)]
        notes: usize,
    },
    /// Saves a copy of the whole ledger to a new file (a writable copy of a read-only ledger
    /// or of a backup).
    SaveCopy {
        /// The new ledger file.
        out: PathBuf,
    },
    /// Exports projects to .xlsx or .csv (the extension decides), optionally filtered.
    Export(ExportArgs),
    /// Draws one chart for a date range (this year to date unless given), the 招商地图 (`map`)
    /// or a chain map (`chain`), to a PNG or SVG file (by the file's extension).
    Chart(chart::ChartArgs),
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

/// What `export` writes and which projects.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The file to write: FILE.xlsx or FILE.csv.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Only this stage (已签约, signed, 在谈 …).
    #[arg(long)]
    pub stage: Option<String>,
    /// Only this industry.
    #[arg(long)]
    pub industry: Option<String>,
    /// Only this team (by name).
    #[arg(long)]
    pub team: Option<String>,
    /// Signed on or after this day (2023-01-01).
    #[arg(long)]
    pub from: Option<String>,
    /// Signed on or before this day (2023-12-31).
    #[arg(long)]
    pub to: Option<String>,
    /// The .xlsx as plain data, or in the office's 台账 form (title, 单位 line, 序号).
    #[arg(long, value_enum, default_value = "plain")]
    pub form: FormArg,
}

/// How `export` lays out an .xlsx.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormArg {
    Plain,
    Ledger,
}

/// The languages the command line speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LangArg {
    Zh,
    En,
}

impl From<LangArg> for Lang {
    fn from(lang: LangArg) -> Lang {
        match lang {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

/// A month written YYYY-MM. Like [`parse_day`], a value parser: clap runs it before `--lang`
/// is known, so its message is in the default language, Chinese (it names the format, which
/// reads the same in both).
fn parse_month(text: &str) -> Result<(i32, u32), String> {
    let bad = || Lang::Zh.t(T::CliBadMonth).replace("{text}", text);
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

/// A day written YYYY-MM-DD, for clap (in Chinese: see [`parse_month`]).
fn parse_day(text: &str) -> Result<NaiveDate, String> {
    day_in(Lang::Zh, text)
}

/// A day written YYYY-MM-DD, or what to write instead.
fn day_in(lang: Lang, text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| lang.t(T::CliBadDay).replace("{text}", text))
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

/// Runs a subcommand, speaking `lang`; the error is a message for stderr.
pub fn run(db: PathBuf, command: Command, today: NaiveDate, lang: Lang) -> Result<String, String> {
    if let Command::Sync(command) = command {
        return crate::cli_sync::run(&db, command, lang);
    }
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
            | Command::Activity {
                command: activity::ActivityCommand::List { .. }
            }
    ) || matches!(&command, Command::Chain { command } if chain::reads_only(command))
        || matches!(&command, Command::TargetsCo { command } if companies::reads_only(command));
    let dry_run_on_nothing =
        matches!(command, Command::Import { dry_run: true, .. }) && !db.exists();
    let opened = if dry_run_on_nothing {
        Store::in_memory()
    } else if read_only {
        Store::open_to_read(&db)
    } else {
        Store::open(&db)
    };
    let mut store = opened.map_err(|e| open_error_text_at(lang, &e, Place::CommandLine))?;
    let read = read_failed(lang);
    match command {
        Command::Sync(command) => crate::cli_sync::run(&db, command, lang),
        Command::Demo { projects, seed } => {
            let demo = crate::demo::generate(projects, seed, today);
            let activities = crate::demo::activities(&demo, seed, today);
            let mut chain_writes = crate::app::chain::demo_chain_writes(&demo, seed);
            // The attachments by project, after the chains and links (stable: those keep their
            // order): their by-project index is then filled at its end, and the by-link one at
            // a few places, instead of both at random (the 300,000 attachments of 1,000,000
            // projects took 12–14 s instead of 4.5 s).
            chain_writes.sort_by_key(|w| match w {
                Write::PutProjectLink(l) => Some(l.project),
                _ => None,
            });
            let mut writes: Vec<Write> = Vec::with_capacity(
                demo.projects.len() + activities.len() + chain_writes.len() + 64,
            );
            writes.extend(demo.teams.into_iter().map(Write::PutTeam));
            writes.extend(demo.officers.into_iter().map(Write::PutOfficer));
            // In id order (UUIDv7: by the day each lead began), so each row's key lands at the
            // end of the id index instead of at a random page of it: at 1,000,000 projects the
            // random order made the rows take 18.8 s instead of 8.1 s.
            let mut in_id_order = demo.projects;
            in_id_order.sort_unstable_by_key(|p| p.id);
            writes.extend(in_id_order.into_iter().map(Write::PutProject));
            writes.extend(activities.into_iter().map(Write::PutActivity));
            writes.extend(chain_writes);
            writes.push(Write::SetSetting(FIRST_RUN_DONE_KEY.into(), "1".into()));
            store.write(&writes).map_err(write_failed(lang))?;
            let total = store.project_count().map_err(read)?;
            Ok(lang
                .t(T::CliDemoDone)
                .replace("{projects}", &projects.to_string())
                .replace("{total}", &total.to_string())
                .replace("{path}", &db.display().to_string()))
        }
        Command::Target { command } => run_target(&mut store, command, lang),
        Command::Activity { command } => activity::run_activity(&mut store, command, today, lang),
        Command::Chain { command } => chain::run_chain(&mut store, command, lang),
        Command::TargetsCo { command } => companies::run_companies(&mut store, command, lang),
        Command::Trip(command) => trip::run_trip(&store, command, today, lang),
        Command::Report {
            from,
            to,
            format,
            elapsed,
        } => {
            check_range(from, to, lang)?;
            let counting = match elapsed {
                Some(ElapsedArg::Days) => ElapsedCounting::Days,
                Some(ElapsedArg::Months) => ElapsedCounting::Months,
                None => store.elapsed_counting().map_err(&read)?,
            };
            let report = report::build(&store, ReportRange { from, to }, counting).map_err(read)?;
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
            (dry_run, skip_bad_rows),
            today,
            lang,
        ),
        Command::EditLoop {
            count,
            checkpoint_in_background,
            notes,
        } => {
            if checkpoint_in_background {
                store
                    .checkpoint_in_background()
                    .map_err(write_failed(lang))?;
            }
            edit_loop(&mut store, count, notes.max(1), lang)
        }
        Command::SaveCopy { out } => {
            if out.exists() {
                let path = out.display().to_string();
                return Err(lang.t(T::CliCopyExists).replace("{path}", &path));
            }
            store.save_copy(&out).map_err(write_failed(lang))?;
            let path = out.display().to_string();
            Ok(lang.t(T::CliCopySaved).replace("{path}", &path))
        }
        Command::Export(args) => export(store, args, today, lang),
        Command::Chart(args) => chart::chart(&store, args, today, lang),
        Command::Review { month, out } => {
            let counting = store.elapsed_counting().map_err(read)?;
            let written = crate::io::review::write_pack(&store, month, counting, today, &out)
                .map_err(|e| e.text(lang))?;
            let mut lines = vec![
                lang.t(T::CliPackWritten)
                    .replace("{year}", &month.0.to_string())
                    .replace("{month}", &month.1.to_string())
                    .replace("{path}", &out.display().to_string()),
            ];
            lines.extend(written.iter().map(|p| {
                lang.t(T::CliPackChart)
                    .replace("{path}", &p.display().to_string())
            }));
            Ok(lines.join("\n"))
        }
    }
}

/// `export`: the projects the filter picks, to .xlsx or .csv.
fn export(store: Store, args: ExportArgs, today: NaiveDate, lang: Lang) -> Result<String, String> {
    let mut filter = crate::store::ProjectFilter::default();
    if let Some(text) = args.stage {
        let stage = crate::io::import::parse_stage(&text)
            .ok_or_else(|| lang.t(T::CliUnknownStage).replace("{text}", &text))?;
        filter.stages = vec![stage];
    }
    filter.industry = args.industry;
    if let Some(name) = args.team {
        filter.team_id = Some(team_named(&store, &name, lang)?);
    }
    let day = |text: Option<String>| text.map(|t| day_in(lang, &t)).transpose();
    filter.date_from = day(args.from)?;
    filter.date_to = day(args.to)?;
    let mut state = AppState::new(store, today, lang);
    state.apply(LedgerAction::SetFilter(Box::new(filter), None));
    let form = match args.form {
        FormArg::Plain => crate::io::export::ExportForm::Plain,
        FormArg::Ledger => crate::io::export::ExportForm::Ledger {
            year: chrono::Datelike::year(&today),
        },
    };
    let n = state.export_form_to(&args.out, form)?;
    Ok(lang
        .t(T::ExpDone)
        .replace("{n}", &n.to_string())
        .replace("{path}", &args.out.display().to_string()))
}

/// Prints what a command answered (stdout) or why it failed (stderr) and says how to exit.
/// A reader that goes away early (`zhaoshang report … | head`) ends the output quietly.
pub fn finish(result: Result<String, String>) -> ExitCode {
    match result {
        Ok(message) => {
            let mut out = std::io::stdout().lock();
            // A closed pipe (or any other failure to print) has no one left to tell.
            let _ = writeln!(out, "{message}").and_then(|()| out.flush());
            ExitCode::SUCCESS
        }
        Err(message) => {
            let _ = writeln!(std::io::stderr().lock(), "{message}");
            ExitCode::FAILURE
        }
    }
}

/// A read that failed, in words, for the terminal.
fn read_failed(lang: Lang) -> impl Fn(StoreError) -> String {
    move |e| {
        lang.t(T::CliReadFailed)
            .replace("{e}", &store_error_text(lang, &e))
    }
}

/// A write that failed (and so changed nothing), in words, for the terminal.
fn write_failed(lang: Lang) -> impl Fn(StoreError) -> String {
    move |e| {
        lang.t(T::CliWriteFailed)
            .replace("{e}", &store_error_text(lang, &e))
    }
}

/// Names in a list, as the language writes one.
fn listed<'a>(lang: Lang, names: impl IntoIterator<Item = &'a str>) -> String {
    names
        .into_iter()
        .collect::<Vec<_>>()
        .join(lang.t(T::CliListSep))
}

/// A thing and what is said of it: 第3行：… or row 3: …
fn labelled(lang: Lang, what: &str, said: &str) -> String {
    lang.t(T::CliLabelled)
        .replace("{what}", what)
        .replace("{said}", said)
}

fn check_range(from: NaiveDate, to: NaiveDate, lang: Lang) -> Result<(), String> {
    if to < from {
        return Err(lang
            .t(T::CliEndBeforeStart)
            .replace("{to}", &to.to_string())
            .replace("{from}", &from.to_string()));
    }
    Ok(())
}

/// A team's id by its name, or the names to type instead.
fn team_named(store: &Store, name: &str, lang: Lang) -> Result<uuid::Uuid, String> {
    let teams = store.teams().map_err(read_failed(lang))?;
    teams
        .iter()
        .find(|t| t.name == name.trim())
        .map(|t| t.id)
        .ok_or_else(|| {
            lang.t(T::CliNoSuchTeam).replace("{name}", name).replace(
                "{names}",
                &listed(lang, teams.iter().map(|t| t.name.as_str())),
            )
        })
}

/// An economic region by its Chinese name, its code or its English name.
fn region_named(text: &str, lang: Lang) -> Result<crate::domain::region::EconomicRegion, String> {
    use crate::domain::region::EconomicRegion;
    let text = text.trim();
    EconomicRegion::ALL
        .into_iter()
        .find(|r| r.name_zh() == text || r.code() == text || r.name_en().eq_ignore_ascii_case(text))
        .ok_or_else(|| {
            let names = EconomicRegion::ALL.iter().map(|r| lang.region_label(*r));
            lang.t(T::CliUnknownRegion)
                .replace("{text}", text)
                .replace("{names}", &listed(lang, names))
        })
}

fn run_target(store: &mut Store, command: TargetCommand, lang: Lang) -> Result<String, String> {
    let read = read_failed(lang);
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
                .ok_or_else(|| lang.t(T::CliBadPeriod).to_string())?;
            let scope = match (team, industry) {
                (Some(team), _) => Scope::Team(team_named(store, &team, lang)?),
                (None, Some(industry)) => {
                    let industries = store.industries().map_err(&read)?;
                    let industry = industry.trim().to_string();
                    if !industries.contains(&industry) {
                        return Err(lang
                            .t(T::CliNoSuchIndustry)
                            .replace("{industry}", &industry)
                            .replace(
                                "{names}",
                                &listed(lang, industries.iter().map(String::as_str)),
                            ));
                    }
                    Scope::Industry(industry)
                }
                (None, None) => Scope::Zone,
            };
            let metric = metric_of(metric, min_tier_yi, lang)?;
            let value = parse_target_value(metric, &value, lang)?;
            let existing = store
                .targets()
                .map_err(&read)?
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
                .map_err(write_failed(lang))?;
            let teams = store.teams().map_err(&read)?;
            Ok(lang
                .t(T::CliTargetSet)
                .replace("{name}", &labels::target_name(&teams, &target, lang))
                .replace("{value}", &labels::metric_value(metric, value, lang)))
        }
        TargetCommand::List => {
            let teams = store.teams().map_err(&read)?;
            let targets = store.targets().map_err(&read)?;
            if targets.is_empty() {
                return Ok(lang.t(T::CliNoTargets).to_string());
            }
            let lines: Vec<String> = targets
                .iter()
                .map(|t| {
                    format!(
                        "{}  {}  {}",
                        t.id,
                        labels::target_name(&teams, t, lang),
                        labels::metric_value(t.metric, t.value, lang)
                    )
                })
                .collect();
            Ok(lines.join("\n"))
        }
        TargetCommand::Delete { id } => {
            let id = id.trim().to_lowercase();
            let matches: Vec<Target> = store
                .targets()
                .map_err(&read)?
                .into_iter()
                .filter(|t| !id.is_empty() && t.id.to_string().starts_with(&id))
                .collect();
            match matches.as_slice() {
                [target] => {
                    store
                        .write(&[Write::DeleteTarget(target.id)])
                        .map_err(write_failed(lang))?;
                    let teams = store.teams().map_err(&read)?;
                    Ok(lang
                        .t(T::CliTargetDeleted)
                        .replace("{name}", &labels::target_name(&teams, target, lang)))
                }
                [] => Err(lang.t(T::CliNoTargetId).replace("{id}", &id)),
                _ => Err(lang.t(T::CliManyTargetIds).replace("{id}", &id)),
            }
        }
    }
}

/// The metric a target measures; a tier count needs its floor.
fn metric_of(metric: MetricArg, min_tier_yi: Option<i64>, lang: Lang) -> Result<Metric, String> {
    Ok(match metric {
        MetricArg::SignedAmount => Metric::SignedAmount,
        MetricArg::SignedCount => Metric::SignedCount,
        MetricArg::TierCount => {
            let yi = min_tier_yi
                .filter(|y| *y > 0)
                .ok_or_else(|| lang.t(T::CliTierNeedsFloor).to_string())?;
            Metric::TierCount {
                min_cny: yi
                    .checked_mul(YI)
                    .ok_or_else(|| lang.t(T::CliTierTooLarge).to_string())?,
            }
        }
        MetricArg::StartedCount => Metric::StartedCount,
        MetricArg::ProductionCount => Metric::ProductionCount,
        MetricArg::ForeignUsd => Metric::ForeignUsd,
    })
}

/// A target's value as typed, or what is wrong with it.
fn parse_target_value(metric: Metric, text: &str, lang: Lang) -> Result<i64, String> {
    target::parse_target_value(metric, text).map_err(|e| match e {
        TargetValueError::Amount(e) => lang
            .t(T::CliTargetValue)
            .replace("{e}", &amount_error_text(lang, &e)),
        TargetValueError::WrongCurrency(c) => {
            let unit = lang.currency_unit(c);
            lang.t(T::CliTargetCurrency).replace("{unit}", unit)
        }
        TargetValueError::NotACount => lang.t(T::CliTargetNotCount).replace("{text}", text),
    })
}

/// The hidden `edit-loop` the crash tests kill: one durable write after another, each
/// acknowledged on stdout only once it has committed.
fn edit_loop(store: &mut Store, count: usize, notes: usize, lang: Lang) -> Result<String, String> {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    for i in 0..count {
        let name = format!("循环编辑{i}");
        let mut project = crate::domain::Project::new(name.clone());
        // Sizes spread over 0..notes from the first write on (a multiplicative hash of i).
        project.notes = "x".repeat(i.wrapping_mul(7919) % notes);
        store
            .write(&[Write::PutProject(project)])
            .map_err(write_failed(lang))?;
        let _ = writeln!(stdout, "ack {name}");
        let _ = stdout.flush();
    }
    Ok(lang
        .t(T::CliEditLoopDone)
        .replace("{n}", &count.to_string()))
}
