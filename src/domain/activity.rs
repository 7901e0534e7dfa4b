//! 日程: visits, trips, signing events, appraisal meetings and follow-ups, the types they come
//! in (a setting, with the bureaus' usual ones as defaults) and what each counts as for 考核.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// What an activity of a type counts as in the officers' 考核.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CountsAs {
    /// 拜访: the companies met count towards 拜访企业数.
    Visit,
    /// 来访: a company received at home; counted as an activity, not as a visit made.
    Received,
    /// 出差 / 外出招商: its inclusive days count towards 外出天数.
    Trip,
    /// 签约活动, 推介会: an event.
    Event,
    /// 研判会: a meeting at home.
    Meeting,
    /// 电话 / 视频.
    Call,
    /// 跟进.
    FollowUp,
}

impl CountsAs {
    pub const ALL: [CountsAs; 7] = [
        CountsAs::Visit,
        CountsAs::Received,
        CountsAs::Trip,
        CountsAs::Event,
        CountsAs::Meeting,
        CountsAs::Call,
        CountsAs::FollowUp,
    ];
}

/// One type of activity: its code (stored), its names, what it counts as, and what is usually
/// scheduled after one is done (the type and in how many days), Odoo's chaining.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityType {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub counts_as: CountsAs,
    #[serde(default)]
    pub next: Option<NextActivity>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextActivity {
    pub code: String,
    pub days: u32,
}

/// The code of the built-in signing-event type: confirming one stamps 签约日期 on its projects.
pub const SIGNING_EVENT: &str = "signing";
/// The code of the built-in trip type: visits may sit inside one.
pub const TRIP: &str = "trip";

/// The bureaus' usual types, the defaults of the setting.
pub fn default_types() -> Vec<ActivityType> {
    let t = |code: &str, zh: &str, en: &str, counts_as, next: Option<(&str, u32)>| ActivityType {
        code: code.into(),
        name_zh: zh.into(),
        name_en: en.into(),
        counts_as,
        next: next.map(|(code, days)| NextActivity {
            code: code.into(),
            days,
        }),
    };
    vec![
        t(
            "visit",
            "拜访",
            "Visit",
            CountsAs::Visit,
            Some(("followup", 7)),
        ),
        t(
            "received",
            "来访",
            "Received visit",
            CountsAs::Received,
            Some(("followup", 7)),
        ),
        t(TRIP, "出差", "Trip", CountsAs::Trip, Some(("followup", 3))),
        t(
            SIGNING_EVENT,
            "签约活动",
            "Signing event",
            CountsAs::Event,
            None,
        ),
        t(
            "appraisal",
            "研判会",
            "Appraisal meeting",
            CountsAs::Meeting,
            Some(("followup", 7)),
        ),
        t(
            "promotion",
            "推介会",
            "Promotion event",
            CountsAs::Event,
            Some(("followup", 14)),
        ),
        t(
            "call",
            "电话/视频",
            "Call",
            CountsAs::Call,
            Some(("followup", 7)),
        ),
        t(
            "followup",
            "跟进",
            "Follow-up",
            CountsAs::FollowUp,
            Some(("followup", 14)),
        ),
    ]
}

/// 计划 / 已完成 / 取消.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ActivityStatus {
    #[default]
    Planned,
    Done,
    Cancelled,
}

impl ActivityStatus {
    pub const ALL: [ActivityStatus; 3] = [
        ActivityStatus::Planned,
        ActivityStatus::Done,
        ActivityStatus::Cancelled,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ActivityStatus::Planned => "planned",
            ActivityStatus::Done => "done",
            ActivityStatus::Cancelled => "cancelled",
        }
    }

    pub fn from_code(code: &str) -> Option<ActivityStatus> {
        ActivityStatus::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// A lead's review of a done activity: 已审核 or 退回 (with a comment).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Review {
    #[default]
    None,
    Approved,
    Returned,
}

impl Review {
    pub fn code(self) -> &'static str {
        match self {
            Review::None => "",
            Review::Approved => "approved",
            Review::Returned => "returned",
        }
    }

    pub fn from_code(code: &str) -> Option<Review> {
        [Review::None, Review::Approved, Review::Returned]
            .into_iter()
            .find(|r| r.code() == code)
    }
}

/// One activity: a visit, a trip, an event, a meeting, a call or a follow-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activity {
    pub id: Uuid,
    /// An [`ActivityType`] code.
    pub kind: String,
    pub status: ActivityStatus,
    pub start: NaiveDate,
    pub start_time: Option<NaiveTime>,
    /// The last day (inclusive); the same as `start` for a one-day activity.
    pub end: NaiveDate,
    pub end_time: Option<NaiveTime>,
    /// Where: a city or a country, read with the same rules as a project's 来源地.
    pub place: String,
    pub officers: Vec<Uuid>,
    /// 领导带队: a leader took part.
    pub leader_present: bool,
    pub projects: Vec<Uuid>,
    /// The companies met, as written (or a project's investor).
    pub companies: Vec<String>,
    pub result: String,
    pub next_step: String,
    /// The trip a visit was made on.
    pub parent: Option<Uuid>,
    pub review: Review,
    pub review_comment: String,
}

impl Activity {
    pub fn new(kind: impl Into<String>, start: NaiveDate) -> Activity {
        Activity {
            id: Uuid::now_v7(),
            kind: kind.into(),
            status: ActivityStatus::Planned,
            start,
            start_time: None,
            end: start,
            end_time: None,
            place: String::new(),
            officers: Vec::new(),
            leader_present: false,
            projects: Vec::new(),
            companies: Vec::new(),
            result: String::new(),
            next_step: String::new(),
            parent: None,
            review: Review::None,
            review_comment: String::new(),
        }
    }

    /// Inclusive days from start to end: a trip from the 3rd to the 5th is 3 days.
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days().max(0) + 1
    }

    /// Planned and its last day before `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status == ActivityStatus::Planned && self.end < today
    }

    /// What is wrong with it, if anything, before it may be saved.
    pub fn problems(&self) -> Vec<ActivityProblem> {
        let mut out = Vec::new();
        if self.kind.trim().is_empty() {
            out.push(ActivityProblem::NoType);
        }
        if self.end < self.start {
            out.push(ActivityProblem::EndsBeforeStart);
        }
        if self.end == self.start
            && let (Some(a), Some(b)) = (self.start_time, self.end_time)
            && b < a
        {
            out.push(ActivityProblem::EndsBeforeStart);
        }
        if (self.end - self.start).num_days() > MAX_ACTIVITY_DAYS {
            out.push(ActivityProblem::TooLong);
        }
        out
    }

    /// The usual next activity once this one is done: its type and day, with this one's
    /// officers, projects and companies, planned.
    pub fn suggested_next(&self, types: &[ActivityType], done_on: NaiveDate) -> Option<Activity> {
        let next = types.iter().find(|t| t.code == self.kind)?.next.as_ref()?;
        let day = done_on + chrono::Duration::days(next.days as i64);
        let mut a = Activity::new(next.code.clone(), day);
        a.officers = self.officers.clone();
        a.projects = self.projects.clone();
        a.companies = self.companies.clone();
        a.place = self.place.clone();
        a.next_step = String::new();
        Some(a)
    }
}

/// A trip longer than a year is a typing mistake (the end year mistyped).
pub const MAX_ACTIVITY_DAYS: i64 = 366;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActivityProblem {
    NoType,
    EndsBeforeStart,
    TooLong,
}

/// The type of `code` among `types`; `None` for a type deleted from the setting, or one from a
/// newer file (the activity is still shown, by its code, and counted by type).
pub fn type_of<'a>(types: &'a [ActivityType], code: &str) -> Option<&'a ActivityType> {
    types.iter().find(|t| t.code == code)
}

/// The next planned activity of a project: the board's mark and the project's next step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextPlanned {
    pub activity: Uuid,
    pub kind: String,
    pub start: NaiveDate,
}

/// A board card's activity mark, Pipedrive's way: the project's next planned activity is
/// overdue (red), today (green) or later (grey); amber when nothing is planned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActivityMark {
    Overdue,
    Today,
    Later,
    NonePlanned,
}

impl ActivityMark {
    /// The mark of a project whose next planned activity starts on `next` (none: `None`).
    pub fn of(next: Option<NaiveDate>, today: NaiveDate) -> ActivityMark {
        match next {
            None => ActivityMark::NonePlanned,
            Some(day) if day < today => ActivityMark::Overdue,
            Some(day) if day == today => ActivityMark::Today,
            Some(_) => ActivityMark::Later,
        }
    }
}

/// Which activities a list shows: a period (by the days they cover), an officer, a team (its
/// officers), a project, a status.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActivityFilter {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub officer: Option<Uuid>,
    pub team: Option<Uuid>,
    pub project: Option<Uuid>,
    pub status: Option<ActivityStatus>,
}

/// Whose 考核 figures a row holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AppraisalOf {
    Officer(Uuid),
    Team(Uuid),
    /// The whole zone: each activity and company once, however many officers were there.
    Zone,
}

/// One officer's or one team's 考核 figures for a period. How each is counted is in the README
/// (考核: how each figure is counted).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AppraisalFigures {
    /// 外出天数: the days of done trips inside the period, each trip's days counted once per
    /// officer on it (a team's figure is the sum over its officers: person-days).
    pub trip_days: i64,
    /// 拜访企业数: distinct companies met on done visits that began in the period.
    pub companies_visited: i64,
    /// Done activities that began in the period, by type code.
    pub by_kind: std::collections::BTreeMap<String, i64>,
    /// 新增线索: projects with a 线索日期 in the period whose 负责人 is the officer.
    pub new_leads: i64,
    /// 签约: projects with a 签约日期 in the period, and their investment in CNY units.
    pub signed_count: i64,
    pub signed_cny: i64,
}

impl AppraisalFigures {
    pub fn activities(&self) -> i64 {
        self.by_kind.values().sum()
    }
}

/// A row of the 考核 table: whose, the figures, and the rank (1 = first; ties share a rank).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppraisalRow {
    pub of: AppraisalOf,
    pub figures: AppraisalFigures,
    pub rank: usize,
}

/// The 考核 of a period: every officer's and every team's figures, ranked, and the zone's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Appraisal {
    pub officers: Vec<AppraisalRow>,
    pub teams: Vec<AppraisalRow>,
    pub zone: AppraisalFigures,
}

/// Ranks rows by 签约金额, then 签约个数, then 拜访企业数, then 外出天数 (all higher first);
/// rows equal on all four share a rank ("1, 2, 2, 4").
pub fn rank_appraisal(rows: &mut [AppraisalRow]) {
    let key = |f: &AppraisalFigures| {
        (
            std::cmp::Reverse(f.signed_cny),
            std::cmp::Reverse(f.signed_count),
            std::cmp::Reverse(f.companies_visited),
            std::cmp::Reverse(f.trip_days),
        )
    };
    rows.sort_by(|a, b| key(&a.figures).cmp(&key(&b.figures)).then(a.of.cmp(&b.of)));
    let mut rank = 0;
    for i in 0..rows.len() {
        if i == 0 || key(&rows[i].figures) != key(&rows[i - 1].figures) {
            rank = i + 1;
        }
        rows[i].rank = rank;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_trip_counts_its_days_inclusively() {
        let mut trip = Activity::new(TRIP, day(2026, 3, 3));
        trip.end = day(2026, 3, 5);
        assert_eq!(trip.days(), 3);
        assert!(trip.problems().is_empty());
    }

    #[test]
    fn an_end_before_the_start_is_refused() {
        let mut a = Activity::new("visit", day(2026, 3, 3));
        a.end = day(2026, 3, 2);
        assert_eq!(a.problems(), vec![ActivityProblem::EndsBeforeStart]);
    }

    #[test]
    fn a_done_visit_suggests_a_follow_up_a_week_later() {
        let mut visit = Activity::new("visit", day(2026, 3, 3));
        visit.officers = vec![Uuid::now_v7()];
        let next = visit
            .suggested_next(&default_types(), day(2026, 3, 4))
            .expect("next");
        assert_eq!(next.kind, "followup");
        assert_eq!(next.start, day(2026, 3, 11));
        assert_eq!(next.officers, visit.officers);
        assert_eq!(next.status, ActivityStatus::Planned);
    }

    #[test]
    fn the_default_types_chain_to_types_that_exist() {
        let types = default_types();
        for t in &types {
            if let Some(next) = &t.next {
                assert!(type_of(&types, &next.code).is_some(), "{}", t.code);
            }
        }
    }
}
