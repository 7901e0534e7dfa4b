//! `activity add|list|done`: 日程 from the command line, with the names officers use (officers,
//! projects by name or 序号, types by code or name).

mod files;

use chrono::{NaiveDate, NaiveTime};
use clap::Subcommand;
use serde_json::json;
use uuid::Uuid;

use super::{ReportFormat, parse_day, read_failed, write_failed};
use crate::domain::activity::Review;
use crate::domain::activity::{
    Activity, ActivityFilter, ActivityProblem, ActivityStatus, ActivityType, type_of,
};
use crate::i18n::{Lang, T};
use crate::store::{REVIEWED_ONLY_KEY, Store, Write};

#[derive(Debug, Subcommand)]
pub enum ActivityCommand {
    /// Records an activity (planned unless --done).
    Add(AddArgs),
    /// Lists activities, by first day.
    List {
        #[arg(long, value_parser = parse_day)]
        from: Option<NaiveDate>,
        #[arg(long, value_parser = parse_day)]
        to: Option<NaiveDate>,
        /// Only this officer's, by name.
        #[arg(long)]
        officer: Option<String>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// A lead's review: 已审核 (approved) or 退回 (returned, with a comment).
    Review {
        id: String,
        #[arg(value_enum)]
        verdict: Verdict,
        #[arg(long, default_value = "")]
        comment: String,
    },
    /// Whether 考核 counts reviewed activities only (a team setting that travels in bundles).
    ReviewedOnly {
        #[arg(value_enum)]
        state: OnOff,
    },
    /// Imports a trip and visit register (外出招商登记表: .xlsx, .xls, .ods, .csv): prints what
    /// was added, the duplicates skipped, the rows refused and the names not found.
    Import {
        file: std::path::PathBuf,
        /// Check only: write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Exports activities (those touching --from..--to) to an .xlsx register that imports back.
    Export {
        #[arg(long)]
        out: std::path::PathBuf,
        #[arg(long, value_parser = parse_day)]
        from: Option<NaiveDate>,
        #[arg(long, value_parser = parse_day)]
        to: Option<NaiveDate>,
    },
    /// Marks an activity done (by its id, or its last 8 characters as lists show them); with --next,
    /// schedules its type's usual next one.
    Done {
        id: String,
        #[arg(long, default_value = "")]
        result: String,
        #[arg(long)]
        next: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Verdict {
    Approved,
    Returned,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OnOff {
    On,
    Off,
}

/// What `activity add` is told.
#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// The type: its code (visit, trip, signing …) or its name (拜访, 出差 …).
    #[arg(long = "type")]
    pub kind: String,
    /// First day, YYYY-MM-DD.
    #[arg(long, value_parser = parse_day)]
    pub date: NaiveDate,
    /// Last day (a trip's), YYYY-MM-DD; default the first.
    #[arg(long, value_parser = parse_day)]
    pub end: Option<NaiveDate>,
    /// Start time, HH:MM.
    #[arg(long)]
    pub time: Option<String>,
    /// End time, HH:MM.
    #[arg(long)]
    pub end_time: Option<String>,
    /// Where: a city or a country.
    #[arg(long, default_value = "")]
    pub place: String,
    /// An officer taking part, by name (repeat for several).
    #[arg(long = "officer")]
    pub officers: Vec<String>,
    /// A project it concerns, by name or 序号 (repeat for several).
    #[arg(long = "project")]
    pub projects: Vec<String>,
    /// A company met (repeat for several); default the projects' investors.
    #[arg(long = "company")]
    pub companies: Vec<String>,
    /// 领导带队: a leader took part.
    #[arg(long)]
    pub leader: bool,
    /// Already done.
    #[arg(long)]
    pub done: bool,
    #[arg(long, default_value = "")]
    pub result: String,
    #[arg(long, default_value = "")]
    pub next_step: String,
}

pub fn run_activity(
    store: &mut Store,
    command: ActivityCommand,
    today: NaiveDate,
    lang: Lang,
) -> Result<String, String> {
    let read = read_failed(lang);
    let types = store.activity_types().map_err(&read)?;
    match command {
        ActivityCommand::Add(args) => add(store, &types, args, lang),
        ActivityCommand::Import { file, dry_run } => {
            files::import(store, &types, &file, dry_run, today, lang)
        }
        ActivityCommand::Export { out, from, to } => files::export(store, &out, from, to, lang),
        ActivityCommand::List {
            from,
            to,
            officer,
            format,
        } => {
            let officer = officer
                .map(|name| officer_named(store, &name, lang))
                .transpose()?;
            let list = store
                .activities(&ActivityFilter {
                    from,
                    to,
                    officer,
                    ..ActivityFilter::default()
                })
                .map_err(&read)?;
            Ok(match format {
                ReportFormat::Json => {
                    let rows: Vec<_> = list.iter().map(|a| activity_json(store, a)).collect();
                    serde_json::to_string_pretty(&rows).unwrap_or_default()
                }
                ReportFormat::Text if list.is_empty() => lang.t(T::ActCliNone).to_string(),
                ReportFormat::Text => list
                    .iter()
                    .map(|a| line(store, &types, a, lang))
                    .collect::<Vec<_>>()
                    .join("\n"),
            })
        }
        ActivityCommand::Review {
            id,
            verdict,
            comment,
        } => {
            let mut a = activity_by_id(store, &id, lang)?;
            a.review = match verdict {
                Verdict::Approved => Review::Approved,
                Verdict::Returned => Review::Returned,
            };
            a.review_comment = comment;
            store
                .write(&[Write::PutActivity(a.clone())])
                .map_err(write_failed(lang))?;
            Ok(lang
                .t(T::ActCliReviewed)
                .replace("{review}", lang.activity_review_label(a.review))
                .replace("{line}", &line(store, &types, &a, lang)))
        }
        ActivityCommand::ReviewedOnly { state } => {
            let on = state == OnOff::On;
            store
                .write(&[Write::SetSetting(
                    REVIEWED_ONLY_KEY.into(),
                    if on { "1" } else { "0" }.into(),
                )])
                .map_err(write_failed(lang))?;
            Ok(lang
                .t(if on {
                    T::ActCliReviewedOnlyOn
                } else {
                    T::ActCliReviewedOnlyOff
                })
                .to_string())
        }
        ActivityCommand::Done { id, result, next } => {
            let mut a = activity_by_id(store, &id, lang)?;
            a.status = ActivityStatus::Done;
            if !result.is_empty() {
                a.result = result;
            }
            let mut writes = vec![Write::PutActivity(a.clone())];
            let suggested = next.then(|| a.suggested_next(&types, today)).flatten();
            if let Some(n) = &suggested {
                writes.push(Write::PutActivity(n.clone()));
            }
            store.write(&writes).map_err(write_failed(lang))?;
            let mut out = lang
                .t(T::ActCliDone)
                .replace("{line}", &line(store, &types, &a, lang));
            if let Some(n) = suggested {
                out.push('\n');
                out.push_str(
                    &lang
                        .t(T::ActCliNextScheduled)
                        .replace("{id}", &n.id.to_string())
                        .replace("{line}", &line(store, &types, &n, lang)),
                );
            }
            Ok(out)
        }
    }
}

fn check(a: &Activity, lang: Lang) -> Result<(), String> {
    match a.problems().first() {
        None => Ok(()),
        Some(ActivityProblem::NoType) => Err(lang.t(T::ActNoType).to_string()),
        Some(ActivityProblem::EndsBeforeStart) => Err(lang.t(T::ActEndsBeforeStart).to_string()),
        Some(ActivityProblem::TooLong) => Err(lang.t(T::ActTooLong).to_string()),
    }
}

fn parse_time(text: &str, lang: Lang) -> Result<NaiveTime, String> {
    crate::io::activities::parse_time_of_day(text)
        .ok_or_else(|| lang.t(T::ActCliBadTime).replace("{text}", text))
}

/// A type by its code or its name in either language.
fn type_named<'a>(
    types: &'a [ActivityType],
    name: &str,
    lang: Lang,
) -> Result<&'a ActivityType, String> {
    let name = name.trim();
    type_of(types, name)
        .or_else(|| {
            types
                .iter()
                .find(|t| t.name_zh == name || t.name_en.eq_ignore_ascii_case(name))
        })
        .ok_or_else(|| {
            let names: Vec<String> = types
                .iter()
                .map(|t| format!("{} ({})", lang.activity_type_name(t), t.code))
                .collect();
            lang.t(T::ActCliNoSuchType)
                .replace("{type}", name)
                .replace("{names}", &names.join(lang.t(T::CliListSep)))
        })
}

fn officer_named(store: &Store, name: &str, lang: Lang) -> Result<Uuid, String> {
    let officers = store.officers().map_err(read_failed(lang))?;
    officers
        .iter()
        .find(|o| o.name == name.trim())
        .map(|o| o.id)
        .ok_or_else(|| lang.t(T::ActCliNoSuchOfficer).replace("{name}", name))
}

/// A live project by its 序号 or its exact name, with its investor.
fn project_named(store: &Store, key: &str, lang: Lang) -> Result<(Uuid, String), String> {
    let read = read_failed(lang);
    if let Ok(seq) = key.trim().parse::<i64>()
        && let Some(p) = store.project_by_seq(seq).map_err(&read)?
    {
        return Ok((p.id, p.company));
    }
    let found = store.live_projects_named(key.trim()).map_err(&read)?;
    match found.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(lang.t(T::ActCliNoSuchProject).replace("{name}", key)),
        many => Err(lang
            .t(T::ActCliAmbiguousProject)
            .replace("{name}", key)
            .replace("{n}", &many.len().to_string())),
    }
}

/// The last 8 characters of an id: UUIDv7 ids begin with their time, so the ends tell
/// activities apart.
fn short_id(id: Uuid) -> String {
    let text = id.to_string();
    text[text.len() - 8..].to_string()
}

/// An activity by its id or the end of it (as lists show it), when that names one.
fn activity_by_id(store: &Store, id: &str, lang: Lang) -> Result<Activity, String> {
    let read = read_failed(lang);
    let missing = || lang.t(T::ActCliNoSuchActivity).replace("{id}", id);
    if let Ok(uuid) = Uuid::parse_str(id.trim()) {
        return store.activity(uuid).map_err(&read)?.ok_or_else(missing);
    }
    let end = id.trim().to_ascii_lowercase();
    if end.len() < 6 {
        return Err(missing());
    }
    let all = store
        .activities(&ActivityFilter::default())
        .map_err(&read)?;
    let mut matching = all.into_iter().filter(|a| a.id.to_string().ends_with(&end));
    match (matching.next(), matching.next()) {
        (Some(a), None) => Ok(a),
        _ => Err(missing()),
    }
}

/// The names of the officers on an activity (an officer since deleted is left out).
fn officer_names(store: &Store, a: &Activity) -> Vec<String> {
    let officers = store.officers().unwrap_or_default();
    a.officers
        .iter()
        .filter_map(|id| {
            officers
                .iter()
                .find(|o| o.id == *id)
                .map(|o| o.name.clone())
        })
        .collect()
}

/// One line of a list: day(s), type, status, place, officers, companies, short id.
fn line(store: &Store, types: &[ActivityType], a: &Activity, lang: Lang) -> String {
    let names = officer_names(store, a);
    let days = if a.end == a.start {
        a.start.to_string()
    } else {
        format!("{}–{}", a.start, a.end)
    };
    let kind = type_of(types, &a.kind)
        .map(|t| lang.activity_type_name(t).to_string())
        .unwrap_or_else(|| a.kind.clone());
    let sep = lang.t(T::CliListSep);
    lang.t(T::ActCliLine)
        .replace("{days}", &days)
        .replace("{type}", &kind)
        .replace("{status}", lang.activity_status_label(a.status))
        .replace("{place}", &a.place)
        .replace("{officers}", &names.join(sep))
        .replace("{companies}", &a.companies.join(sep))
        .replace("{id}", &short_id(a.id))
}

fn activity_json(store: &Store, a: &Activity) -> serde_json::Value {
    let names = officer_names(store, a);
    json!({
        "id": a.id.to_string(),
        "type": a.kind,
        "status": a.status.code(),
        "start": a.start.to_string(),
        "end": a.end.to_string(),
        "days": a.days(),
        "place": a.place,
        "officers": names,
        "leader_present": a.leader_present,
        "projects": a.projects.iter().map(Uuid::to_string).collect::<Vec<_>>(),
        "companies": a.companies,
        "result": a.result,
        "next_step": a.next_step,
        "review": a.review.code(),
    })
}

/// `activity add`: the activity as told, checked, then written.
fn add(
    store: &mut Store,
    types: &[ActivityType],
    args: AddArgs,
    lang: Lang,
) -> Result<String, String> {
    let AddArgs {
        kind,
        date,
        end,
        time,
        end_time,
        place,
        officers,
        projects,
        companies,
        leader,
        done,
        result,
        next_step,
    } = args;
    let kind = type_named(types, &kind, lang)?;
    let mut a = Activity::new(kind.code.clone(), date);
    a.end = end.unwrap_or(date);
    a.start_time = time.as_deref().map(|t| parse_time(t, lang)).transpose()?;
    a.end_time = end_time
        .as_deref()
        .map(|t| parse_time(t, lang))
        .transpose()?;
    a.place = place.trim().to_string();
    a.officers = officers
        .iter()
        .map(|name| officer_named(store, name, lang))
        .collect::<Result<_, _>>()?;
    let found = projects
        .iter()
        .map(|key| project_named(store, key, lang))
        .collect::<Result<Vec<_>, _>>()?;
    a.projects = found.iter().map(|(id, _)| *id).collect();
    a.companies = if companies.is_empty() {
        found
            .into_iter()
            .map(|(_, company)| company)
            .filter(|c| !c.is_empty())
            .collect()
    } else {
        companies.iter().map(|c| c.trim().to_string()).collect()
    };
    a.leader_present = leader;
    a.status = if done {
        ActivityStatus::Done
    } else {
        ActivityStatus::Planned
    };
    a.result = result;
    a.next_step = next_step;
    check(&a, lang)?;
    store
        .write(&[Write::PutActivity(a.clone())])
        .map_err(write_failed(lang))?;
    Ok(lang
        .t(T::ActCliAdded)
        .replace("{id}", &a.id.to_string())
        .replace("{line}", &line(store, types, &a, lang)))
}
