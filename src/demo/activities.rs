//! A year of the demo zone's 日程: trips to the 驻点 cities with visits on them, visits and
//! calls at home, follow-ups planned for the weeks ahead, and two signing events.

use chrono::{Datelike, Duration, NaiveDate};
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};

use super::{Demo, pick};
use crate::domain::activity::{Activity, ActivityStatus, Review, SIGNING_EVENT, TRIP};
use crate::domain::{Project, Stage};

/// Cities officers travel to when their team has no 驻点 base of its own.
const TRIP_CITIES: [&str; 6] = ["深圳", "上海", "北京", "杭州", "广州", "苏州"];

/// The activities of the year before `today` and the month after it, drawn from their own
/// stream (so adding them changed none of the projects a seed gives).
pub fn activities(demo: &Demo, seed: u64, today: NaiveDate) -> Vec<Activity> {
    let mut rng = SmallRng::seed_from_u64(seed ^ 0x5eed_ac71);
    let mut out = Vec::new();
    let year_ago = today - Duration::days(365);
    for officer in &demo.officers {
        let team = demo.teams.iter().find(|t| t.id == officer.team_id);
        let base = team.map(|t| t.base_city.as_str()).unwrap_or_default();
        let projects: Vec<&Project> = demo
            .projects
            .iter()
            .filter(|p| p.officer_id == Some(officer.id) && !p.stage.is_off_line())
            .collect();
        let mut month_start = year_ago;
        while month_start <= today {
            // About one trip a month, two to four days, to the team's base or a partner city.
            if rng.random_bool(0.7) {
                let start = month_start + Duration::days(rng.random_range(0..20));
                let days = rng.random_range(1..4);
                let city = if base.is_empty() {
                    *pick(&mut rng, &TRIP_CITIES)
                } else {
                    base
                };
                let mut trip = done_or_planned(Activity::new(TRIP, start), today);
                trip.end = start + Duration::days(days);
                trip.place = city.to_string();
                trip.officers = vec![officer.id];
                trip.leader_present = rng.random_bool(0.2);
                trip.result = "走访在谈企业，推介园区载体".into();
                let trip_id = trip.id;
                for _ in 0..rng.random_range(1..4) {
                    let Some(project) = projects.get(rng.random_range(0..projects.len().max(1)))
                    else {
                        break;
                    };
                    let day = start + Duration::days(rng.random_range(0..=days));
                    let mut visit = visit_of(project, officer.id, day, today);
                    visit.place = city.to_string();
                    visit.parent = Some(trip_id);
                    out.push(visit);
                }
                out.push(trip);
            }
            // Calls and visits at home.
            for _ in 0..rng.random_range(0..3) {
                let Some(project) = projects.get(rng.random_range(0..projects.len().max(1))) else {
                    break;
                };
                let day = month_start + Duration::days(rng.random_range(0..28));
                let kind = if rng.random_bool(0.5) {
                    "call"
                } else {
                    "received"
                };
                let mut a = visit_of(project, officer.id, day, today);
                a.kind = kind.into();
                out.push(a);
            }
            month_start += Duration::days(30);
        }
        // What is planned: a follow-up for some of the projects still moving.
        for project in projects.iter().filter(|p| p.stage < Stage::Signed).take(3) {
            let day = today + Duration::days(rng.random_range(-5..30));
            let mut a = visit_of(project, officer.id, day, today);
            a.kind = "followup".into();
            a.status = ActivityStatus::Planned;
            a.next_step = project.next_step.clone();
            out.push(a);
        }
    }
    out.extend(signing_events(demo, year_ago, today));
    out
}

/// Done when it began before today (and then mostly reviewed), planned from today on.
fn done_or_planned(mut a: Activity, today: NaiveDate) -> Activity {
    if a.start < today {
        a.status = ActivityStatus::Done;
        if a.start.month() != today.month() {
            a.review = Review::Approved;
        }
    }
    a
}

fn visit_of(project: &Project, officer: uuid::Uuid, day: NaiveDate, today: NaiveDate) -> Activity {
    let mut visit = done_or_planned(Activity::new("visit", day), today);
    visit.officers = vec![officer];
    visit.projects = vec![project.id];
    visit.companies = vec![project.company.clone()];
    if visit.status == ActivityStatus::Done {
        visit.result = "介绍项目进展，约定下次对接".into();
    }
    visit
}

/// Two 签约活动 of the year: the two days on which the most projects signed, each event with
/// those projects and their officers.
fn signing_events(demo: &Demo, from: NaiveDate, today: NaiveDate) -> Vec<Activity> {
    let mut by_day: std::collections::BTreeMap<NaiveDate, Vec<&Project>> = Default::default();
    for p in &demo.projects {
        if let Some(day) = p
            .stage_date(Stage::Signed)
            .filter(|d| *d >= from && *d <= today)
        {
            by_day.entry(day).or_default().push(p);
        }
    }
    let mut days: Vec<(NaiveDate, Vec<&Project>)> = by_day.into_iter().collect();
    days.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    days.into_iter()
        .take(2)
        .map(|(day, projects)| {
            let mut event = Activity::new(SIGNING_EVENT, day);
            event.status = ActivityStatus::Done;
            event.review = Review::Approved;
            event.place = "开发区管委会".into();
            event.leader_present = true;
            event.projects = projects.iter().map(|p| p.id).collect();
            event.companies = projects.iter().map(|p| p.company.clone()).collect();
            let mut officers: Vec<uuid::Uuid> =
                projects.iter().filter_map(|p| p.officer_id).collect();
            officers.sort();
            officers.dedup();
            event.officers = officers;
            event.result = format!("集中签约 {} 个项目", projects.len());
            event
        })
        .collect()
}
