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
        let zh = lang == Lang::Zh;
        let pick = |a: String, b: String| if zh { a } else { b };
        match &self.kind {
            IssueKind::NameMissing => lang.t(T::ErrNameMissing).to_string(),
            IssueKind::Amount(e) => amount_error_text(lang, e),
            IssueKind::AmountCurrency(t) => pick(
                format!("“{t}”应为人民币金额"),
                format!("\"{t}\" must be an amount in CNY"),
            ),
            IssueKind::Date(t) => pick(
                format!("无法识别的日期“{t}”（示例：2023-09-04、2023年9月4日）"),
                format!("Not a date: \"{t}\" (e.g. 2023-09-04)"),
            ),
            IssueKind::Stage(t) => pick(
                format!("无法识别的阶段“{t}”（可用：线索、在谈、已签约、已开工、已投产、搁置、终止）"),
                format!("Unknown stage \"{t}\" (lead, negotiating, signed, construction, production, on hold, dropped)"),
            ),
            IssueKind::Capital(t) => pick(
                format!("无法识别的资本类型“{t}”（内资、外资、港澳台资）"),
                format!("Unknown capital type \"{t}\""),
            ),
            IssueKind::Ownership(t) => pick(
                format!("无法识别的企业性质“{t}”（央企、国企、民企、外企）"),
                format!("Unknown ownership \"{t}\""),
            ),
            IssueKind::YesNo(t) => pick(
                format!("应填“是”或“否”，现为“{t}”"),
                format!("Expected yes or no, found \"{t}\""),
            ),
            IssueKind::Number(t) => pick(
                format!("“{t}”不是数字"),
                format!("\"{t}\" is not a number"),
            ),
            IssueKind::CreditCode(e) => match e {
                CreditCodeError::Length(n) => lang.t(T::ErrCreditLength).replace("{n}", &n.to_string()),
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
            IssueKind::Approximate(t) => pick(
                format!("金额“{t}”带有约/超等限定词，按数字导入，请核实"),
                format!("\"{t}\" is approximate; imported as the figure, please check"),
            ),
            IssueKind::MonthOnly(t) => pick(
                format!("日期“{t}”只有年月，按当月1日导入"),
                format!("\"{t}\" has no day; imported as the 1st"),
            ),
            IssueKind::StageInferred(s) => pick(
                format!("阶段为空，按日期推断为“{}”", stage_label(lang, *s)),
                format!("No stage; taken as \"{}\" from the dates", stage_label(lang, *s)),
            ),
            IssueKind::DuplicateInFile(row) => lang
                .t(T::ImpDupInFile)
                .replace("{row}", &row.to_string()),
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
            IssueKind::TotalMismatch { written, computed } => pick(
                format!("合计行为 {written}，上方明细之和为 {computed}，请核对"),
                format!("The total says {written}; the rows above add up to {computed}"),
            ),
            IssueKind::TotalUnchecked => pick(
                "合计行无法核对（上方有无法识别或不同币种的金额）".to_string(),
                "The total could not be checked (amounts above are unreadable or in several currencies)".to_string(),
            ),
            IssueKind::OfficerWithoutTeam(name) => pick(
                format!("负责人“{name}”没有所属队伍，未关联；已写入备注"),
                format!("Officer \"{name}\" has no team; not linked, kept in the notes"),
            ),
            IssueKind::NoUnit => pick(
                "总投资未注明单位（表头或单元格），按万元计，请核实".to_string(),
                "The investment has no unit (header or cell); taken as 万元 (10k CNY), please check".to_string(),
            ),
            IssueKind::Ignored(header) => pick(
                format!("未识别的列“{header}”不导入（可在“列对应”中指定）"),
                format!("Column \"{header}\" is not imported (map it under Columns)"),
            ),
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
