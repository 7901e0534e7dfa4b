//! 考核 in the report's JSON: the zone's activities by type, and every officer's figures with
//! their rank (`activities`, `by_officer`; the README says how each figure is counted).

use serde_json::{Value, json};

use super::Report;
use super::json::yi;
use crate::domain::activity::{AppraisalFigures, AppraisalOf, AppraisalRow, type_of};

/// A type's Chinese name, or its code for a type the setting no longer has.
fn type_name(report: &Report, code: &str) -> String {
    type_of(&report.activity_types, code)
        .map(|t| t.name_zh.clone())
        .unwrap_or_else(|| code.to_string())
}

fn figures_json(report: &Report, f: &AppraisalFigures) -> Value {
    let by_type: Vec<Value> = f
        .by_kind
        .iter()
        .map(|(code, count)| json!({ "type": code, "name": type_name(report, code), "count": count }))
        .collect();
    json!({
        "trip_days": f.trip_days,
        "companies_visited": f.companies_visited,
        "activities": f.activities(),
        "by_type": by_type,
        "new_leads": f.new_leads,
        "signed": { "count": f.signed_count, "amount_yi": yi(f.signed_cny) },
    })
}

fn row_json(report: &Report, row: &AppraisalRow) -> Value {
    let (name, team) = match row.of {
        AppraisalOf::Officer(id) => {
            let officer = report.officers.iter().find(|o| o.id == id);
            let team = officer.and_then(|o| report.teams.iter().find(|t| t.id == o.team_id));
            (
                officer.map(|o| o.name.clone()).unwrap_or_default(),
                team.map(|t| t.name.clone()),
            )
        }
        AppraisalOf::Team(id) => (
            report
                .teams
                .iter()
                .find(|t| t.id == id)
                .map(|t| t.name.clone())
                .unwrap_or_default(),
            None,
        ),
        AppraisalOf::Zone => (String::new(), None),
    };
    let mut value = figures_json(report, &row.figures);
    if let Value::Object(map) = &mut value {
        map.insert("name".into(), json!(name));
        if let Some(team) = team {
            map.insert("team".into(), json!(team));
        }
        map.insert("rank".into(), json!(row.rank));
    }
    value
}

/// The zone's figures (each activity and company once) and the teams' ranked figures.
pub fn activities_json(report: &Report) -> Value {
    let mut zone = figures_json(report, &report.appraisal.zone);
    let teams: Vec<Value> = report
        .appraisal
        .teams
        .iter()
        .map(|r| row_json(report, r))
        .collect();
    if let Value::Object(map) = &mut zone {
        map.insert("by_team".into(), Value::Array(teams));
    }
    zone
}

/// Every officer's figures, ranked.
pub fn by_officer_json(report: &Report) -> Value {
    Value::Array(
        report
            .appraisal
            .officers
            .iter()
            .map(|r| row_json(report, r))
            .collect(),
    )
}
