//! A project's 变更记录 in words: every field change the log holds, newest first, with who made
//! it, when, and from which file (a colleague's, merged in a 同步包, or this one).

use uuid::Uuid;

use super::AppState;
use crate::domain::Stage;
use crate::domain::money::yi_rounded;
use crate::i18n::{Lang, T, stage_label};
use crate::io::Field;
use crate::store::FieldChange;

/// One line of the record, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryLine {
    /// 2026-03-05 14:20
    pub when: String,
    /// The officer's name, and "（本文件）" or the other file's short id.
    pub who: String,
    /// "总投资：3.00亿 → 3.50亿", or "创建".
    pub what: String,
}

/// The ledger field a stored column holds, for its name in the UI's language.
fn field_of(column: &str) -> Option<Field> {
    Some(match column {
        "name" => Field::Name,
        "company" => Field::Company,
        "credit_code" => Field::CreditCode,
        "industry" => Field::Industry,
        "chain_link" => Field::ChainLink,
        "amount" => Field::Investment,
        "currency" => Field::Currency,
        "origin" => Field::Origin,
        "capital_type" => Field::CapitalType,
        "ownership" => Field::Ownership,
        "is_headquarters" => Field::Headquarters,
        "stage" => Field::Stage,
        "lead_date" => Field::LeadDate,
        "negotiating_date" => Field::NegotiatingDate,
        "signed_date" => Field::SignedDate,
        "construction_date" => Field::ConstructionDate,
        "production_date" => Field::ProductionDate,
        "on_hold_date" => Field::OnHoldDate,
        "dropped_date" => Field::DroppedDate,
        "team_id" => Field::Team,
        "officer_id" => Field::Officer,
        "land_centi_mu" => Field::Land,
        "annual_output_cny" => Field::AnnualOutput,
        "annual_tax_cny" => Field::AnnualTax,
        "jobs" => Field::Jobs,
        "next_step" => Field::NextStep,
        "next_step_due" => Field::NextStepDue,
        "notes" => Field::Notes,
        "tags" => Field::Tags,
        _ => return None,
    })
}

impl AppState {
    /// The project's activities as the editor's timeline lists them: (first day, words), e.g.
    /// "2026-03-05  拜访（已完成）· 苏州 · 介绍项目进展".
    pub fn project_activity_lines(&self, id: Uuid) -> Vec<(chrono::NaiveDate, String)> {
        let store = self.ledger.store();
        let types = store.activity_types().unwrap_or_default();
        let lang = self.lang;
        store
            .project_activities(id)
            .unwrap_or_default()
            .into_iter()
            .map(|a| {
                let kind = crate::domain::activity::type_of(&types, &a.kind)
                    .map(|t| lang.activity_type_name(t).to_string())
                    .unwrap_or_else(|| a.kind.clone());
                let mut text = lang
                    .t(T::TimelineActivity)
                    .replace("{day}", &a.start.to_string())
                    .replace("{type}", &kind)
                    .replace("{status}", lang.activity_status_label(a.status));
                for part in [&a.place, &a.result] {
                    if !part.is_empty() {
                        text.push_str(" · ");
                        text.push_str(part);
                    }
                }
                (a.start, text)
            })
            .collect()
    }

    /// The project's 变更记录, newest first; empty when the log cannot be read.
    pub fn project_history(&self, id: Uuid) -> Vec<HistoryLine> {
        let store = self.ledger.store();
        let here = store.sync_site().unwrap_or_default();
        let mut changes = store.project_history(id).unwrap_or_default();
        changes.sort_by_key(|c| std::cmp::Reverse((c.at, c.seq)));
        changes
            .iter()
            .map(|c| self.history_line(c, &here))
            .collect()
    }

    fn history_line(&self, c: &FieldChange, here: &str) -> HistoryLine {
        let lang = self.lang;
        let file = if c.site == here {
            lang.t(T::HistoryThisFile).to_string()
        } else {
            lang.t(T::HistoryOtherFile).replace(
                "{site}",
                c.site.get(c.site.len().saturating_sub(6)..).unwrap_or(""),
            )
        };
        let who = if c.officer_name.is_empty() {
            file
        } else {
            format!("{} {file}", c.officer_name)
        };
        let what = match &c.field {
            None => lang.t(T::HistoryCreated).to_string(),
            Some(column) if column == "deleted_at" => lang
                .t(if c.new.is_null() {
                    T::HistoryRestored
                } else {
                    T::HistoryDeleted
                })
                .to_string(),
            Some(column) => lang
                .t(T::HistoryChanged)
                .replace(
                    "{field}",
                    &field_of(column).map_or(column.clone(), |f| lang.field_label(f).to_string()),
                )
                .replace("{old}", &self.value_text(column, &c.old))
                .replace("{new}", &self.value_text(column, &c.new)),
        };
        HistoryLine {
            when: c
                .at
                .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_default(),
            who,
            what,
        }
    }

    /// A stored value as the editor shows it: names for ids, stage names, amounts in 亿.
    fn value_text(&self, column: &str, value: &serde_json::Value) -> String {
        use serde_json::Value;
        let lang = self.lang;
        let id = || value.as_str().and_then(|s| Uuid::parse_str(s).ok());
        match (column, value) {
            (_, Value::Null) => lang.t(T::HistoryEmpty).to_string(),
            (_, Value::String(s)) if s.is_empty() => lang.t(T::HistoryEmpty).to_string(),
            ("team_id", _) => self.ledger.team_name(id()).to_string(),
            ("officer_id", _) => self.ledger.officer_name(id()).to_string(),
            ("stage", Value::String(code)) => Stage::from_code(code)
                .map(|s| stage_label(lang, s).to_string())
                .unwrap_or_else(|| code.clone()),
            ("amount" | "annual_output_cny" | "annual_tax_cny", Value::Number(n)) => n
                .as_i64()
                .map(|units| yi_amount(units, lang))
                .unwrap_or_else(|| n.to_string()),
            (_, Value::String(s)) => s.clone(),
            (_, other) => other.to_string(),
        }
    }
}

fn yi_amount(units: i64, lang: Lang) -> String {
    lang.t(T::HistoryYi).replace("{yi}", &yi_rounded(units, 2))
}
