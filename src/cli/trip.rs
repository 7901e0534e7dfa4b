//! `trip plan`: 出差清单 from the command line — for a place and days, the target companies
//! there (缺链 first) and the 在谈 projects, with owners and last contact; `--out` writes the
//! list as .xlsx too.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Subcommand;

use super::{check_range, parse_day, read_failed};
use crate::app::trip_plan::{list_title, trip_list};
use crate::i18n::{Lang, T};
use crate::io::trip::{COLUMNS, export_trip_list, trip_rows};
use crate::store::Store;

#[derive(Debug, Subcommand)]
pub enum TripCommand {
    /// Lists what a trip to a city or province should cover (缺链 targets ticked first).
    Plan {
        /// A city or a province: 苏州, 江苏省, Suzhou.
        #[arg(long)]
        place: String,
        /// First day, YYYY-MM-DD.
        #[arg(long, value_parser = parse_day)]
        from: NaiveDate,
        /// Last day, YYYY-MM-DD.
        #[arg(long, value_parser = parse_day)]
        to: NaiveDate,
        /// Also write the list to this .xlsx.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

pub fn run_trip(
    store: &Store,
    command: TripCommand,
    today: NaiveDate,
    lang: Lang,
) -> Result<String, String> {
    let TripCommand::Plan {
        place,
        from,
        to,
        out,
    } = command;
    check_range(from, to, lang)?;
    let read = read_failed(lang);
    let officers = store.officers().map_err(&read)?;
    let name = |id: Option<uuid::Uuid>| {
        (officers.iter().find(|o| Some(o.id) == id)).map_or_else(String::new, |o| o.name.clone())
    };
    let list = trip_list(store, name, &place, today).map_err(&read)?;
    let picks = list.default_picks();
    let title = list_title(lang, &place, from, to);
    let rows = trip_rows(&list, &picks, lang);
    let mut lines = vec![title.clone()];
    if rows.is_empty() {
        lines.push(lang.t(T::TripNothingThere).replace("{place}", place.trim()));
    } else {
        let header: Vec<&str> = COLUMNS.iter().map(|k| lang.t(*k)).collect();
        lines.push(header.join("\t"));
        lines.extend(rows.iter().map(|r| r.cells.join("\t")));
    }
    if let Some(out) = out {
        let n = export_trip_list(&out, &title, &list, &picks, lang).map_err(|e| e.text(lang))?;
        lines.push(
            lang.t(T::TripExported)
                .replace("{n}", &n.to_string())
                .replace("{path}", &out.display().to_string()),
        );
    }
    Ok(lines.join("\n"))
}
