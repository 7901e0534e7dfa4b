//! `chart`: one of the report's charts for a range, 招商地图 or a 产业链图谱, to a PNG or SVG
//! file, for the projects a team, industry or region filter picks.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::{chain, check_range, map, parse_day, read_failed, region_named, team_named};
use crate::i18n::{Lang, T};
use crate::report::charts::ChartKind;
use crate::report::{self, ReportRange};
use crate::store::Store;

/// Which chart `chart` draws, for which range and projects, to which file.
#[derive(Debug, clap::Args)]
pub struct ChartArgs {
    /// A chart's code, `map` for 招商地图, or `chain` for a 产业链图谱.
    #[arg(value_parser = chart_kind())]
    pub kind: Drawn,
    /// First day, YYYY-MM-DD (default: 1 January of the last day's year).
    #[arg(long, value_parser = parse_day)]
    pub from: Option<NaiveDate>,
    /// Last day, YYYY-MM-DD: the data's as-of date (default: today).
    #[arg(long, value_parser = parse_day)]
    pub to: Option<NaiveDate>,
    /// For `chain`: the chain's name (default: the first chain `chain list` lists).
    #[arg(long)]
    pub chain: Option<String>,
    /// The file to write: FILE.png or FILE.svg.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Width in pixels.
    #[arg(long, default_value_t = crate::io::charts::DEFAULT_SIZE.0)]
    pub width: u32,
    /// Height in pixels.
    #[arg(long, default_value_t = crate::io::charts::DEFAULT_SIZE.1)]
    pub height: u32,
    /// Only this team's projects (by name).
    #[arg(long)]
    pub team: Option<String>,
    /// Only this industry's projects.
    #[arg(long)]
    pub industry: Option<String>,
    /// Only projects from this economic region (长三角, 京津冀, 粤港澳大湾区, 成渝地区, 长江中游,
    /// 东北地区, 其他国内地区, 境外).
    #[arg(long)]
    pub region: Option<String>,
}

/// What `chart` draws: one of the report's charts, 招商地图, or a chain map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drawn {
    Chart(ChartKind),
    Map,
    Chain,
}

/// The charts the `chart` command draws, by their codes (`industry`, `funnel` …, `map`,
/// `chain`).
fn chart_kind() -> impl clap::builder::TypedValueParser<Value = Drawn> {
    use clap::builder::TypedValueParser;
    let codes = ChartKind::ALL
        .map(ChartKind::code)
        .into_iter()
        .chain(["map", "chain"]);
    clap::builder::PossibleValuesParser::new(codes).map(|code| {
        // The parser lets only these codes through.
        match code.as_str() {
            "map" => Drawn::Map,
            "chain" => Drawn::Chain,
            _ => ChartKind::ALL
                .into_iter()
                .find(|k| k.code() == code)
                .map_or(Drawn::Map, Drawn::Chart),
        }
    })
}

/// `chart`: one chart of a range (this year to date unless given), for the projects the filter
/// picks, or a chain map, to PNG or SVG.
pub(super) fn chart(
    store: &Store,
    args: ChartArgs,
    today: NaiveDate,
    lang: Lang,
) -> Result<String, String> {
    let read = read_failed(lang);
    let to = args.to.unwrap_or(today);
    let from = (args.from)
        .or_else(|| NaiveDate::from_ymd_opt(chrono::Datelike::year(&to), 1, 1))
        .unwrap_or(to);
    check_range(from, to, lang)?;
    let mut filter = crate::store::ReportFilter {
        industry: args
            .industry
            .map(|i| i.trim().to_string())
            .filter(|i| !i.is_empty()),
        ..Default::default()
    };
    if let Some(name) = args.team {
        filter.team_id = Some(team_named(store, &name, lang)?);
    }
    if let Some(text) = args.region {
        filter.region = Some(region_named(&text, lang)?);
    }
    let range = ReportRange { from, to };
    let kind = match args.kind {
        Drawn::Map => {
            return map::chart(
                store,
                range,
                &filter,
                &args.out,
                (args.width, args.height),
                lang,
            );
        }
        Drawn::Chart(kind) => kind,
        Drawn::Chain => return chain::chart(store, args.chain.as_deref(), &args.out, lang),
    };
    let counting = store.elapsed_counting().map_err(&read)?;
    let report = report::build_for(store, range, counting, &filter).map_err(&read)?;
    let charts = report::charts::build(store, &report, lang).map_err(read)?;
    crate::io::charts::export(&charts, kind, &args.out, (args.width, args.height))
        .map_err(|e| e.text(lang))?;
    Ok(lang
        .t(T::CliChartWritten)
        .replace("{title}", kind.title(lang))
        .replace("{path}", &args.out.display().to_string()))
}
