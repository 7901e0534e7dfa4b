//! What a problem found in a ledger is, where it is, and how it is told to the user.

use crate::domain::Stage;
use crate::domain::checks::DateProblem;
use crate::domain::credit_code::CreditCodeError;
use crate::domain::money::AmountError;
use crate::domain::money::scaled_zh;
use crate::i18n::{Lang, T, amount_error_text, stage_label};

/// One problem found, where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// Row number as the spreadsheet shows it (1-based); 0 for the file as a whole.
    pub row: usize,
    /// Column letter and header, e.g. "C 总投资（亿元）"; empty for a whole row.
    pub column: String,
    pub kind: IssueKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IssueKind {
    // Errors: the row is not imported.
    NameMissing,
    Amount(AmountError),
    AmountCurrency(String),
    Date(String),
    Stage(String),
    Capital(String),
    Ownership(String),
    YesNo(String),
    Number(String),
    CreditCode(CreditCodeError),
    StageOrder(Stage, Stage),
    // Warnings: the row is imported, the user should look.
    Approximate(String),
    MonthOnly(String),
    StageInferred(Stage),
    DuplicateInFile(usize),
    TotalMismatch {
        written: String,
        computed: String,
    },
    TotalUnchecked,
    OfficerWithoutTeam(String),
    NoUnit,
    Ignored(String),
    /// The stage and a date disagree, or a step taken is dated in the future.
    StageDate(DateProblem),
    /// 总投资 (in CNY) above the plausible bound for one project.
    Implausible {
        cny: i64,
        bound: i64,
    },
    /// The amounts' unit was read from a line above the header (`line` is that cell).
    UnitFromTitle {
        row: usize,
        line: String,
        word: String,
    },
}

impl IssueKind {
    pub fn is_error(&self) -> bool {
        matches!(
            self,
            IssueKind::NameMissing
                | IssueKind::Amount(_)
                | IssueKind::AmountCurrency(_)
                | IssueKind::Date(_)
                | IssueKind::Stage(_)
                | IssueKind::Capital(_)
                | IssueKind::Ownership(_)
                | IssueKind::YesNo(_)
                | IssueKind::Number(_)
                | IssueKind::CreditCode(_)
                | IssueKind::StageOrder(..)
        )
    }
}

impl Issue {
    /// The reason in the user's language, with what to do.
    pub fn text(&self, lang: Lang) -> String {
        let t = |key: T, text: &str| lang.t(key).replace("{t}", text);
        match &self.kind {
            IssueKind::NameMissing => lang.t(T::ErrNameMissing).to_string(),
            IssueKind::Amount(e) => amount_error_text(lang, e),
            IssueKind::AmountCurrency(text) => t(T::ImpIssueNotCny, text),
            IssueKind::Date(text) => t(T::ImpIssueDate, text),
            IssueKind::Stage(text) => t(T::ImpIssueStage, text),
            IssueKind::Capital(text) => t(T::ImpIssueCapital, text),
            IssueKind::Ownership(text) => t(T::ImpIssueOwnership, text),
            IssueKind::YesNo(text) => t(T::ImpIssueYesNo, text),
            IssueKind::Number(text) => t(T::ImpIssueNumber, text),
            IssueKind::CreditCode(e) => match e {
                CreditCodeError::Length(n) => {
                    lang.t(T::ErrCreditLength).replace("{n}", &n.to_string())
                }
                CreditCodeError::Character(c, pos) => lang
                    .t(T::ErrCreditChar)
                    .replace("{c}", &c.to_string())
                    .replace("{pos}", &pos.to_string()),
                CreditCodeError::CheckDigit { expected, found } => lang
                    .t(T::ErrCreditCheck)
                    .replace("{expected}", &expected.to_string())
                    .replace("{found}", &found.to_string()),
            },
            IssueKind::StageOrder(a, b) => lang
                .t(T::ErrStageOrder)
                .replace("{a}", stage_label(lang, *a))
                .replace("{b}", stage_label(lang, *b)),
            IssueKind::Approximate(text) => t(T::ImpIssueApproximate, text),
            IssueKind::MonthOnly(text) => t(T::ImpIssueMonthOnly, text),
            IssueKind::StageInferred(s) => lang
                .t(T::ImpIssueStageInferred)
                .replace("{stage}", stage_label(lang, *s)),
            IssueKind::DuplicateInFile(row) => {
                lang.t(T::ImpDupInFile).replace("{row}", &row.to_string())
            }
            IssueKind::StageDate(problem) => date_problem_text(lang, *problem),
            IssueKind::Implausible { cny, bound } => lang
                .t(T::ImpImplausible)
                .replace("{amount}", &scaled_zh(*cny))
                .replace("{bound}", &scaled_zh(*bound)),
            IssueKind::UnitFromTitle { row, line, word } => lang
                .t(T::ImpUnitFromTitle)
                .replace("{row}", &row.to_string())
                .replace("{line}", line)
                .replace("{word}", word),
            IssueKind::TotalMismatch { written, computed } => lang
                .t(T::ImpIssueTotalMismatch)
                .replace("{written}", written)
                .replace("{computed}", computed),
            IssueKind::TotalUnchecked => lang.t(T::ImpIssueTotalUnchecked).to_string(),
            IssueKind::OfficerWithoutTeam(name) => lang
                .t(T::ImpIssueOfficerWithoutTeam)
                .replace("{name}", name),
            IssueKind::NoUnit => lang.t(T::ImpIssueNoUnit).to_string(),
            IssueKind::Ignored(header) => lang.t(T::ImpIssueIgnored).replace("{header}", header),
        }
    }
}

/// A stage and a date that disagree, in words.
pub fn date_problem_text(lang: Lang, problem: DateProblem) -> String {
    let day = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    match problem {
        DateProblem::AheadOfStage {
            stage,
            dated,
            day: d,
        } => lang
            .t(T::ImpStageAhead)
            .replace("{stage}", stage_label(lang, stage))
            .replace("{dated}", stage_label(lang, dated))
            .replace("{day}", &day(d)),
        DateProblem::InFuture { dated, day: d } => lang
            .t(T::ImpDateFuture)
            .replace("{dated}", stage_label(lang, dated))
            .replace("{day}", &day(d)),
    }
}
