//! 项目看板 rules: how a stage move changes a project, when a move is backwards, and when a
//! project has gone stale in its stage (thresholds are a setting; a snooze silences the mark).

use chrono::NaiveDate;
use uuid::Uuid;

use super::project::{Project, Stage};

/// The five stages on the line, in order: the board's columns.
pub const LINE: [Stage; 5] = [
    Stage::Lead,
    Stage::Negotiating,
    Stage::Signed,
    Stage::Construction,
    Stage::Production,
];

/// One recorded move: from, to, the day stamped for the new stage, who and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageMove {
    pub id: Uuid,
    pub project_id: Uuid,
    pub from: Stage,
    pub to: Stage,
    pub date: NaiveDate,
    /// The officer chosen in settings as "me", by name; empty when none is chosen.
    pub who: String,
    pub reason: String,
}

/// True when the move goes back along the line (签约 → 在谈), or lands on the line before a
/// stage the project had already reached (搁置 → 在谈 after a signing): the later stage dates
/// are taken off the project (the history keeps them), so the user is asked first.
pub fn is_backward(project: &Project, to: Stage) -> bool {
    if to.is_off_line() || to == project.stage {
        return false;
    }
    let from_later = !project.stage.is_off_line() && project.stage > to;
    let later_dated = LINE
        .iter()
        .any(|s| *s > to && project.stage_date(*s).is_some());
    from_later || later_dated
}

/// The project after moving to `to` on `date`: the stage and its date are set; moving back
/// along the line clears the dates of the stages after `to`.
pub fn plan_move(project: &Project, to: Stage, date: NaiveDate) -> Project {
    let mut after = project.clone();
    if is_backward(project, to) {
        for s in LINE.iter().filter(|s| **s > to) {
            after.set_stage_date(*s, None);
        }
    }
    after.stage = to;
    after.set_stage_date(to, Some(date));
    after
}

/// The next or previous stage on the line (arrow keys on the board); off-line stages step back
/// onto the line at the furthest stage the project reached.
pub fn neighbour(project: &Project, forward: bool) -> Option<Stage> {
    let here = if project.stage.is_off_line() {
        LINE.iter()
            .rev()
            .find(|s| project.stage_date(**s).is_some())
            .copied()
            .unwrap_or(Stage::Lead)
    } else {
        project.stage
    };
    let i = LINE.iter().position(|s| *s == here)?;
    let target = if forward {
        LINE.get(i + 1).copied()
    } else {
        i.checked_sub(1).and_then(|j| LINE.get(j).copied())
    };
    if project.stage.is_off_line() && target.is_none() {
        return Some(here);
    }
    target
}

/// Days between reaching each dated on-line stage and the next one: (from, to, days).
pub fn timeline(project: &Project) -> Vec<(Stage, Stage, i64)> {
    let dated: Vec<(Stage, NaiveDate)> = LINE
        .iter()
        .filter_map(|s| project.stage_date(*s).map(|d| (*s, d)))
        .collect();
    dated
        .windows(2)
        .map(|w| (w[0].0, w[1].0, (w[1].1 - w[0].1).num_days()))
        .collect()
}

/// Amber and red thresholds, in days without an update, per stage (None: never stale).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StaleThresholds {
    days: [Option<(u32, u32)>; 7],
}

impl Default for StaleThresholds {
    fn default() -> Self {
        StaleThresholds {
            days: [
                Some((30, 60)),   // 线索
                Some((60, 120)),  // 在谈
                Some((90, 180)),  // 签约, until 开工
                Some((180, 365)), // 开工, until 投产
                None,             // 投产
                Some((90, 180)),  // 搁置: look again now and then
                None,             // 终止
            ],
        }
    }
}

/// The settings key the thresholds are stored under.
pub const STALE_SETTING: &str = "stale_thresholds";

impl StaleThresholds {
    pub fn get(&self, stage: Stage) -> Option<(u32, u32)> {
        self.days[stage.index()]
    }

    /// Sets a stage's thresholds; red below amber is raised to amber.
    pub fn set(&mut self, stage: Stage, days: Option<(u32, u32)>) {
        self.days[stage.index()] = days.map(|(amber, red)| (amber, red.max(amber)));
    }

    /// `lead=30/60;negotiating=60/120;production=-` — what the settings table keeps.
    pub fn to_setting(&self) -> String {
        Stage::ALL
            .iter()
            .map(|s| match self.get(*s) {
                Some((a, r)) => format!("{}={a}/{r}", s.code()),
                None => format!("{}=-", s.code()),
            })
            .collect::<Vec<_>>()
            .join(";")
    }

    /// Reads the stored text; a part that does not parse keeps its default.
    pub fn from_setting(text: &str) -> StaleThresholds {
        let mut out = StaleThresholds::default();
        for part in text.split(';') {
            let Some((code, value)) = part.split_once('=') else {
                continue;
            };
            let Some(stage) = Stage::from_code(code.trim()) else {
                continue;
            };
            let value = value.trim();
            if value == "-" {
                out.set(stage, None);
            } else if let Some((a, r)) = value.split_once('/')
                && let (Ok(a), Ok(r)) = (a.trim().parse(), r.trim().parse())
            {
                out.set(stage, Some((a, r)));
            }
        }
        out
    }
}

/// How a card is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Staleness {
    Fresh,
    /// Days without an update, at or past the amber threshold.
    Amber(i64),
    Red(i64),
    /// Would be stale, but 暂缓至 this day.
    Snoozed(NaiveDate),
}

/// The mark for a project last touched on `last_touch` (its last edit or the day it reached
/// its stage, whichever is later). A snooze holds through its day.
pub fn staleness(
    thresholds: &StaleThresholds,
    stage: Stage,
    last_touch: NaiveDate,
    today: NaiveDate,
    snoozed_until: Option<NaiveDate>,
) -> Staleness {
    let Some((amber, red)) = thresholds.get(stage) else {
        return Staleness::Fresh;
    };
    let days = (today - last_touch).num_days();
    let mark = if days >= red as i64 {
        Staleness::Red(days)
    } else if days >= amber as i64 {
        Staleness::Amber(days)
    } else {
        return Staleness::Fresh;
    };
    match snoozed_until {
        Some(until) if today <= until => Staleness::Snoozed(until),
        _ => mark,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2023, m, day).unwrap()
    }

    #[test]
    fn forward_and_backward_moves() {
        let mut p = Project::new("x");
        p.stage = Stage::Signed;
        p.set_stage_date(Stage::Lead, Some(d(1, 1)));
        p.set_stage_date(Stage::Signed, Some(d(3, 1)));
        assert!(!is_backward(&p, Stage::Construction));
        let up = plan_move(&p, Stage::Construction, d(4, 1));
        assert_eq!(up.stage, Stage::Construction);
        assert_eq!(up.stage_date(Stage::Construction), Some(d(4, 1)));
        assert_eq!(up.stage_date(Stage::Signed), Some(d(3, 1)));
        assert!(is_backward(&p, Stage::Negotiating));
        let back = plan_move(&p, Stage::Negotiating, d(5, 1));
        assert_eq!(back.stage_date(Stage::Signed), None);
        assert_eq!(back.stage_date(Stage::Negotiating), Some(d(5, 1)));
        assert!(back.validate().is_empty());
        // Off the line and back: after 搁置, resuming before the signing is backwards too.
        let held = plan_move(&p, Stage::OnHold, d(6, 1));
        assert!(!is_backward(&p, Stage::OnHold));
        assert_eq!(held.stage_date(Stage::Signed), Some(d(3, 1)));
        assert!(is_backward(&held, Stage::Negotiating));
        assert!(!is_backward(&held, Stage::Signed));
        assert_eq!(neighbour(&held, true), Some(Stage::Construction));
        assert_eq!(neighbour(&p, false), Some(Stage::Negotiating));
        let mut lead = Project::new("y");
        lead.stage = Stage::Lead;
        assert_eq!(neighbour(&lead, false), None);
    }

    #[test]
    fn stale_marks_and_snooze() {
        let t = StaleThresholds::default();
        let today = d(8, 31);
        assert_eq!(
            staleness(&t, Stage::Negotiating, d(7, 15), today, None),
            Staleness::Fresh
        );
        assert_eq!(
            staleness(&t, Stage::Negotiating, d(6, 1), today, None),
            Staleness::Amber(91)
        );
        assert_eq!(
            staleness(&t, Stage::Negotiating, d(4, 1), today, None),
            Staleness::Red(152)
        );
        assert_eq!(
            staleness(&t, Stage::Negotiating, d(4, 1), today, Some(d(8, 31))),
            Staleness::Snoozed(d(8, 31))
        );
        assert_eq!(
            staleness(&t, Stage::Negotiating, d(4, 1), today, Some(d(8, 30))),
            Staleness::Red(152)
        );
        assert_eq!(
            staleness(&t, Stage::Production, d(1, 1), today, None),
            Staleness::Fresh
        );
        let mut custom = t;
        custom.set(Stage::Negotiating, Some((10, 5)));
        custom.set(Stage::Lead, None);
        let round = StaleThresholds::from_setting(&custom.to_setting());
        assert_eq!(round, custom);
        assert_eq!(round.get(Stage::Negotiating), Some((10, 10)));
        assert_eq!(StaleThresholds::from_setting("garbage;lead=x/y"), t);
    }
}
