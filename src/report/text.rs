//! The report as the text a lead pastes into a monthly report (Chinese).

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use super::labels::{key_label, metric_value, target_name};
use super::{Report, Share, share_tenths, yoy_tenths};
use crate::domain::money::yi_rounded;
use crate::domain::target::{ElapsedCounting, tenths_text};
use crate::i18n::{Lang, stage_label};
use crate::store::{Dimension, Tally};

fn day_zh(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

fn amount(t: Tally) -> String {
    format!("{}亿元", yi_rounded(t.amount_cny, 2))
}

/// "增长20.8%", "下降3.1%", "持平"; or why there is no figure.
fn change(tenths: Option<i64>) -> String {
    match tenths {
        None => "上年同期为零，无法计算增幅".to_string(),
        Some(0) => "持平".to_string(),
        Some(t) if t > 0 => format!("增长{}%", tenths_text(t)),
        Some(t) => format!("下降{}%", tenths_text(-t)),
    }
}

fn rank_change(change: Option<i64>) -> String {
    match change {
        None => "—".to_string(),
        Some(0) => "持平".to_string(),
        Some(c) if c > 0 => format!("↑{c}"),
        Some(c) => format!("↓{}", -c),
    }
}

fn section(out: &mut String, report: &Report, title: &str, dimension: Dimension, rows: &[Share]) {
    let _ = writeln!(out, "\n{title}");
    if rows.is_empty() {
        let _ = writeln!(out, "  无");
        return;
    }
    let total = report.current.signed;
    for row in rows {
        let share = share_tenths(row.tally.amount_cny, total.amount_cny)
            .map(|t| format!("，占{}%", tenths_text(t)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {}：{}个，{}{share}",
            key_label(report, dimension, &row.key, Lang::Zh),
            row.tally.count,
            amount(row.tally)
        );
    }
}

pub fn to_text(report: &Report) -> String {
    let mut out = String::new();
    let (from, to) = (report.range.from, report.range.to);
    let _ = writeln!(out, "{}至{}招商引资工作情况", day_zh(from), day_zh(to));

    let now = report.current;
    let last = report.last_year;
    let _ = writeln!(out, "\n一、总体情况");
    let _ = writeln!(
        out,
        "  新签约项目{}个，总投资{}；上年同期{}个、{}，项目个数{}，投资额{}。",
        now.signed.count,
        amount(now.signed),
        last.signed.count,
        amount(last.signed),
        change(yoy_tenths(now.signed.count, last.signed.count)),
        change(yoy_tenths(now.signed.amount_cny, last.signed.amount_cny)),
    );
    let _ = writeln!(
        out,
        "  新开工项目{}个，总投资{}（同比{}）；新投产项目{}个，总投资{}（同比{}）。",
        now.started.count,
        amount(now.started),
        change(yoy_tenths(now.started.count, last.started.count)),
        now.in_production.count,
        amount(now.in_production),
        change(yoy_tenths(
            now.in_production.count,
            last.in_production.count
        )),
    );

    let counting = match report.counting {
        ElapsedCounting::Days => "按天",
        ElapsedCounting::Months => "按月",
    };
    let _ = writeln!(
        out,
        "\n二、目标完成情况（截至{}，序时进度{counting}计）",
        day_zh(to)
    );
    if report.targets.is_empty() {
        let _ = writeln!(out, "  未设目标。");
    }
    for t in &report.targets {
        let p = &t.progress;
        let completion = p
            .completion_tenths()
            .map(|c| format!("完成率{}%", tenths_text(c)))
            .unwrap_or_else(|| "目标为零，无完成率".into());
        let ahead = match p.ahead_tenths() {
            Some(a) if a >= 0 => format!("，超序时进度{}个百分点", tenths_text(a)),
            Some(a) => format!("，落后序时进度{}个百分点", tenths_text(-a)),
            None => String::new(),
        };
        let _ = writeln!(
            out,
            "  {}：目标{}，完成{}，{completion}，序时进度{}%{ahead}。",
            target_name(&report.teams, &t.target, Lang::Zh),
            metric_value(t.target.metric, p.target, Lang::Zh),
            metric_value(t.target.metric, p.actual, Lang::Zh),
            tenths_text(p.elapsed_tenths()),
        );
    }

    let _ = writeln!(out, "\n三、签约项目量级分布");
    for (band, tally) in &report.by_tier {
        let _ = writeln!(
            out,
            "  {}：{}个，{}",
            report.tiers.label_zh(*band),
            tally.count,
            amount(*tally)
        );
    }
    section(
        &mut out,
        report,
        "四、签约项目分产业",
        Dimension::Industry,
        &report.by_industry,
    );
    section(
        &mut out,
        report,
        "五、签约项目分来源地（经济区）",
        Dimension::Region,
        &report.by_region,
    );
    section(
        &mut out,
        report,
        "六、签约项目分来源地（城市、国家）",
        Dimension::Origin,
        &report.by_origin,
    );

    let _ = writeln!(out, "\n七、各招商队伍赛马排名");
    if report.standings.is_empty() {
        let _ = writeln!(out, "  无");
    }
    for s in &report.standings {
        let completion = s
            .completion_tenths
            .map(|c| format!("目标完成率{}%", tenths_text(c)))
            .unwrap_or_else(|| "未设目标".into());
        let _ = writeln!(
            out,
            "  第{}名 {}：签约{}个，{}，{completion}（较上月{}）",
            s.rank_by_completion,
            s.name,
            s.signed.count,
            amount(s.signed),
            rank_change(s.completion_rank_change()),
        );
    }
    mismatches(&mut out, report);
    out
}

/// 口径提示: the projects counted by a date their stage has not reached, when there are any.
fn mismatches(out: &mut String, report: &Report) {
    let Some(note) = mismatch_note(report) else {
        return;
    };
    let _ = writeln!(out, "\n{note}（按日期计入本期，但阶段未到）：");
    for m in &report.stage_date_mismatches {
        let _ = writeln!(
            out,
            "  {}：阶段为{}，{}日期{}",
            m.name,
            stage_label(Lang::Zh, m.stage),
            stage_label(Lang::Zh, m.dated),
            day_zh(m.day)
        );
    }
}

/// "口径提示: 3 个项目阶段与日期不一致", or `None` when stage and dates agree throughout.
pub(super) fn mismatch_note(report: &Report) -> Option<String> {
    let n = report.stage_date_mismatches.len();
    (n > 0).then(|| format!("口径提示: {n} 个项目阶段与日期不一致"))
}
